/**
 * The map of viable texts: consensus, risk and viability of every text on a grid over the
 * firmness x engagement plane, at one visibility, with the ally most often in the way.
 *
 * Every cell is judged in the same sampled worlds (common random numbers): the map compiles the
 * scenario into a model whose options are the cells' texts, and runs it through the pass driver,
 * so each pass samples one world (block `j` from `blockStream(seed, j)`, the same passes
 * `simulate` counts) and the engine plays every cell's text in that world with the scenario's
 * protocol and decision rule. A cell's numbers are therefore exactly those of a `simulate` run of
 * a scenario whose option is that text, and differences between cells are differences on the
 * same passes. Nothing of the bargaining is rewritten here.
 *
 * Tallies hold whole numbers per cell (passes, consensus, risk, viable, blocks per ally), so the
 * tallies of any block ranges and cell ranges add up exactly, in any order, on any number of
 * workers: a coarse map (fewer blocks, or a coarser grid whose points are points of the fine one)
 * comes first, and refining it gives exactly the numbers of a direct run at the final settings.
 */
import type { AbortSignalLike } from '../../host.js';
import { compileModel, type CompiledModel } from '../../model/compiledModel.js';
import { unanimity } from '../../model/decisionRules/unanimity.js';
import { chair } from '../../model/protocols/chair.js';
import { VERDICT, type Bargain, type BargainingObserver, type Verdict } from '../../model/protocols/protocol.js';
import type { Judgment } from '../../model/decisionRules/decisionRule.js';
import type { Seed } from '../../random/random.js';
import { BLOCK_SIZE, blockCount, checkRange, type BlockRange } from '../../run/blocks.js';
import { EngineState, evaluateOption } from '../../run/engine.js';
import { crossesTolerance, signalOfBargain } from '../../model/signal.js';
import { objectsToText } from '../../model/decisionRules/objection.js';
import type { DecisionRule } from '../../model/decisionRules/decisionRule.js';
import type { World } from '../../model/world.js';
import { forEachPass } from '../../run/passes.js';
import { scenarioHash } from '../../run/prepare.js';
import type { Progress } from '../../run/simulate.js';
import type { Scenario } from '../../scenario/schema.js';
import { validateScenario } from '../../scenario/validate.js';
import { formulaCostProblem } from '../../run/formulaCost.js';
import { ConcertInputError } from '../../problems.js';
import { wilsonInterval, type Estimate } from '../../statistics.js';
import { ENGINE_VERSION, MODEL_VERSION } from '../../version.js';
import { pairedDifference, type PairedDifference } from '../sensitivity/pairedDifference.js';
import { parseSettings } from '../sensitivity/settings.js';
import { LandscapeSettingsSchema, MAX_LANDSCAPE_WORK, type LandscapeSettings } from './settings.js';

/** Per-cell counters, in tally order; the per-ally blocker counts follow them. */
const CELL = { passes: 0, consensus: 1, risk: 2, viable: 3 } as const;
const CELL_COUNTERS = 4;

/** What identifies a map: same manifest, same bytes. */
export interface LandscapeManifest {
  readonly seed: Seed;
  readonly passes: number;
  readonly blockSize: number;
  /** Grid points per side. */
  readonly grid: number;
  /** The visibility of every text on the map. */
  readonly visibility: number;
  /** Whether each cell's blockers are counted (its top blocker); without them the map is faster. */
  readonly blockers: boolean;
  readonly firmness: { readonly lower: number; readonly upper: number };
  readonly engagement: { readonly lower: number; readonly upper: number };
  readonly scenarioHash: string;
  readonly engineVersion: string;
  readonly modelVersion: string;
}

/** A validated map, ready to run blocks and cells of (in workers too: build it once per worker). */
export interface LandscapePlan {
  readonly scenario: Scenario;
  /** The scenario's model with the cells' texts as its options (cell `c` is option `c`). */
  readonly model: CompiledModel;
  readonly manifest: LandscapeManifest;
  /** The firmness of each grid column and the engagement of each grid row. */
  readonly firmness: Float64Array;
  readonly engagement: Float64Array;
  /** `grid * grid`; cell `row * grid + column` is the text (firmness[column], engagement[row]). */
  readonly cells: number;
  /** Blocks of passes. */
  readonly blocks: number;
  /** Entries per cell in a tally: 4 counters, then one blocker count per ally (when counted). */
  readonly cellStride: number;
  /** Entries of a tally of this plan (`cells * cellStride`). */
  readonly tallySize: number;
}

/** The ally most often in the way of a text: the one that blocked it in most passes. */
export interface CellBlocker {
  readonly id: string;
  readonly name: string;
  /** Share of passes in which it blocked the text (it objected after the last round). */
  readonly rate: Estimate;
}

/** One text of the map and what the passes say of it. */
export interface LandscapeCell {
  readonly firmness: number;
  readonly engagement: number;
  /** Passes the cell was judged in (all of the run's, once the map is complete). */
  readonly passes: number;
  readonly consensus: Estimate;
  readonly risk: Estimate;
  /** Consensus without crossing Russia's tolerance. */
  readonly viability: Estimate;
  /** The ally that blocked it most often (the first in ally order on a tie), or null when no ally ever blocked it or blockers were not counted. */
  readonly topBlocker: CellBlocker | null;
}

/** A cell picked out of the map, with its index. */
export interface RankedCell extends LandscapeCell {
  readonly cell: number;
}

/** The most viable text of the map, the runner-up, and how sure the map is of the order. */
export interface MostViableText {
  readonly best: RankedCell;
  /** The next cell in the same order, or null on a map of one cell. */
  readonly runnerUp: RankedCell | null;
  /** Cells whose viability count equals the best's (1 when the best stands alone). */
  readonly ties: number;
  /**
   * Best minus runner-up viability, paired on the same passes (each pass: 1, 0 or -1), with its
   * standard error and 95% interval; null until the pair has been run ({@link runLandscapePair}).
   */
  readonly advantage: PairedDifference | null;
}

/** The result of {@link landscape}. */
export interface LandscapeResult {
  readonly format: 'concert-landscape';
  readonly formatVersion: 1;
  readonly manifest: LandscapeManifest;
  /** The grid's firmness values (columns) and engagement values (rows). */
  readonly firmness: readonly number[];
  readonly engagement: readonly number[];
  /** Row by row: cell `row * grid + column`. */
  readonly cells: readonly LandscapeCell[];
  /** Null while no cell has been judged in any pass. */
  readonly mostViable: MostViableText | null;
}

/**
 * The grid values of one range: `lower + (upper - lower) * k / (grid - 1)`. The points of a grid
 * of `g` are points of a grid of `(g - 1) m + 1` (the same doubles), so a coarse map is part of a
 * fine one.
 *
 * @example
 * gridValues({ lower: 0, upper: 1 }, 5); // => Float64Array [0, 0.25, 0.5, 0.75, 1]
 */
export function gridValues(range: { lower: number; upper: number }, grid: number): Float64Array {
  const values = new Float64Array(grid);
  for (let k = 0; k < grid; k++) values[k] = range.lower + (range.upper - range.lower) * (k / (grid - 1));
  return values;
}

/**
 * Validates a scenario and landscape settings, and compiles the model of the map's texts.
 *
 * @throws {ConcertInputError} for an invalid scenario or settings (a grid beyond 201, a
 *   visibility outside [0, 1], more than 1e9 texts to judge, a signal formula too slow for
 *   grid x grid x passes evaluations), each named by its path.
 * @example
 * const plan = prepareLandscape(scenario, { passes: 2000, seed: 1, grid: 41 });
 * plan.cells; // => 1681
 */
export function prepareLandscape(scenarioInput: unknown, settingsInput: LandscapeSettings): LandscapePlan {
  const settings = parseSettings(LandscapeSettingsSchema, settingsInput, 'landscape');
  const work = settings.grid * settings.grid * settings.passes;
  if (work > MAX_LANDSCAPE_WORK)
    throw new ConcertInputError('invalid landscape settings', [
      {
        path: 'passes',
        message: `must be at most ${Math.floor(MAX_LANDSCAPE_WORK / settings.grid ** 2).toLocaleString('en-US')} for a grid of ${settings.grid} (grid x grid x passes, the texts to judge, is at most ${MAX_LANDSCAPE_WORK.toLocaleString('en-US')}: lower the grid or the passes)`,
        value: settings.passes,
      },
    ], 'analysis-settings');
  const scenario = validateScenario(scenarioInput);
  const base = compileModel(scenario);
  const { grid } = settings;
  const visibility = settings.visibility ?? scenario.statusQuo.visibility;
  const firmness = gridValues(settings.firmness, grid);
  const engagement = gridValues(settings.engagement, grid);
  const cells = grid * grid;
  const optionFirmness = new Float64Array(cells);
  const optionEngagement = new Float64Array(cells);
  for (let row = 0; row < grid; row++)
    for (let column = 0; column < grid; column++) {
      optionFirmness[row * grid + column] = firmness[column]!;
      optionEngagement[row * grid + column] = engagement[row]!;
    }
  const model: CompiledModel = {
    ...base,
    optionCount: cells,
    optionFirmness,
    optionEngagement,
    optionVisibility: new Float64Array(cells).fill(visibility),
  };
  // A map judges every text in every pass: its signal formula is evaluated grid x grid x passes times.
  const tooSlow = formulaCostProblem(model, settings.passes, scenario.signal.formula, `a map of ${cells.toLocaleString('en-US')} texts`);
  if (tooSlow !== null) throw new ConcertInputError('signal formula too slow for this map', [tooSlow], 'signal-formula');
  const cellStride = CELL_COUNTERS + (settings.blockers ? base.allyCount : 0);
  return {
    scenario,
    model,
    firmness,
    engagement,
    cells,
    blocks: blockCount(settings.passes),
    cellStride,
    tallySize: cells * cellStride,
    manifest: {
      seed: settings.seed,
      passes: settings.passes,
      blockSize: BLOCK_SIZE,
      grid,
      visibility,
      blockers: settings.blockers,
      firmness: { lower: settings.firmness.lower, upper: settings.firmness.upper },
      engagement: { lower: settings.engagement.lower, upper: settings.engagement.upper },
      scenarioHash: scenarioHash(scenario),
      engineVersion: ENGINE_VERSION,
      modelVersion: MODEL_VERSION,
    },
  };
}

/** Counts, for the cell being played, the allies that still object when its text fails. */
class BlockerCounter implements BargainingObserver {
  tally: Float64Array = new Float64Array(0);
  /** Index of the cell's first blocker count. */
  start = 0;

  round(_round: number, _bargain: Bargain, judgment: Judgment, verdict: Verdict): void {
    if (verdict !== VERDICT.failed) return;
    const { tally, start } = this;
    const list = judgment.objectorList;
    for (let k = 0; k < judgment.objectors; k++) tally[start + list[k]!]! += 1;
  }
}

/**
 * Unanimity over the allies that may object to some text the bargaining can reach (in ally
 * order): the others are content with every such text, so leaving them out changes neither the
 * objectors found (in the same order) nor the verdict. The same objection test as `unanimity`.
 */
class UnanimityAmong implements DecisionRule {
  readonly name = unanimity.name;
  readonly allies: Int32Array;
  count = 0;

  constructor(allyCount: number) {
    this.allies = new Int32Array(allyCount);
  }

  judge(model: CompiledModel, world: World, firmness: number, engagement: number, judgment: Judgment): boolean {
    const { hawkishness, engagementPreference, objectionRadiusSquared } = world;
    const { weightFirmness, weightEngagement } = model;
    const { allies, count } = this;
    const list = judgment.objectorList;
    let objectors = 0;
    for (let k = 0; k < count; k++) {
      const a = allies[k]!;
      if (objectsToText(weightFirmness, weightEngagement, firmness, engagement, hawkishness[a]!, engagementPreference[a]!, objectionRadiusSquared[a]!))
        list[objectors++] = a;
    }
    judgment.objectors = objectors;
    return objectors === 0;
  }
}

/** Options of the block runners: progress after each block, and a signal to stop. */
export interface LandscapeRunOptions {
  /** The cells to judge, `[from, to)` in cell order; every cell when left out. */
  readonly cells?: BlockRange;
  readonly onProgress?: (progress: Progress) => void;
  readonly abortSignal?: AbortSignalLike;
}

/**
 * Runs blocks `range` of a map for cells `options.cells` (every cell by default) and returns
 * their tally: whole numbers, zero outside those cells, so the tallies of disjoint block or cell
 * ranges add up (in any order) to the tally of their union.
 *
 * @throws {ConcertInputError} (kind `range`) for a block or cell range outside the plan; the
 *   abort reason when aborted.
 * @example
 * const tally = runLandscapeBlocks(plan, { from: 0, to: plan.blocks });
 * summarizeLandscape(plan, tally).cells[0].viability; // => { estimate, lower, upper }
 */
export function runLandscapeBlocks(plan: LandscapePlan, range: BlockRange, options: LandscapeRunOptions = {}): Float64Array {
  const cellRange = options.cells ?? { from: 0, to: plan.cells };
  checkRange(cellRange, plan.cells, 'cells');
  const { model, cellStride } = plan;
  const countBlockers = plan.manifest.blockers;
  const tally = new Float64Array(plan.tallySize);
  const state = new EngineState(model);
  const { world, judgment, bargain } = state;
  const blockers = new BlockerCounter();
  blockers.tally = tally;
  const observer = countBlockers ? blockers : null;
  const from = cellRange.from;
  const to = cellRange.to;
  const allyCount = model.allyCount;
  const { optionFirmness, optionEngagement } = model;
  const { hawkishness, engagementPreference, objectionRadiusSquared } = world;

  // Under the chair and unanimity (model 1) a text's amendments stay within `drift` of it. So an
  // ally farther than `drift` plus its objection radius from the text objects to every text the
  // bargaining can reach (one such ally and the text fails, with the status quo's signal), and an
  // ally nearer than its radius minus `drift` is content with all of them (it can be left out of
  // every round). When only certain objectors and content allies remain, the allies blocking at
  // the last round are exactly the certain objectors. The bounds use the unweighted distance (the
  // weighted one lies between sqrt(min w) and sqrt(max w) times it) with a margin far above
  // rounding, so they hold exactly; another protocol or rule is played in full.
  const shortcut = model.protocol === chair && model.decisionRule === unanimity;
  const drift = model.maxRounds > 0 ? model.maxDrift : 0;
  const lightest = Math.min(model.weightFirmness, model.weightEngagement);
  const heaviest = Math.max(model.weightFirmness, model.weightEngagement);
  const SLACK = 1e-9;
  /** Per ally: squared distances beyond which it certainly objects, and below which it certainly does not. */
  const objectsBeyond = new Float64Array(allyCount);
  const contentWithin = new Float64Array(allyCount);
  const certain = new Int32Array(allyCount);
  const among = new UnanimityAmong(allyCount);
  const undecided = among.allies;
  let statusQuoRisk = false;

  /** Adds a played cell's outcome (in `bargain`) to the tally. */
  const countBargain = (cell: number, at: number): void => {
    if (bargain.consensus) {
      tally[at + CELL.consensus]! += 1;
      if (!crossesTolerance(signalOfBargain(model, world, cell, bargain), world)) tally[at + CELL.viable]! += 1;
      else tally[at + CELL.risk]! += 1;
    } else if (statusQuoRisk) tally[at + CELL.risk]! += 1;
  };

  let passesDone = 0;
  forEachPass({
    model,
    seed: plan.manifest.seed,
    passes: plan.manifest.passes,
    range,
    world,
    what: 'The landscape',
    ...(options.abortSignal === undefined ? {} : { abortSignal: options.abortSignal }),
    beforeBlock: (_, blockPasses) => {
      for (let cell = from; cell < to; cell++) tally[cell * cellStride + CELL.passes]! += blockPasses;
    },
    onPass: () => {
      statusQuoRisk = crossesTolerance(model.statusQuoSignal, world);
      if (!shortcut) {
        for (let cell = from; cell < to; cell++) {
          const at = cell * cellStride;
          blockers.start = at + CELL_COUNTERS;
          evaluateOption(state, cell, null, observer);
          countBargain(cell, at);
        }
        return;
      }
      for (let a = 0; a < allyCount; a++) {
        const radius = Math.sqrt(objectionRadiusSquared[a]!);
        const beyond = drift + SLACK + (radius / Math.sqrt(lightest)) * (1 + 1e-12);
        objectsBeyond[a] = beyond * beyond;
        const within = (radius / Math.sqrt(heaviest)) * (1 - 1e-12) - drift - SLACK;
        contentWithin[a] = within > 0 ? within * within : -1;
      }
      for (let cell = from; cell < to; cell++) {
        const at = cell * cellStride;
        const f = optionFirmness[cell]!;
        const e = optionEngagement[cell]!;
        let objectors = 0;
        let open = 0;
        for (let a = 0; a < allyCount; a++) {
          const df = f - hawkishness[a]!;
          const de = e - engagementPreference[a]!;
          const distanceSquared = df * df + de * de;
          if (distanceSquared > objectsBeyond[a]!) {
            certain[objectors++] = a;
            undecided[open++] = a;
          } else if (!(distanceSquared < contentWithin[a]!)) undecided[open++] = a;
        }
        if (objectors > 0 && (!countBlockers || open === objectors)) {
          // Fails in every round; the status quo stays, and the certain objectors block.
          if (statusQuoRisk) tally[at + CELL.risk]! += 1;
          if (countBlockers) for (let k = 0; k < objectors; k++) tally[at + CELL_COUNTERS + certain[k]!]! += 1;
          continue;
        }
        // Played by the model's protocol, judged among the allies that may object.
        among.count = open;
        blockers.start = at + CELL_COUNTERS;
        model.protocol.play(model, world, among, cell, judgment, bargain, observer);
        countBargain(cell, at);
      }
    },
    afterBlock: (block, blockPasses) => {
      passesDone += blockPasses;
      options.onProgress?.({ passesDone, passes: plan.manifest.passes, blocksDone: block - range.from + 1, blocks: range.to - range.from });
    },
  });
  return tally;
}

function checkTally(plan: LandscapePlan, tally: ArrayLike<number>): void {
  if (tally.length !== plan.tallySize)
    throw new ConcertInputError('invalid landscape tally', [{ path: 'tally', message: `must have ${plan.tallySize} entries (${plan.cells} cells of ${plan.cellStride})`, value: `${tally.length} entries` }], 'partial');
}

/** Whether cell `a` ranks above cell `b`: higher viability, then higher consensus, then lower risk, then the lower index. */
function ranksAbove(plan: LandscapePlan, tally: ArrayLike<number>, a: number, b: number): boolean {
  const share = (cell: number, counter: number) => {
    const passes = tally[cell * plan.cellStride + CELL.passes]!;
    return passes === 0 ? -1 : tally[cell * plan.cellStride + counter]! / passes;
  };
  const viability = share(a, CELL.viable) - share(b, CELL.viable);
  if (viability !== 0) return viability > 0;
  const consensus = share(a, CELL.consensus) - share(b, CELL.consensus);
  if (consensus !== 0) return consensus > 0;
  const risk = share(a, CELL.risk) - share(b, CELL.risk);
  if (risk !== 0) return risk < 0;
  return a < b;
}

/**
 * The two leading cells of a tally (highest viability; ties broken by higher consensus, then
 * lower risk, then cell order) and how many cells share the best's viability, or null when no
 * cell has been judged yet. Run {@link runLandscapePair} on the two to know how sure the order is.
 *
 * @example
 * landscapeLeaders(plan, tally); // => { best: 1203, runnerUp: 1202, ties: 1 }
 */
export function landscapeLeaders(plan: LandscapePlan, tally: ArrayLike<number>): { best: number; runnerUp: number | null; ties: number } | null {
  checkTally(plan, tally);
  let best = -1;
  let runnerUp = -1;
  for (let cell = 0; cell < plan.cells; cell++) {
    if (tally[cell * plan.cellStride + CELL.passes] === 0) continue;
    if (best < 0 || ranksAbove(plan, tally, cell, best)) {
      runnerUp = best;
      best = cell;
    } else if (runnerUp < 0 || ranksAbove(plan, tally, cell, runnerUp)) runnerUp = cell;
  }
  if (best < 0) return null;
  const bestShare = tally[best * plan.cellStride + CELL.viable]! / tally[best * plan.cellStride + CELL.passes]!;
  let ties = 0;
  for (let cell = 0; cell < plan.cells; cell++) {
    const passes = tally[cell * plan.cellStride + CELL.passes]!;
    if (passes > 0 && tally[cell * plan.cellStride + CELL.viable]! / passes === bestShare) ties++;
  }
  return { best, runnerUp: runnerUp < 0 ? null : runnerUp, ties };
}

/**
 * Runs blocks `range` for two cells and counts the passes where only the first is viable and
 * where only the second is: `[passes, firstOnly, secondOnly]`, whole numbers that add over
 * block ranges. Their paired difference says how sure the map is that the first beats the second.
 *
 * @throws {ConcertInputError} (kind `range`) for a block range or a cell outside the plan.
 * @example
 * const leaders = landscapeLeaders(plan, tally)!;
 * const pair = runLandscapePair(plan, [leaders.best, leaders.runnerUp!], { from: 0, to: plan.blocks });
 */
export function runLandscapePair(
  plan: LandscapePlan,
  cells: readonly [number, number],
  range: BlockRange,
  options: { abortSignal?: AbortSignalLike } = {},
): Float64Array {
  for (const [k, cell] of cells.entries()) checkRange({ from: cell, to: cell + 1 }, plan.cells, `cells[${k}]`);
  const [first, second] = cells;
  const state = new EngineState(plan.model);
  const counts = new Float64Array(3);
  forEachPass({
    model: plan.model,
    seed: plan.manifest.seed,
    passes: plan.manifest.passes,
    range,
    world: state.world,
    what: 'The landscape',
    ...(options.abortSignal === undefined ? {} : { abortSignal: options.abortSignal }),
    beforeBlock: (_, blockPasses) => {
      counts[0]! += blockPasses;
    },
    onPass: () => {
      const a = evaluateOption(state, first, null);
      const firstViable = a.consensus && !a.risk;
      const b = evaluateOption(state, second, null);
      const secondViable = b.consensus && !b.risk;
      if (firstViable && !secondViable) counts[1]! += 1;
      else if (secondViable && !firstViable) counts[2]! += 1;
    },
  });
  return counts;
}

function cellOf(plan: LandscapePlan, tally: ArrayLike<number>, cell: number): LandscapeCell {
  const { grid } = plan.manifest;
  const at = cell * plan.cellStride;
  const passes = tally[at + CELL.passes]!;
  let top = -1;
  for (let a = 0; a < plan.cellStride - CELL_COUNTERS; a++) {
    const blocks = tally[at + CELL_COUNTERS + a]!;
    if (blocks > 0 && (top < 0 || blocks > tally[at + CELL_COUNTERS + top]!)) top = a;
  }
  const ally = top < 0 ? undefined : plan.scenario.allies[top]!;
  return {
    firmness: plan.firmness[cell % grid]!,
    engagement: plan.engagement[Math.floor(cell / grid)]!,
    passes,
    consensus: wilsonInterval(tally[at + CELL.consensus]!, passes),
    risk: wilsonInterval(tally[at + CELL.risk]!, passes),
    viability: wilsonInterval(tally[at + CELL.viable]!, passes),
    topBlocker: ally === undefined ? null : { id: ally.id, name: ally.name ?? ally.id, rate: wilsonInterval(tally[at + CELL_COUNTERS + top]!, passes) },
  };
}

/**
 * Turns a map's tally into its result: every cell's estimates with 95% Wilson intervals and its
 * top blocker, and the most viable text. The tally may cover only some blocks or cells (a coarse
 * map on the way to the full one): each cell reports the passes it was judged in. `pair`, the
 * counts of {@link runLandscapePair} for the leaders of this tally, adds the best's paired
 * advantage over the runner-up.
 *
 * @throws {ConcertInputError} when the tally has the wrong size, or `pair` is for other cells.
 */
export function summarizeLandscape(
  plan: LandscapePlan,
  tally: ArrayLike<number>,
  pair?: { readonly cells: readonly [number, number]; readonly counts: ArrayLike<number> },
): LandscapeResult {
  checkTally(plan, tally);
  const cells: LandscapeCell[] = [];
  for (let cell = 0; cell < plan.cells; cell++) cells.push(cellOf(plan, tally, cell));
  const leaders = landscapeLeaders(plan, tally);
  let mostViable: MostViableText | null = null;
  if (leaders !== null) {
    const { best, runnerUp, ties } = leaders;
    let advantage: PairedDifference | null = null;
    if (pair !== undefined) {
      if (runnerUp === null || pair.cells[0] !== best || pair.cells[1] !== runnerUp)
        throw new ConcertInputError('invalid landscape pair', [{ path: 'pair.cells', message: `must be the leaders of this tally, [${best}, ${runnerUp}]`, value: pair.cells }], 'partial');
      advantage = pairedDifference(pair.counts[1]!, pair.counts[2]!, pair.counts[0]!);
    }
    mostViable = {
      best: { cell: best, ...cells[best]! },
      runnerUp: runnerUp === null ? null : { cell: runnerUp, ...cells[runnerUp]! },
      ties,
      advantage,
    };
  }
  return {
    format: 'concert-landscape',
    formatVersion: 1,
    manifest: plan.manifest,
    firmness: Array.from(plan.firmness),
    engagement: Array.from(plan.engagement),
    cells,
    mostViable,
  };
}

/**
 * The map of viable texts: consensus, risk and viability of every text on a `grid x grid` grid
 * of the firmness x engagement plane at one visibility, all judged in the same passes, with each
 * cell's top blocker and the most viable text (with its paired advantage over the runner-up).
 *
 * @throws {ConcertInputError} for an invalid scenario or settings, naming each problem's path.
 * @example
 * const map = landscape(scenario, { passes: 2000, seed: 1, grid: 41, visibility: 0.5 });
 * map.mostViable.best; // => { cell, firmness: 0.6, engagement: 0.35, viability: { estimate, lower, upper }, ... } (for example)
 * map.mostViable.advantage; // => { estimate: 0.004, standardError: 0.0014, ... }: best minus runner-up
 */
export function landscape(
  scenario: unknown,
  settings: LandscapeSettings & { onProgress?: (progress: Progress) => void; abortSignal?: AbortSignalLike },
): LandscapeResult {
  const { onProgress, abortSignal, ...rest } = settings;
  const plan = prepareLandscape(scenario, rest);
  const all = { from: 0, to: plan.blocks };
  const tally = runLandscapeBlocks(plan, all, { ...(onProgress === undefined ? {} : { onProgress }), ...(abortSignal === undefined ? {} : { abortSignal }) });
  const leaders = landscapeLeaders(plan, tally)!;
  if (leaders.runnerUp === null) return summarizeLandscape(plan, tally);
  const cells = [leaders.best, leaders.runnerUp] as const;
  return summarizeLandscape(plan, tally, { cells, counts: runLandscapePair(plan, cells, all, abortSignal === undefined ? {} : { abortSignal }) });
}
