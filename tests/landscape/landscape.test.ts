/**
 * The map of viable texts: every cell equals a separate run of a scenario whose option is that
 * text (same seed and passes), count for count, blockers included, so the shortcuts of the map's
 * inner loop are exact; coarse maps (fewer blocks, a coarser grid, a range of cells) are exactly
 * parts of the full one; the most viable text and its paired advantage over the runner-up; bad
 * settings named by path.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BLOCK_SIZE,
  ConcertInputError,
  addTally,
  landscape,
  landscapeLeaders,
  prepareLandscape,
  runLandscapeBlocks,
  runLandscapePair,
  simulate,
  summarizeLandscape,
  type LandscapeCell,
  type ScenarioInput,
} from '../../packages/core/src/index.js';
import { ally, scenarioOf, toyScenario } from '../core/helpers.js';

const nato = () => JSON.parse(readFileSync(new URL('../../examples/scenarios/nato-russia-2025.json', import.meta.url), 'utf8')) as ScenarioInput;

function problemsOf(run: () => unknown): { path: string; message: string; value?: unknown }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConcertInputError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConcertInputError');
}

/** The scenario with the given cells' texts as its options (at the map's visibility). */
function scenarioOfCells(scenario: ScenarioInput, cells: readonly LandscapeCell[], visibility: number): ScenarioInput {
  return {
    ...structuredClone(scenario),
    options: cells.map((cell, k) => ({ id: `cell-${k}`, firmness: cell.firmness, engagement: cell.engagement, visibility })),
  };
}

/** Expects every listed cell of a map to equal the same text run on its own by simulate(), count for count. */
function expectCellsMatchSeparateRuns(scenario: ScenarioInput, settings: Parameters<typeof landscape>[1], cellIndices: readonly number[]): void {
  const map = landscape(scenario, settings);
  const cells = cellIndices.map((c) => map.cells[c]!);
  const run = simulate(scenarioOfCells(scenario, cells, map.manifest.visibility), { passes: settings.passes, seed: settings.seed });
  cells.forEach((cell, k) => {
    const option = run.options[k]!;
    const where = `cell ${cellIndices[k]} (${cell.firmness}, ${cell.engagement})`;
    expect(cell.consensus, where).toEqual(option.consensus);
    expect(cell.risk, where).toEqual(option.risk);
    expect(cell.viability, where).toEqual(option.viability);
    // The top blocker: the ally with the most blocks (first in ally order on a tie).
    let top: (typeof option.allies)[number] | null = null;
    for (const candidate of option.allies) if (candidate.blockerRate.estimate > 0 && (top === null || candidate.blockerRate.estimate > top.blockerRate.estimate)) top = candidate;
    if (settings.blockers === false) expect(cell.topBlocker).toBeNull();
    else expect(cell.topBlocker === null ? null : [cell.topBlocker.id, cell.topBlocker.rate], where).toEqual(top === null ? null : [top.id, top.blockerRate]);
  });
}

/** Every `step`-th cell of a grid, plus the corners. */
function spread(grid: number, step: number): number[] {
  const cells = new Set<number>([0, grid - 1, grid * (grid - 1), grid * grid - 1]);
  for (let c = 0; c < grid * grid; c += step) cells.add(c);
  return [...cells].sort((a, b) => a - b);
}

describe('landscape(scenario, settings): each cell is a text judged in the same passes', () => {
  it('every cell of a 9 x 9 map of toy-32 equals a separate run of that text (same seed, passes), blockers included', () => {
    expectCellsMatchSeparateRuns(toyScenario(), { passes: 600, seed: 5, grid: 9 }, Array.from({ length: 81 }, (_, c) => c));
  });

  it('so do cells of the default scenario at two visibilities, with and without blockers', () => {
    expectCellsMatchSeparateRuns(nato(), { passes: 500, seed: 'map', grid: 21, visibility: 0.6 }, spread(21, 7));
    expectCellsMatchSeparateRuns(nato(), { passes: 500, seed: 'map', grid: 21, visibility: 0.2, blockers: false }, spread(21, 5));
  });

  it('is exact under unequal dimension weights, no amendment rounds, a silent ally and a narrow range', () => {
    const base = scenarioOf({
      statusQuo: { firmness: 0.5, engagement: 0.3, visibility: 0.3 },
      dimensionWeights: { firmness: 2, engagement: 0.5 },
      allies: [
        ally('A', { hawkishness: { center: 0.7, uncertainty: 0.8 }, engagementPreference: { center: 0.2, uncertainty: 0.5 }, salience: 0.6, solidarityCost: 0.05 }),
        ally('B', { hawkishness: { center: 0.3, uncertainty: 0.6 }, engagementPreference: { center: 0.7, uncertainty: 0.6 }, salience: 0.8, solidarityCost: 0.02 }),
        ally('C', { hawkishness: 0.55, engagementPreference: 0.35, salience: 0, solidarityCost: 0 }),
        ally('D', { hawkishness: { center: 0.6, uncertainty: 1 }, salience: { center: 0.5, uncertainty: 1 }, solidarityCost: 0.1, influence: 3 }),
      ],
      bargaining: { maxRounds: 4, step: 0.4, maxDrift: 0.3 },
    });
    expectCellsMatchSeparateRuns(base, { passes: 400, seed: 11, grid: 7 }, Array.from({ length: 49 }, (_, c) => c));
    expectCellsMatchSeparateRuns({ ...base, bargaining: { maxRounds: 0, step: 0.5, maxDrift: 0.15 } }, { passes: 400, seed: 11, grid: 7 }, spread(7, 3));
    expectCellsMatchSeparateRuns(base, { passes: 400, seed: 12, grid: 5, firmness: { lower: 0.4, upper: 0.6 }, engagement: { lower: 0.25, upper: 0.45 } }, spread(5, 2));
  });

  it('is exact with a signal formula that reads unity (played in full there too)', () => {
    const scenario = { ...toyScenario(), signal: { exponent: 2, threshold: { center: 0.3, uncertainty: 0.5 }, formula: 'visibility * firmness ^ exponent * (0.5 + 0.5 * unity)' } };
    expectCellsMatchSeparateRuns(scenario, { passes: 300, seed: 2, grid: 6 }, spread(6, 4));
  });

  it('puts the grid on both ends of each range, row by row, at the status quo visibility by default', () => {
    const map = landscape(toyScenario(), { passes: 10, seed: 1, grid: 5, firmness: { lower: 0.2, upper: 0.6 } });
    expect(map.firmness).toEqual([0, 1, 2, 3, 4].map((k) => 0.2 + (0.6 - 0.2) * (k / 4)));
    expect(map.engagement).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(map.cells[7]).toMatchObject({ firmness: map.firmness[2], engagement: map.engagement[1], passes: 10 });
    expect(map.manifest).toMatchObject({ grid: 5, visibility: toyScenario().statusQuo.visibility, blockers: true, passes: 10, blockSize: BLOCK_SIZE });
  });
});

describe('coarse maps are exactly parts of the refined one', () => {
  const scenario = toyScenario();

  it('the first blocks of a map give the map of that many passes; the rest adds up to the whole', () => {
    const plan = prepareLandscape(scenario, { passes: 1000, seed: 3, grid: 11 });
    const first = runLandscapeBlocks(plan, { from: 0, to: 1 });
    const direct = prepareLandscape(scenario, { passes: BLOCK_SIZE, seed: 3, grid: 11 });
    expect(JSON.stringify(summarizeLandscape(plan, first).cells)).toBe(JSON.stringify(summarizeLandscape(direct, runLandscapeBlocks(direct, { from: 0, to: 1 })).cells));
    const rest = runLandscapeBlocks(plan, { from: 1, to: plan.blocks });
    addTally(rest, first);
    expect(Array.from(rest)).toEqual(Array.from(runLandscapeBlocks(plan, { from: 0, to: plan.blocks })));
  });

  it('cell ranges run apart (as on several workers) add up to the whole map, byte for byte', () => {
    const plan = prepareLandscape(scenario, { passes: 600, seed: 4, grid: 9 });
    const whole = runLandscapeBlocks(plan, { from: 0, to: plan.blocks });
    const sum = new Float64Array(plan.tallySize);
    for (const [cells, blocks] of [[{ from: 40, to: 81 }, { from: 1, to: 3 }], [{ from: 0, to: 40 }, { from: 0, to: 3 }], [{ from: 40, to: 81 }, { from: 0, to: 1 }]] as const)
      addTally(sum, runLandscapeBlocks(plan, blocks, { cells }));
    expect(Array.from(sum)).toEqual(Array.from(whole));
  });

  it('an 11 x 11 map is every 4th point of the 41 x 41 one, with the same numbers', () => {
    const coarse = landscape(scenario, { passes: 300, seed: 8, grid: 11 });
    const plan = prepareLandscape(scenario, { passes: 300, seed: 8, grid: 41 });
    const fine = summarizeLandscape(plan, runLandscapeBlocks(plan, { from: 0, to: plan.blocks }));
    for (let row = 0; row < 11; row++)
      for (let column = 0; column < 11; column++) expect(fine.cells[4 * row * 41 + 4 * column]).toEqual(coarse.cells[row * 11 + column]);
  });
});

describe('the most viable text', () => {
  it('is the cell of highest viability, with its Wilson interval and a paired advantage over the runner-up', () => {
    const scenario = toyScenario();
    const settings = { passes: 2000, seed: 6, grid: 11, visibility: 0.8 };
    const map = landscape(scenario, settings);
    const { best, runnerUp, ties, advantage } = map.mostViable!;
    const estimates = map.cells.map((cell) => cell.viability.estimate);
    expect(best.viability.estimate).toBe(Math.max(...estimates));
    expect(best).toEqual({ cell: best.cell, ...map.cells[best.cell]! });
    expect(ties).toBe(estimates.filter((e) => e === best.viability.estimate).length);
    expect(runnerUp!.viability.estimate).toBe(Math.max(...estimates.filter((_, c) => c !== best.cell)));
    // The advantage is paired: its counts are the passes where only one of the two is viable,
    // recounted here from separate runs of the two texts with per-pass outcomes.
    const plan = prepareLandscape(scenario, settings);
    const pair = runLandscapePair(plan, [best.cell, runnerUp!.cell], { from: 0, to: plan.blocks });
    expect(advantage).toMatchObject({ up: pair[1], down: pair[2] });
    expect(advantage!.up - advantage!.down).toBe(Math.round((best.viability.estimate - runnerUp!.viability.estimate) * settings.passes));
    const n = settings.passes;
    const mean = advantage!.estimate;
    expect(advantage!.standardError).toBeCloseTo(Math.sqrt(((advantage!.up + advantage!.down) / n - mean * mean) * n / (n - 1) / n), 15);
    expect(advantage!.lower).toBeCloseTo(mean - 1.959963984540054 * advantage!.standardError, 15);
  });

  it('pairs cover the same passes whatever the block split, and refuse cells outside the map', () => {
    const plan = prepareLandscape(toyScenario(), { passes: 900, seed: 6, grid: 5 });
    const whole = runLandscapePair(plan, [3, 12], { from: 0, to: plan.blocks });
    const parts = runLandscapePair(plan, [3, 12], { from: 0, to: 2 });
    addTally(parts, runLandscapePair(plan, [3, 12], { from: 2, to: plan.blocks }));
    expect(Array.from(parts)).toEqual(Array.from(whole));
    expect(problemsOf(() => runLandscapePair(plan, [3, 25], { from: 0, to: 1 }))[0]).toMatchObject({ path: 'cells[1]' });
    const tally = runLandscapeBlocks(plan, { from: 0, to: plan.blocks });
    const leaders = landscapeLeaders(plan, tally)!;
    expect(problemsOf(() => summarizeLandscape(plan, tally, { cells: [leaders.best, (leaders.best + 1) % 25 === leaders.runnerUp ? (leaders.best + 2) % 25 : (leaders.best + 1) % 25], counts: whole }))[0]).toMatchObject({ path: 'pair.cells' });
  });
});

describe('the map goes through the model', () => {
  it('judges texts with the model’s rule: swap it and every text passes (the chair-and-unanimity shortcut steps aside)', () => {
    const plan = prepareLandscape(toyScenario(), { passes: 300, seed: 3, grid: 5 });
    const nobodyObjects = { name: 'nobodyObjects', judge: (_m: unknown, _w: unknown, _f: number, _e: number, judgment: { objectors: number }) => ((judgment.objectors = 0), true) };
    const swapped = { ...plan, model: { ...plan.model, decisionRule: nobodyObjects } };
    const map = summarizeLandscape(swapped, runLandscapeBlocks(swapped, { from: 0, to: swapped.blocks }));
    for (const cell of map.cells) expect([cell.consensus.estimate, cell.topBlocker]).toEqual([1, null]);
    // ...while the real rule blocks some texts in some passes.
    expect(summarizeLandscape(plan, runLandscapeBlocks(plan, { from: 0, to: plan.blocks })).cells.some((cell) => cell.consensus.estimate < 1)).toBe(true);
  });
});

describe('bad settings', () => {
  it('are refused with path, value and what was expected', () => {
    const problems = problemsOf(() => landscape(toyScenario(), { passes: 100, seed: 1, grid: 500, visibility: 1.5, firmness: { lower: 0.6, upper: 0.2 } }));
    expect(problems.map((p) => p.path)).toEqual(['grid', 'visibility', 'firmness.upper']);
    expect(problems[2]).toMatchObject({ message: 'must be greater than lower (0.6)', value: 0.2 });
    expect(problems[0]).toMatchObject({ message: 'must be a whole number from 2 to 201 (points per side)', value: 500 });
    expect(problems[1]).toMatchObject({ message: 'must be from 0 to 1 (the visibility of every text on the map)', value: 1.5 });
    expect(problemsOf(() => landscape(toyScenario(), { passes: 1e6, seed: 1, grid: 41 }))).toEqual([
      { path: 'passes', message: 'must be at most 594,883 for a grid of 41 (grid x grid x passes, the texts to judge, is at most 1,000,000,000: lower the grid or the passes)', value: 1e6 },
    ]);
    expect(problemsOf(() => landscape(toyScenario(), { passes: 0, seed: '', grid: 1 } as never)).map((p) => p.path)).toEqual(['passes', 'seed', 'grid']);
  });

  it('refuses a tally of the wrong size and a cell range outside the map', () => {
    const plan = prepareLandscape(toyScenario(), { passes: 100, seed: 1, grid: 3 });
    expect(problemsOf(() => summarizeLandscape(plan, new Float64Array(5)))[0]).toMatchObject({ path: 'tally' });
    expect(problemsOf(() => runLandscapeBlocks(plan, { from: 0, to: 1 }, { cells: { from: 0, to: 10 } }))[0]).toMatchObject({ path: 'cells' });
  });
});
