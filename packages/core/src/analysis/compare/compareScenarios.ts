/**
 * Paired comparisons of two scenarios (a baseline and a current version): every option's
 * consensus, risk, viability and per-ally blocker rates, the change with its standard error and
 * 95% interval, from runs on the same passes.
 *
 * Two scenarios draw the same numbers in every pass when they have the same allies, blocs and
 * events in the same order (the draw order of `model/world.ts` depends on those alone). Then the
 * comparison samples the baseline's world once per pass, through the pass driver, and computes
 * the current scenario's world from the same numbers (`worldFromDraws`): each option is judged in
 * both worlds of the same pass, and the change is a mean of per-pass differences (-1, 0 or 1),
 * whose shared noise cancels. The baseline's and the current estimates are exactly those of two
 * separate `simulate` runs with the same seed and passes.
 *
 * When the layouts differ (an ally, bloc or event added, removed or reordered) the k-th number of a
 * pass means different things in the two scenarios and no pairing is possible: the comparison says
 * so (`pairing.paired: false` and the reason) and reports unpaired differences of two independent
 * runs instead, with Newcombe's interval from the two Wilson intervals.
 */
import type { AbortSignalLike } from '../../host.js';
import { compileModel, type CompiledModel } from '../../model/compiledModel.js';
import type { Judgment } from '../../model/decisionRules/decisionRule.js';
import { VERDICT, type Bargain, type BargainingObserver, type Verdict } from '../../model/protocols/protocol.js';
import { worldFromDraws, type World } from '../../model/world.js';
import { ConcertInputError } from '../../problems.js';
import type { Seed } from '../../random/random.js';
import { BLOCK_SIZE, blockCount, type BlockRange } from '../../run/blocks.js';
import { EngineState, evaluateOption, runBlocks } from '../../run/engine.js';
import { ALLY_COUNTER, CONVERGENCE_SEGMENTS, OPTION_COUNTER, type TallyLayout } from '../../run/tally.js';
import { forEachPass } from '../../run/passes.js';
import { scenarioHash } from '../../run/prepare.js';
import type { Progress } from '../../run/simulate.js';
import type { Scenario } from '../../scenario/schema.js';
import { validateScenario } from '../../scenario/validate.js';
import { formulaCostProblem } from '../../run/formulaCost.js';
import { wilsonInterval, type Estimate } from '../../statistics.js';
import { ENGINE_VERSION, MODEL_VERSION } from '../../version.js';
import { pairedDifference } from '../sensitivity/pairedDifference.js';
import { parseSettings, seed, wholeNumber } from '../sensitivity/settings.js';
import { unpairedDifference } from './unpairedDifference.js';
import { z } from 'zod';
import { MAX_PASSES } from '../../scenario/schema.js';

/** Settings of {@link compareScenarios}: both scenarios run with these passes and this seed. */
export const ComparisonSettingsSchema = z.object({ passes: wholeNumber(1, MAX_PASSES), seed }).strict();
/** Comparison settings. */
export type ComparisonSettings = z.input<typeof ComparisonSettingsSchema>;

/** A change of one probability from the baseline to the current scenario. */
export interface Change {
  /** Current minus baseline. */
  readonly estimate: number;
  /** Paired: the standard error of the mean of per-pass differences; unpaired: the Wald standard error. */
  readonly standardError: number;
  /** 95% interval: paired, `estimate -/+ 1.96 standardError`; unpaired, Newcombe's. */
  readonly lower: number;
  readonly upper: number;
  /** Paired only: passes the change turned from no to yes, and from yes to no (null when unpaired). */
  readonly up: number | null;
  readonly down: number | null;
}

/** One measure of one option in both scenarios, and its change. */
export interface MeasureComparison {
  readonly baseline: Estimate;
  readonly current: Estimate;
  readonly change: Change;
}

/** One option present in both scenarios (matched by id). */
export interface OptionComparison {
  readonly id: string;
  /** Its name in the current scenario. */
  readonly name: string;
  readonly consensus: MeasureComparison;
  readonly risk: MeasureComparison;
  readonly viability: MeasureComparison;
  /** Per ally present in both (matched by id, in the current scenario's order): its blocker rate. */
  readonly allies: readonly { readonly id: string; readonly name: string; readonly blockerRate: MeasureComparison }[];
}

/** Whether the comparison is paired, and why not when it is not. */
export interface Pairing {
  readonly paired: boolean;
  /** Why the runs cannot be paired (null when they are). */
  readonly reason: string | null;
}

/** What identifies a comparison. */
export interface ComparisonManifest {
  readonly seed: Seed;
  readonly passes: number;
  readonly blockSize: number;
  readonly baselineHash: string;
  readonly currentHash: string;
  readonly engineVersion: string;
  readonly modelVersion: string;
}

/** The result of {@link compareScenarios}. */
export interface ComparisonResult {
  readonly format: 'concert-comparison';
  readonly formatVersion: 1;
  readonly manifest: ComparisonManifest;
  readonly pairing: Pairing;
  /** Options in both scenarios, in the current scenario's order. */
  readonly options: readonly OptionComparison[];
  /** Options only in the current scenario, and only in the baseline. */
  readonly added: readonly { readonly id: string; readonly name: string }[];
  readonly removed: readonly { readonly id: string; readonly name: string }[];
}

/** A validated comparison, ready to run blocks of (paired) or to run both scenarios (unpaired). */
export interface ComparisonPlan {
  readonly baseline: Scenario;
  readonly current: Scenario;
  readonly baselineModel: CompiledModel;
  readonly currentModel: CompiledModel;
  readonly manifest: ComparisonManifest;
  readonly pairing: Pairing;
  /** Per option in both: its index in the baseline and in the current scenario. */
  readonly options: readonly { readonly id: string; readonly baseline: number; readonly current: number }[];
  /** Per ally in both: its index in the baseline and in the current scenario. */
  readonly allies: readonly { readonly id: string; readonly baseline: number; readonly current: number }[];
  readonly blocks: number;
  /** Entries of a paired tally: 1 + options x (3 + allies) x 4. */
  readonly tallySize: number;
}

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id).join(', ') || 'none';

/**
 * Why two scenarios' passes cannot be paired, or null when they can: they must have the same
 * allies, blocs and events, in the same order (then every pass draws the same numbers for the
 * same things).
 *
 * @example
 * pairingProblem(baseline, { ...baseline, events: [] }); // => 'the events differ (baseline: escalation, thaw; current: none)'
 */
export function pairingProblem(baseline: Scenario, current: Scenario): string | null {
  const problems: string[] = [];
  for (const [what, a, b] of [
    ['allies', baseline.allies, current.allies],
    ['blocs', baseline.blocs, current.blocs],
    ['events', baseline.events, current.events],
  ] as const)
    if (ids(a) !== ids(b)) problems.push(`the ${what} differ (baseline: ${ids(a)}; current: ${ids(b)})`);
  return problems.length === 0 ? null : problems.join('; ');
}

/**
 * Validates both scenarios and the settings, matches options and allies by id, and checks
 * whether the runs can be paired.
 *
 * @throws {ConcertInputError} for an invalid scenario (paths prefixed `baseline.` or `current.`),
 *   a signal formula too slow for the passes (the cost probe, as for a run), or invalid settings.
 */
export function prepareComparison(baselineInput: unknown, currentInput: unknown, settingsInput: ComparisonSettings): ComparisonPlan {
  const settings = parseSettings(ComparisonSettingsSchema, settingsInput, 'comparison');
  const validated = (input: unknown, side: 'baseline' | 'current'): Scenario => {
    try {
      return validateScenario(input);
    } catch (error) {
      if (!(error instanceof ConcertInputError)) throw error;
      throw new ConcertInputError(`invalid ${side} scenario`, error.problems.map((p) => ({ ...p, path: p.path === '' ? side : `${side}.${p.path}` })), error.kind);
    }
  };
  const baseline = validated(baselineInput, 'baseline');
  const current = validated(currentInput, 'current');
  const reason = pairingProblem(baseline, current);
  const match = (a: readonly { id: string }[], b: readonly { id: string }[]) =>
    b.flatMap((item, index) => {
      const other = a.findIndex((candidate) => candidate.id === item.id);
      return other < 0 ? [] : [{ id: item.id, baseline: other, current: index }];
    });
  const options = match(baseline.options, current.options);
  const allies = match(baseline.allies, current.allies);
  const baselineModel = compileModel(baseline);
  const currentModel = compileModel(current);
  for (const [side, model, scenario] of [['baseline', baselineModel, baseline], ['current', currentModel, current]] as const) {
    const tooSlow = formulaCostProblem(model, settings.passes, scenario.signal.formula, 'a comparison');
    if (tooSlow !== null) throw new ConcertInputError(`signal formula of the ${side} scenario too slow for this comparison`, [{ ...tooSlow, path: `${side}.${tooSlow.path}` }], 'signal-formula');
  }
  return {
    baseline,
    current,
    baselineModel,
    currentModel,
    pairing: { paired: reason === null, reason },
    options,
    allies,
    blocks: blockCount(settings.passes),
    tallySize: 1 + options.length * (3 + allies.length) * 4,
    manifest: {
      seed: settings.seed,
      passes: settings.passes,
      blockSize: BLOCK_SIZE,
      baselineHash: scenarioHash(baseline),
      currentHash: scenarioHash(current),
      engineVersion: ENGINE_VERSION,
      modelVersion: MODEL_VERSION,
    },
  };
}

/** Marks, for the option being played, the allies that block it at the last round. */
class BlockerFlags implements BargainingObserver {
  readonly blocked: Uint8Array;

  constructor(allyCount: number) {
    this.blocked = new Uint8Array(allyCount);
  }

  round(_round: number, _bargain: Bargain, judgment: Judgment, verdict: Verdict): void {
    if (verdict !== VERDICT.failed) return;
    for (let k = 0; k < judgment.objectors; k++) this.blocked[judgment.objectorList[k]!] = 1;
  }
}

/**
 * Runs blocks `range` of a paired comparison and returns their tally: whole numbers (per option,
 * per measure and per ally's blocking: the baseline's count, the current count, the passes that
 * went from no to yes and from yes to no), so tallies of disjoint ranges add up exactly.
 *
 * @throws {ConcertInputError} (kind `analysis-settings`) when the scenarios cannot be paired;
 *   (kind `range`) for a block range outside the run.
 */
export function runComparisonBlocks(
  plan: ComparisonPlan,
  range: BlockRange,
  options: { onProgress?: (progress: Progress) => void; abortSignal?: AbortSignalLike } = {},
): Float64Array {
  if (!plan.pairing.paired)
    throw new ConcertInputError('the scenarios cannot be compared pass by pass', [{ path: 'current', message: `must have the baseline's allies, blocs and events in the same order to be paired: ${plan.pairing.reason}` }], 'analysis-settings');
  const { baselineModel, currentModel } = plan;
  const baselineState = new EngineState(baselineModel);
  const currentState = new EngineState(currentModel);
  const currentWorld: World = currentState.world;
  const baseFlags = new BlockerFlags(baselineModel.allyCount);
  const currentFlags = new BlockerFlags(currentModel.allyCount);
  const tally = new Float64Array(plan.tallySize);
  const stride = (3 + plan.allies.length) * 4;
  const count = (at: number, before: boolean, after: boolean): void => {
    if (before) tally[at]! += 1;
    if (after) tally[at + 1]! += 1;
    if (after && !before) tally[at + 2]! += 1;
    else if (before && !after) tally[at + 3]! += 1;
  };
  let passesDone = 0;
  forEachPass({
    model: baselineModel,
    seed: plan.manifest.seed,
    passes: plan.manifest.passes,
    range,
    world: baselineState.world,
    what: 'The comparison',
    ...(options.abortSignal === undefined ? {} : { abortSignal: options.abortSignal }),
    beforeBlock: (_, blockPasses) => {
      tally[0]! += blockPasses;
    },
    onPass: () => {
      worldFromDraws(currentModel, baselineState.world.draws, currentWorld);
      plan.options.forEach((option, o) => {
        baseFlags.blocked.fill(0);
        currentFlags.blocked.fill(0);
        const before = evaluateOption(baselineState, option.baseline, null, baseFlags);
        const c0 = before.consensus;
        const r0 = before.risk;
        const after = evaluateOption(currentState, option.current, null, currentFlags);
        const at = 1 + o * stride;
        count(at, c0, after.consensus);
        count(at + 4, r0, after.risk);
        count(at + 8, c0 && !r0, after.consensus && !after.risk);
        plan.allies.forEach((ally, k) => count(at + 12 + 4 * k, baseFlags.blocked[ally.baseline] === 1, currentFlags.blocked[ally.current] === 1));
      });
    },
    afterBlock: (block, blockPasses) => {
      passesDone += blockPasses;
      options.onProgress?.({ passesDone, passes: plan.manifest.passes, blocksDone: block - range.from + 1, blocks: range.to - range.from });
    },
  });
  return tally;
}

/** A measure compared from whole-number counts: paired (with up and down) or unpaired. */
function measure(passes: number, before: number, after: number, up: number | null, down: number | null): MeasureComparison {
  const baseline = wilsonInterval(before, passes);
  const current = wilsonInterval(after, passes);
  if (up === null || down === null) return { baseline, current, change: { ...unpairedDifference(before, passes, after, passes), up: null, down: null } };
  const paired = pairedDifference(up, down, passes);
  return { baseline, current, change: { estimate: paired.estimate, standardError: paired.standardError, lower: paired.lower, upper: paired.upper, up, down } };
}

function resultOf(plan: ComparisonPlan, options: OptionComparison[]): ComparisonResult {
  const inBoth = new Set(plan.options.map((option) => option.id));
  const named = (option: { id: string; name?: string | undefined }) => ({ id: option.id, name: option.name ?? option.id });
  return {
    format: 'concert-comparison',
    formatVersion: 1,
    manifest: plan.manifest,
    pairing: plan.pairing,
    options,
    added: plan.current.options.filter((option) => !inBoth.has(option.id)).map(named),
    removed: plan.baseline.options.filter((option) => !inBoth.has(option.id)).map(named),
  };
}

/**
 * Turns the tally of every block of a paired comparison into its result.
 *
 * @throws {ConcertInputError} when the tally has the wrong size or does not cover every pass.
 */
export function summarizeComparison(plan: ComparisonPlan, tally: ArrayLike<number>): ComparisonResult {
  const passes = plan.manifest.passes;
  if (tally.length !== plan.tallySize || tally[0] !== passes)
    throw new ConcertInputError('incomplete comparison', [{ path: 'tally', message: `must have ${plan.tallySize} entries and count all ${passes} passes (is a block range missing?)`, value: `${tally.length} entries, ${tally[0]} passes` }], 'partial');
  const stride = (3 + plan.allies.length) * 4;
  const at = (k: number) => measure(passes, tally[k]!, tally[k + 1]!, tally[k + 2]!, tally[k + 3]!);
  return resultOf(
    plan,
    plan.options.map((option, o) => {
      const base = 1 + o * stride;
      return {
        id: option.id,
        name: plan.current.options[option.current]!.name ?? option.id,
        consensus: at(base),
        risk: at(base + 4),
        viability: at(base + 8),
        allies: plan.allies.map((ally, k) => ({ id: ally.id, name: plan.current.allies[ally.current]!.name ?? ally.id, blockerRate: at(base + 12 + 4 * k) })),
      };
    }),
  );
}

/**
 * The unpaired comparison of two separate runs (the only one possible when the scenarios' draw
 * layouts differ): each measure's change with the Wald standard error and Newcombe's interval.
 * `baselineTally` and `currentTally` are the two runs' engine tallies over every block, at the
 * plan's passes and seed (`runPreparedBlocks` of `prepareRun(plan.baseline, …)` and of
 * `plan.current`), so a caller can run them in chunks (a worker that hears "cancel") and get
 * the result `compareScenarios` gives.
 *
 * @throws {ConcertInputError} (kind `partial`) when a tally has the wrong size or does not count every pass.
 */
export function summarizeUnpairedComparison(plan: ComparisonPlan, baselineTally: ArrayLike<number>, currentTally: ArrayLike<number>): ComparisonResult {
  const passes = plan.manifest.passes;
  const layout = (model: CompiledModel) => new EngineState(model).layout;
  const before = layout(plan.baselineModel);
  const after = layout(plan.currentModel);
  const passesIn = (tally: ArrayLike<number>, layout: TallyLayout) => {
    let counted = 0;
    for (let segment = 0; segment < CONVERGENCE_SEGMENTS; segment++) counted += tally[layout.segmentPasses(segment)]!;
    return counted;
  };
  for (const [side, tally, layoutOf] of [['baseline', baselineTally, before], ['current', currentTally, after]] as const)
    if (tally.length !== layoutOf.size || passesIn(tally, layoutOf) !== passes)
      throw new ConcertInputError('incomplete comparison', [{ path: `${side}Tally`, message: `must have ${layoutOf.size} entries and count all ${passes} passes (is a block range missing?)`, value: `${tally.length} entries` }], 'partial');
  const measures = [OPTION_COUNTER.consensus, OPTION_COUNTER.risk, OPTION_COUNTER.viable] as const;
  return resultOf(
    plan,
    plan.options.map((option) => {
      const counts = measures.map((counter) => measure(passes, baselineTally[before.option(option.baseline, counter)]!, currentTally[after.option(option.current, counter)]!, null, null));
      return {
        id: option.id,
        name: plan.current.options[option.current]!.name ?? option.id,
        consensus: counts[0]!,
        risk: counts[1]!,
        viability: counts[2]!,
        allies: plan.allies.map((ally) => ({
          id: ally.id,
          name: plan.current.allies[ally.current]!.name ?? ally.id,
          blockerRate: measure(passes, baselineTally[before.ally(option.baseline, ally.baseline, ALLY_COUNTER.blocker)]!, currentTally[after.ally(option.current, ally.current, ALLY_COUNTER.blocker)]!, null, null),
        })),
      };
    }),
  );
}

/**
 * Compares a current scenario with a baseline: both run with the same seed and passes, pass by
 * pass when their draw layouts match (same allies, blocs and events in the same order), and per
 * option (matched by id) the change in consensus, risk, viability and each ally's blocker rate
 * with its standard error and 95% interval, beside the two estimates. Options in one scenario
 * only are listed as added or removed. When the layouts differ the result says why
 * (`pairing.paired: false`, `pairing.reason`) and its changes are unpaired.
 *
 * @throws {ConcertInputError} for an invalid scenario or settings.
 * @example
 * const comparison = compareScenarios(baseline, current, { passes: 20_000, seed: 1 });
 * comparison.options[0].consensus.change; // => { estimate: -0.031, standardError: 0.0012, lower, upper, up, down }
 */
export function compareScenarios(
  baseline: unknown,
  current: unknown,
  settings: ComparisonSettings & { onProgress?: (progress: Progress) => void; abortSignal?: AbortSignalLike },
): ComparisonResult {
  const { onProgress, abortSignal, ...rest } = settings;
  const plan = prepareComparison(baseline, current, rest);
  const progress = { ...(onProgress === undefined ? {} : { onProgress }), ...(abortSignal === undefined ? {} : { abortSignal }) };
  if (plan.pairing.paired) return summarizeComparison(plan, runComparisonBlocks(plan, { from: 0, to: plan.blocks }, progress));
  const tallyOf = (model: CompiledModel): Float64Array => {
    const state = new EngineState(model);
    const tally = new Float64Array(state.layout.size);
    runBlocks(state, plan.manifest.seed, plan.manifest.passes, 0, plan.blocks, tally, undefined, abortSignal);
    return tally;
  };
  return summarizeUnpairedComparison(plan, tallyOf(plan.baselineModel), tallyOf(plan.currentModel));
}
