/**
 * The map of viable texts in the notebook: the schedule (coarse, then the fine map block by
 * block, in pieces of rows), the cell under a point and under the arrow keys, the map's words,
 * and the runner on inline workers: the maps it shows are byte for byte the core's landscape()
 * for any number of workers, and a newer map supersedes an older one.
 */
import { describe, expect, it } from 'vitest';
import { blockCount, landscape, validateScenario, type Scenario } from '../../packages/core/src/index.js';
import { landscapeJob } from '../../packages/notebook/src/landscape/landscapeJob.js';
import type { LandscapeJob, LandscapeOutcome } from '../../packages/notebook/src/landscape/landscapeProtocol.js';
import { MapRunner, type MapWorker, type ShownMap } from '../../packages/notebook/src/landscape/mapRunner.js';
import { FINE_MAP, MAP_SHAPES, cellAt, cellsFingerprint, mapSettings, mapSteps, moveCell, rowPieces, type MapShapes } from '../../packages/notebook/src/landscape/mapSchedule.js';
import { cellReadout, mapSummary, mostViableSentence } from '../../packages/notebook/src/landscape/mapWords.js';
import { mapCommand } from '../../packages/notebook/src/landscape/landscapeSection.js';
import { addOptionAt } from '../../packages/notebook/src/scenarioEdits.js';
import type { JobRequest, JobResponse } from '../../packages/notebook/src/workers/jobProtocol.js';
import { hostJobs, type WorkerScope } from '../../packages/notebook/src/workers/workerHost.js';
import { TOY } from './fixtures.js';

/** Small maps, so the runner's tests take a moment: 5 x 5 at 500 passes, then 9 x 9 at 1,000 (4 blocks). */
const SMALL: MapShapes = { coarse: { grid: 5, passes: 500, blockers: true }, fine: { grid: 9, passes: 1000, blockers: false } };

/** A map worker in this thread: the real job host and job, replies delivered on a later turn as a worker's would be. */
function inlineWorker(): MapWorker {
  let listener: ((event: MessageEvent<JobResponse<LandscapeOutcome>>) => void) | undefined;
  const scope: WorkerScope<LandscapeJob, LandscapeOutcome> = {
    onmessage: null,
    postMessage: (message) => setTimeout(() => listener?.({ data: message } as MessageEvent<JobResponse<LandscapeOutcome>>), 0),
  };
  hostJobs(scope, landscapeJob, 'the map', () => new Promise((resolve) => setTimeout(resolve, 0)));
  return {
    postMessage: (message) => scope.onmessage?.({ data: message } as MessageEvent<JobRequest<LandscapeJob>>),
    addEventListener: (_type, l) => {
      listener = l;
    },
  };
}

/** Runs maps on `workers` inline workers until the final map of the last request, collecting what is shown. */
function runMaps(requests: readonly { scenario: Scenario; seed: number; visibility: number }[], workers: number, piecesPerStep = 3): Promise<ShownMap[]> {
  return new Promise((resolve, reject) => {
    const shown: ShownMap[] = [];
    const runner = new MapRunner(inlineWorker, {
      onMap: (map) => {
        shown.push(map);
        if (map.final) resolve(shown);
      },
      onProblems: (problems) => reject(new Error(problems.map((p) => `${p.path}: ${p.message}`).join('; '))),
    }, { workers, shapes: SMALL, piecesPerStep });
    for (const request of requests) runner.start(request);
  });
}

describe('mapSteps(shapes, piecesPerStep)', () => {
  it('gives the coarse map in one step, then the fine map one block a step, every step covering every cell once', () => {
    const steps = mapSteps(MAP_SHAPES, 4);
    expect(steps.map((step) => `${step.map} ${step.blocks.from}-${step.blocks.to}`)).toEqual(['coarse 0-2', ...Array.from({ length: 8 }, (_, b) => `fine ${b}-${b + 1}`)]);
    for (const step of steps) {
      const { grid } = MAP_SHAPES[step.map];
      expect(step.pieces[0]!.from).toBe(0);
      expect(step.pieces.at(-1)!.to).toBe(grid * grid);
      for (let k = 1; k < step.pieces.length; k++) expect(step.pieces[k]!.from).toBe(step.pieces[k - 1]!.to);
      for (const piece of step.pieces) expect(piece.from % grid).toBe(0);
    }
    expect(blockCount(FINE_MAP.passes)).toBe(8);
  });
  it('rowPieces(grid, parts) cuts whole rows, never more pieces than rows', () => {
    expect(rowPieces(11, 2)).toEqual([{ from: 0, to: 66 }, { from: 66, to: 121 }]);
    expect(rowPieces(3, 10)).toEqual([{ from: 0, to: 3 }, { from: 3, to: 6 }, { from: 6, to: 9 }]);
    expect(rowPieces(41, 4).map((p) => (p.to - p.from) / 41)).toEqual([10, 11, 10, 10]);
  });
});

describe('cellAt(grid, firmness, engagement) and moveCell(grid, cell, key)', () => {
  it('finds the nearest grid point, and the edge outside the plane', () => {
    expect(cellAt(41, 0.5, 0.35)).toBe(14 * 41 + 20);
    expect(cellAt(11, 0, 0)).toBe(0);
    expect(cellAt(11, 1.2, -0.3)).toBe(10);
    expect(cellAt(11, Number.NaN, 1)).toBe(110);
  });
  it('moves one cell with arrows (up is more engagement), five rows with Page keys, and stops at the edges', () => {
    expect(moveCell(41, 0, 'ArrowUp')).toBe(41);
    expect(moveCell(41, 41, 'ArrowDown')).toBe(0);
    expect(moveCell(41, 0, 'ArrowLeft')).toBe(0);
    expect(moveCell(41, 40, 'ArrowRight')).toBe(40);
    expect(moveCell(41, 0, 'PageUp')).toBe(5 * 41);
    expect(moveCell(41, 2 * 41 + 7, 'PageDown')).toBe(7);
    expect(moveCell(41, 3 * 41 + 7, 'Home')).toBe(3 * 41);
    expect(moveCell(41, 3 * 41 + 7, 'End')).toBe(3 * 41 + 40);
  });
});

describe('MapRunner(createWorker, handlers, options)', () => {
  const request = { scenario: TOY, seed: 11, visibility: 0.5 };
  const coarse = landscape(TOY, mapSettings(SMALL.coarse, 11, 0.5));
  const fine = landscape(TOY, mapSettings(SMALL.fine, 11, 0.5));

  it('shows the coarse map, then the fine map refining, ending byte for byte on the core’s landscape() (with its paired advantage)', async () => {
    const shown = await runMaps([request], 2);
    expect(shown.map((s) => `${s.kind} ${s.passesDone}${s.final ? ' final' : ''}`)).toEqual(['coarse 500', 'fine 250', 'fine 500', 'fine 750', 'fine 1000', 'fine 1000 final']);
    // The coarse map is shown without the paired run (only the final map has it).
    expect(JSON.stringify(shown[0]!.map)).toBe(JSON.stringify({ ...coarse, mostViable: { ...coarse.mostViable!, advantage: null } }));
    expect(JSON.stringify(shown.at(-1)!.map)).toBe(JSON.stringify(fine));
    expect(shown.at(-1)!.map.mostViable!.advantage).not.toBeNull();
    // A partial map is the map of the passes done: every cell judged in the same passes.
    const partial = shown[2]!.map;
    expect(partial.cells.every((cell) => cell.passes === 500)).toBe(true);
    expect(JSON.stringify(partial.cells)).toBe(JSON.stringify(landscape(TOY, mapSettings({ ...SMALL.fine, passes: 500 }, 11, 0.5)).cells));
  });

  it('gives the same bytes on one, two or three workers and any cut into pieces', async () => {
    const expected = JSON.stringify(fine);
    for (const [workers, pieces] of [[1, 1], [3, 4], [2, 9]] as const) {
      const shown = await runMaps([request], workers, pieces);
      expect(JSON.stringify(shown.at(-1)!.map), `${workers} workers, ${pieces} pieces`).toBe(expected);
    }
  });

  it('drops an older map when a newer one starts: only the newer map is shown', async () => {
    const newer = { scenario: TOY, seed: 12, visibility: 0.7 };
    const shown = await runMaps([request, newer], 2);
    expect(shown.every((s) => s.request === newer)).toBe(true);
    expect(JSON.stringify(shown.at(-1)!.map)).toBe(JSON.stringify(landscape(TOY, mapSettings(SMALL.fine, 12, 0.7))));
  });

  it('whoBlocks(cell) answers with the cell’s top blocker in all passes, as the core’s map with blockers has it', async () => {
    const withBlockers = landscape(TOY, mapSettings({ ...SMALL.fine, blockers: true }, 11, 0.5));
    const cells = [0, 40, withBlockers.cells.findIndex((cell) => cell.topBlocker !== null && cell.consensus.estimate > 0.2)];
    const answers = await new Promise<[number, unknown][]>((resolve, reject) => {
      const got: [number, unknown][] = [];
      const runner: MapRunner = new MapRunner(inlineWorker, {
        onMap: (map) => {
          if (!map.final) {
            expect(runner.whoBlocks(0)).toBe(false); // the workers are busy with the map
            return;
          }
          expect(runner.whoBlocks(cells[0]!)).toBe(true);
        },
        onProblems: (problems) => reject(new Error(problems.map((p) => p.message).join('; '))),
        onBlockers: (cell, top) => {
          got.push([cell, top]);
          if (got.length < cells.length) runner.whoBlocks(cells[got.length]!);
          else resolve(got);
        },
      }, { shapes: SMALL });
      runner.start(request);
    });
    expect(answers).toEqual(cells.map((cell) => [cell, withBlockers.cells[cell]!.topBlocker]));
    expect(answers.some(([, top]) => top !== null)).toBe(true);
  });

  it('reports invalid input as problems on the page, before any worker starts', async () => {
    let created = 0;
    const problems = await new Promise<string[]>((resolve) => {
      const runner = new MapRunner(() => (created++, inlineWorker()), { onMap: () => undefined, onProblems: (list) => resolve(list.map((p) => p.path)) }, { shapes: SMALL });
      runner.start({ scenario: TOY, seed: 1, visibility: 1.5 });
    });
    expect(problems).toEqual(['visibility']);
    expect(created).toBe(0);
  });
});

describe('the map in words', () => {
  const map = landscape(TOY, mapSettings(SMALL.fine, 11, 0.5));

  it('mapSummary(map, measure) gives the range, the peak and the count above one half, with no NaN', () => {
    for (const measure of ['consensus', 'risk', 'viability'] as const) {
      const text = mapSummary(map, measure);
      expect(text).toMatch(/^(Consensus|Destabilization risk|Consensus without risk \(viability\)) of 81 texts at visibility 0\.50, each judged in the same 1,000 passes: from \d+\.\d% to \d+\.\d%, highest at firmness \d\.\d\d, engagement \d\.\d\d; \d+ texts? above 50%\.$/);
    }
  });

  it('cellReadout(cell, visibility) reads the three figures with intervals and the top blocker when counted', () => {
    const coarse = landscape(TOY, mapSettings(SMALL.coarse, 11, 0.5));
    const blocked = coarse.cells.find((cell) => cell.topBlocker !== null)!;
    const text = cellReadout(blocked, 0.5);
    expect(text).toContain(`Firmness ${blocked.firmness.toFixed(2)}, engagement ${blocked.engagement.toFixed(2)} at visibility 0.50: consensus `);
    expect(text).toContain(`Blocked most often by ${blocked.topBlocker!.name}`);
    expect(text).not.toContain('NaN');
  });

  it('mostViableSentence(mostViable, visibility) names the best text, its interval and how sure the order is', () => {
    const text = mostViableSentence(map.mostViable!, 0.5);
    const best = map.mostViable!.best;
    expect(text).toContain(`The most viable text on this map is firmness ${best.firmness.toFixed(2)}, engagement ${best.engagement.toFixed(2)} (visibility 0.50)`);
    expect(text).toMatch(/(ahead of the next best text|cannot tell them apart)/);
    expect(text).not.toContain('NaN');
  });

  it('mapCommand(request) is the command line of the fine map', () => {
    expect(mapCommand({ seed: 42, visibility: 0.6 })).toBe('pnpm concert landscape scenario.json --grid 41 --passes 2000 --seed 42 --visibility 0.6 --no-blockers');
    expect(mapCommand({ seed: 'my seed', visibility: 0.35 })).toBe("pnpm concert landscape scenario.json --grid 41 --passes 2000 --seed 'my seed' --visibility 0.35 --no-blockers");
  });

  it('cellsFingerprint(cells) changes with any number and not otherwise', () => {
    const again = landscape(TOY, mapSettings(SMALL.fine, 11, 0.5));
    expect(cellsFingerprint(again.cells)).toBe(cellsFingerprint(map.cells));
    expect(cellsFingerprint(landscape(TOY, mapSettings(SMALL.fine, 12, 0.5)).cells)).not.toBe(cellsFingerprint(map.cells));
  });
});

describe('addOptionAt(scenario, text)', () => {
  it('adds the text as a new option with a fresh id and a name saying where it is, and keeps the scenario valid', () => {
    const next = addOptionAt(TOY, { firmness: 0.5, engagement: 0.35, visibility: 0.6 });
    expect(next.options).toHaveLength(TOY.options.length + 1);
    const added = next.options.at(-1)!;
    expect(added).toEqual({ id: `option-${TOY.options.length + 1}`, name: 'Map text: firmness 0.50, engagement 0.35', firmness: 0.5, engagement: 0.35, visibility: 0.6 });
    expect(() => validateScenario(next)).not.toThrow();
    const twice = addOptionAt(next, { firmness: 1.2, engagement: -1, visibility: 0.6 }).options.at(-1)!;
    expect([twice.id, twice.firmness, twice.engagement]).toEqual([`option-${TOY.options.length + 2}`, 1, 0]);
  });
});
