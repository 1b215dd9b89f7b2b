/**
 * One-at-a-time sensitivity (a tornado): move each parameter down and up by a step, and measure
 * the change in each option's consensus, risk and viability on the very same passes.
 *
 * Every pass samples the base world once, through the engine's pass driver (block `j` draws
 * from `blockStream(seed, j)`), and the world keeps the numbers it drew. Each moved parameter is
 * then judged in a world made from those same numbers: for an ally's stance center or solidarity cost only that
 * ally is recomputed; for an event's probability the world is only resampled (from the kept
 * numbers) in passes whose event draw falls between the old and new probability; other
 * parameters resample the world from the kept numbers. An ally's move is only re-bargained when
 * it changes the ally's objection at one of the texts the base bargaining visited (or its pull
 * on the text): otherwise the outcome is the base one, exactly, and nothing needs computing. So every difference is a paired one, and
 * its standard error is that of a mean of per-pass differences.
 *
 * The tally holds whole numbers only, so block ranges run on any number of workers add up to the
 * same bytes; block `j` covers the same passes as in `simulate`, whose estimates the base equals.
 */
import { objectionRadiusSquared, objectsToText } from '../../model/decisionRules/objection.js';
import { unanimity } from '../../model/decisionRules/unanimity.js';
import { chair } from '../../model/protocols/chair.js';
import type { Bargain, BargainingObserver } from '../../model/protocols/protocol.js';
import { BLOCK_SIZE, blockCount } from '../../run/blocks.js';
import { EngineState, evaluateOption } from '../../run/engine.js';
import { forEachPass } from '../../run/passes.js';
import { compileModel, sigmoid, type CompiledModel } from '../../model/compiledModel.js';
import { formulaCostProblem } from '../../run/formulaCost.js';
import { ConcertInputError, type Problem } from '../../problems.js';
import type { Seed } from '../../random/random.js';
import type { BlockRange } from '../../run/blocks.js';
import { scenarioHash } from '../../run/prepare.js';
import type { Progress } from '../../run/simulate.js';
import type { Scenario } from '../../scenario/schema.js';
import { wilsonInterval, type Estimate } from '../../statistics.js';
import { validateScenario } from '../../scenario/validate.js';
import { ENGINE_VERSION, modelVersionOf } from '../../version.js';
import { policyDistance } from '../../model/distance.js';
import { eventDrawIndex, stanceDrawIndex, worldFromDraws } from '../../model/world.js';
import { pairedDifference, type PairedDifference } from './pairedDifference.js';
import { sensitivityParameters, withParameterValues, type SensitivityParameter } from './parameters.js';
import {
  TornadoSettingsSchema,
  parseSettings,
  resolveOptionIds,
  resolveParameterNames,
  type TornadoSettings,
} from './settings.js';
import type { AbortSignalLike } from '../../host.js';
import { SCALED_STEPS, scaledStep, steppedValue, type ParameterStep, type StepRule } from './tornadoSteps.js';

/** Outputs counted per option, in tally order. */
const MEASURES = 3; // consensus, risk, viability
const UP = 0;
const DOWN = 1;

/** A centre on the logit scale is kept at least this far from 0 and 1 when moved. */
export const CENTER_MARGIN = 0.01;

/** How a moved point is judged: by recomputing one ally, by resampling when its event draw changes, or by resampling every pass. */
export type PointMethod = 'ally' | 'event' | 'world';

/** One moved parameter value of a tornado. */
export interface TornadoPoint {
  readonly parameter: SensitivityParameter;
  readonly direction: 'low' | 'high';
  /** The step the parameter moved by (see `tornadoSteps.ts`). */
  readonly step: ParameterStep;
  /** The base value moved down or up by the step. */
  readonly requested: number;
  /** The value used: `requested` clamped into the parameter's domain. */
  readonly value: number;
  /** Whether the value was clamped (then it moved less than the step). */
  readonly clamped: boolean;
}

/** A validated tornado, ready to run blocks of (also in workers: build it once per worker). */
export interface TornadoPlan {
  readonly scenario: Scenario;
  readonly model: CompiledModel;
  readonly manifest: TornadoManifest;
  /** Indices of the reported options. */
  readonly options: readonly number[];
  readonly points: readonly TornadoPoint[];
  /** The moved model of each point. */
  readonly models: readonly CompiledModel[];
  readonly methods: readonly PointMethod[];
  /** Number of blocks of passes. */
  readonly blocks: number;
  /** Entries of a tally of this plan. */
  readonly tallySize: number;
}

/** What identifies a tornado: same manifest, same bytes. */
export interface TornadoManifest {
  readonly seed: Seed;
  readonly passes: number;
  readonly blockSize: number;
  /** `scaled`: each parameter moved on its own scale (the default); `absolute`: every parameter by `step`. */
  readonly stepRule: StepRule;
  /**
   * Under `absolute`, the step every parameter moved by; under `scaled`, the absolute step of the
   * parameters without a scale of their own (probabilities, the bargaining step, plain numbers).
   * Each effect records the step its parameter moved by.
   */
  readonly step: number;
  readonly parameters: readonly string[];
  readonly options: readonly string[];
  readonly scenarioHash: string;
  readonly engineVersion: string;
  readonly modelVersion: string;
}

/** The change of one option's three measures when one parameter moves one way. */
export interface TornadoMove {
  readonly value: number;
  readonly clamped: boolean;
  readonly consensus: PairedDifference;
  readonly risk: PairedDifference;
  readonly viability: PairedDifference;
}

/** One bar of a tornado: how one option responds to one parameter moved down and up. */
export interface TornadoEffect {
  readonly option: string;
  readonly parameter: string;
  readonly label: string;
  /** The parameter's value in the scenario. */
  readonly baseValue: number;
  /** The step it moved by, down and up. */
  readonly step: ParameterStep;
  readonly low: TornadoMove;
  readonly high: TornadoMove;
}

/** The result of {@link tornado}. */
export interface TornadoResult {
  readonly format: 'concert-tornado';
  readonly formatVersion: 1;
  readonly manifest: TornadoManifest;
  /** The base estimates of each reported option (equal to `simulate`'s with the same seed and passes). */
  readonly options: readonly {
    readonly id: string;
    readonly name: string;
    readonly consensus: Estimate;
    readonly risk: Estimate;
    readonly viability: Estimate;
  }[];
  /** Per option, per parameter, in option then parameter order. */
  readonly effects: readonly TornadoEffect[];
}

function clampedValue(parameter: SensitivityParameter, requested: number): number {
  const { domain, value } = parameter;
  let lower = domain.lower;
  let upper = domain.upper;
  // A center may not reach 0 or 1; it stops CENTER_MARGIN short (or where it already is).
  if (domain.lowerOpen) lower = Math.min(domain.lower + CENTER_MARGIN, value);
  if (domain.upperOpen) upper = Math.max(domain.upper - CENTER_MARGIN, value);
  return Math.min(upper, Math.max(lower, requested));
}

/**
 * Validates a scenario and tornado settings, and lays out the moved points.
 *
 * @throws {ConcertInputError} for an invalid scenario, or settings with problems (an unknown
 *   parameter name or option id, a step out of range), each named by its path.
 * @example
 * const plan = prepareTornado(scenario, { passes: 20_000, seed: 1 });
 * plan.points.length; // => 2 per moved parameter
 */
export function prepareTornado(scenarioInput: unknown, settingsInput: TornadoSettings): TornadoPlan {
  const settings = parseSettings(TornadoSettingsSchema, settingsInput, 'tornado');
  const scenario = validateScenario(scenarioInput);
  const problems: Problem[] = [];
  const parameters = resolveParameterNames(sensitivityParameters(scenario), settings.parameters, 'parameters', problems);
  const options = resolveOptionIds(scenario, settings.options, 'options', problems);
  if (problems.length === 0 && parameters.length === 0)
    problems.push({ path: 'parameters', message: 'must select at least one parameter of this scenario (these selectors match none)', value: settings.parameters });
  if (problems.length > 0) throw new ConcertInputError('invalid tornado settings', problems, 'analysis-settings');

  const model = compileModel(scenario);
  const points: TornadoPoint[] = [];
  const models: CompiledModel[] = [];
  const methods: PointMethod[] = [];
  const stepRule: StepRule = settings.step === undefined ? 'scaled' : 'absolute';
  for (const parameter of parameters) {
    const step: ParameterStep = settings.step === undefined ? scaledStep(scenario, parameter) : { size: settings.step, scale: 'value' };
    for (const direction of ['low', 'high'] as const) {
      const requested = steppedValue(parameter.value, step, direction);
      const value = clampedValue(parameter, requested);
      points.push({ parameter, direction, step, requested, value, clamped: value !== requested });
      models.push(withParameterValues(model, [parameter], [value]));
      methods.push(
        parameter.kind === 'stance' || parameter.kind === 'solidarityCost'
          ? 'ally'
          : parameter.kind === 'eventProbability'
            ? 'event'
            : 'world',
      );
    }
  }
  const blocks = blockCount(settings.passes);
  const tooSlow = formulaCostProblem(model, settings.passes * (1 + points.length), scenario.signal.formula, 'a tornado');
  if (tooSlow !== null) throw new ConcertInputError('signal formula too slow for this analysis', [tooSlow], 'signal-formula');
  return {
    scenario,
    model,
    options,
    points,
    models,
    methods,
    blocks,
    tallySize: 1 + options.length * MEASURES * (1 + 2 * points.length),
    manifest: {
      seed: settings.seed,
      passes: settings.passes,
      blockSize: BLOCK_SIZE,
      stepRule,
      step: settings.step ?? SCALED_STEPS.absolute,
      parameters: parameters.map((p) => p.name),
      options: options.map((o) => scenario.options[o]!.id),
      scenarioHash: scenarioHash(scenario),
      engineVersion: ENGINE_VERSION,
      modelVersion: modelVersionOf(scenario),
    },
  };
}

/**
 * Keeps the texts a bargaining visits, round by round: option `o`'s round `r` text goes to
 * `trace[o * stride + 2r]` (firmness) and `[... + 1]` (engagement), and `texts[o]` counts them.
 */
class TextTrace implements BargainingObserver {
  option = 0;

  constructor(
    readonly trace: Float64Array,
    readonly texts: Int32Array,
    readonly stride: number,
  ) {}

  round(round: number, bargain: Bargain): void {
    const at = this.option * this.stride + 2 * round;
    this.trace[at] = bargain.firmness;
    this.trace[at + 1] = bargain.engagement;
    this.texts[this.option] = round + 1;
  }
}

/**
 * Whether one ally, moved from stance `(h0, e0, s0)` with objection radius `r0` to `(h1, e1, s1)`
 * with `r1`, leaves a traced chair bargaining unchanged: at every text it objects in both worlds
 * or in neither, and wherever it objects before the last round (where its ideal point pulls the
 * text) its ideal point and weight are unchanged.
 */
function allyMoveLeavesTrace(
  model: CompiledModel,
  trace: Float64Array,
  offset: number,
  texts: number,
  h0: number,
  e0: number,
  s0: number,
  r0: number,
  h1: number,
  e1: number,
  s1: number,
  r1: number,
): boolean {
  const { weightFirmness: wF, weightEngagement: wE, maxRounds } = model;
  const samePull = h0 === h1 && e0 === e1 && s0 === s1;
  for (let round = 0; round < texts; round++) {
    const f = trace[offset + 2 * round]!;
    const e = trace[offset + 2 * round + 1]!;
    const before = objectsToText(wF, wE, f, e, h0, e0, r0);
    const after = objectsToText(wF, wE, f, e, h1, e1, r1);
    if (before !== after) return false;
    if (before && round < maxRounds && !samePull) return false;
  }
  return true;
}

/**
 * Runs blocks `[from, to)` of a tornado and returns their tally (whole numbers: add the tallies
 * of disjoint ranges to combine them, in any order).
 *
 * @throws {ConcertInputError} for a block range outside the plan.
 */
export function runTornadoBlocks(
  plan: TornadoPlan,
  range: BlockRange,
  options: { onProgress?: (progress: Progress) => void; abortSignal?: AbortSignalLike } = {},
): Float64Array {
  const { model, points, models, methods } = plan;
  const optionList = Int32Array.from(plan.options);
  const optionCount = optionList.length;
  const pointCount = points.length;
  const tally = new Float64Array(plan.tallySize);
  const pointBase = 1 + optionCount * MEASURES;

  const state = new EngineState(model);
  const world = state.world;
  const draws = world.draws;
  const movedStates = models.map((moved, q) => (methods[q] === 'ally' ? null : new EngineState(moved)));
  const baseConsensus = new Uint8Array(optionCount);
  const baseRisk = new Uint8Array(optionCount);
  // The texts each option's bargaining visited in the base world of the current pass.
  const traceStride = 2 * (model.maxRounds + 1);
  const texts = new Int32Array(optionCount);
  const textTrace = new TextTrace(new Float64Array(optionCount * traceStride), texts, traceStride);
  const trace = textTrace.trace;
  // The shortcuts below reason about the chair under unanimity: an ally's move matters only
  // through its objections and its pull on the text, and one certain objector blocks. With a
  // custom formula that reads `unity`, every ally's stance also enters the signal.
  const chairUnderUnanimity = model.protocol === chair && model.decisionRule === unanimity;
  const canSkip = chairUnderUnanimity && !model.needsUnity;
  // Per option: how many allies object to every text the bargaining can reach (certain
  // blockers), and one of them. With a certain blocker other than the moved ally, the option
  // fails in both worlds, with the status quo's signal: the outcome cannot change.
  const certainBlockers = new Int32Array(optionCount);
  const aCertainBlocker = new Int32Array(optionCount);
  const drift = model.maxRounds > 0 ? model.maxDrift : 0;
  const nearest = Math.sqrt(Math.min(model.weightFirmness, model.weightEngagement));
  const { shift, blocDraw, hawkishness, engagementPreference, salience, statusQuoDistance, objectionRadiusSquared: radiusSquared } = world;

  const count = (q: number, o: number, consensus: boolean, risk: boolean): void => {
    const at = pointBase + ((q * optionCount + o) * MEASURES) * 2;
    const c0 = baseConsensus[o]!;
    const r0 = baseRisk[o]!;
    const c1 = consensus ? 1 : 0;
    const r1 = risk ? 1 : 0;
    if (c1 !== c0) tally[at + (c1 > c0 ? UP : DOWN)]! += 1;
    if (r1 !== r0) tally[at + 2 + (r1 > r0 ? UP : DOWN)]! += 1;
    const v0 = c0 === 1 && r0 === 0 ? 1 : 0;
    const v1 = c1 === 1 && r1 === 0 ? 1 : 0;
    if (v1 !== v0) tally[at + 4 + (v1 > v0 ? UP : DOWN)]! += 1;
  };

  const judgeBase = (): void => {
    for (let o = 0; o < optionCount; o++) {
      textTrace.option = o;
      const outcome = evaluateOption(state, optionList[o]!, null, textTrace);
      baseConsensus[o] = outcome.consensus ? 1 : 0;
      baseRisk[o] = outcome.risk ? 1 : 0;
      tally[1 + o * MEASURES]! += baseConsensus[o]!;
      tally[2 + o * MEASURES]! += baseRisk[o]!;
      tally[3 + o * MEASURES]! += outcome.consensus && !outcome.risk ? 1 : 0;
      certainBlockers[o] = 0;
      if (outcome.consensus || !chairUnderUnanimity) continue;
      const option = optionList[o]!;
      for (let a = 0; a < model.allyCount; a++) {
        const df = model.optionFirmness[option]! - hawkishness[a]!;
        const de = model.optionEngagement[option]! - engagementPreference[a]!;
        // The weighted distance to any text within `drift` of the option is at least this.
        const closest = nearest * Math.max(0, Math.sqrt(df * df + de * de) - drift);
        if (closest * closest > radiusSquared[a]! * (1 + 1e-12)) {
          certainBlockers[o]! += 1;
          aCertainBlocker[o] = a;
        }
      }
    }
  };

  /** Judges point `q`, which moves one ally's stance center or solidarity cost, in this pass. */
  const judgeAllyMove = (q: number): void => {
    const moved = models[q]!;
    const parameter = points[q]!.parameter;
    const a = parameter.index;
    const h0 = hawkishness[a]!;
    const e0 = engagementPreference[a]!;
    const s0 = salience[a]!;
    const d0 = statusQuoDistance[a]!;
    const r0 = radiusSquared[a]!;
    let h1 = h0;
    let e1 = e0;
    let s1 = s0;
    if (parameter.kind === 'stance') {
      // The same expression as worldFromDraws's, on the same numbers, with the moved center.
      const slot = a * 3 + parameter.stance;
      let value: number;
      if (moved.fixed[slot] === 1) value = moved.base[slot]!;
      else {
        const eps = draws[stanceDrawIndex(model, a, parameter.stance)]!;
        const bloc = model.blocOf[a]!;
        const latent = bloc < 0 ? eps : model.blocLoading[a]! * blocDraw[bloc * 3 + parameter.stance]! + model.ownLoading[a]! * eps;
        value = sigmoid(moved.base[slot]! + shift[slot]! + moved.uncertainty[slot]! * latent);
      }
      if (parameter.stance === 0) h1 = value;
      else if (parameter.stance === 1) e1 = value;
      else s1 = value;
    }
    const d1 = policyDistance(model, model.statusQuoFirmness, model.statusQuoEngagement, h1, e1);
    const r1 = objectionRadiusSquared(s1, d1, moved.solidarityCost[a]!);
    if (h1 === h0 && e1 === e0 && s1 === s0 && r1 === r0) return; // the same world
    hawkishness[a] = h1;
    engagementPreference[a] = e1;
    salience[a] = s1;
    statusQuoDistance[a] = d1;
    radiusSquared[a] = r1;
    for (let o = 0; o < optionCount; o++) {
      const blockers = certainBlockers[o]!;
      if (blockers > 1 || (blockers === 1 && aCertainBlocker[o] !== a)) continue;
      if (canSkip && allyMoveLeavesTrace(model, trace, o * traceStride, texts[o]!, h0, e0, s0, r0, h1, e1, s1, r1)) continue;
      const outcome = evaluateOption(state, optionList[o]!, null);
      count(q, o, outcome.consensus, outcome.risk);
    }
    hawkishness[a] = h0;
    engagementPreference[a] = e0;
    salience[a] = s0;
    statusQuoDistance[a] = d0;
    radiusSquared[a] = r0;
  };

  /** Judges point `q` in a world recomputed from this pass's numbers with the moved model. */
  const judgeMovedWorld = (q: number): void => {
    const moved = models[q]!;
    if (methods[q] === 'event') {
      // The event occurs iff its uniform is below the probability; between the old and the
      // new probability the world changes, elsewhere it is the same world.
      const index = points[q]!.parameter.index;
      const u = draws[eventDrawIndex(index)]!;
      if (u < model.eventProbability[index]! === u < moved.eventProbability[index]!) return;
    }
    const movedState = movedStates[q]!;
    worldFromDraws(moved, draws, movedState.world);
    for (let o = 0; o < optionCount; o++) {
      const outcome = evaluateOption(movedState, optionList[o]!, null);
      count(q, o, outcome.consensus, outcome.risk);
    }
  };

  let passesDone = 0;
  forEachPass({
    model,
    seed: plan.manifest.seed,
    passes: plan.manifest.passes,
    range,
    world,
    what: 'The tornado',
    ...(options.abortSignal === undefined ? {} : { abortSignal: options.abortSignal }),
    beforeBlock: (_, blockPasses) => {
      tally[0]! += blockPasses;
    },
    onPass: () => {
      judgeBase();
      for (let q = 0; q < pointCount; q++) {
        if (methods[q] === 'ally') judgeAllyMove(q);
        else judgeMovedWorld(q);
      }
    },
    afterBlock: (block, blockPasses) => {
      passesDone += blockPasses;
      options.onProgress?.({ passesDone, passes: plan.manifest.passes, blocksDone: block - range.from + 1, blocks: range.to - range.from });
    },
  });
  return tally;
}

/**
 * Turns the tally of every block of a tornado into its result.
 *
 * @throws {ConcertInputError} when the tally has the wrong size or does not cover every pass.
 */
export function summarizeTornado(plan: TornadoPlan, tally: ArrayLike<number>): TornadoResult {
  const passes = plan.manifest.passes;
  if (tally.length !== plan.tallySize || tally[0] !== passes)
    throw new ConcertInputError('incomplete tornado', [
      { path: 'tally', message: `must have ${plan.tallySize} entries and count all ${passes} passes (is a block range missing?)`, value: `${tally.length} entries, ${tally[0]} passes` },
    ], 'partial');
  const optionCount = plan.options.length;
  const pointBase = 1 + optionCount * MEASURES;
  const move = (q: number, o: number): TornadoMove => {
    const at = pointBase + ((q * optionCount + o) * MEASURES) * 2;
    const point = plan.points[q]!;
    return {
      value: point.value,
      clamped: point.clamped,
      consensus: pairedDifference(tally[at]!, tally[at + 1]!, passes),
      risk: pairedDifference(tally[at + 2]!, tally[at + 3]!, passes),
      viability: pairedDifference(tally[at + 4]!, tally[at + 5]!, passes),
    };
  };
  const effects: TornadoEffect[] = [];
  plan.options.forEach((option, o) => {
    for (let q = 0; q < plan.points.length; q += 2) {
      const parameter = plan.points[q]!.parameter;
      effects.push({
        option: plan.scenario.options[option]!.id,
        parameter: parameter.name,
        label: parameter.label,
        baseValue: parameter.value,
        step: plan.points[q]!.step,
        low: move(q, o),
        high: move(q + 1, o),
      });
    }
  });
  return {
    format: 'concert-tornado',
    formatVersion: 1,
    manifest: plan.manifest,
    options: plan.options.map((option, o) => {
      const scenarioOption = plan.scenario.options[option]!;
      return {
        id: scenarioOption.id,
        name: scenarioOption.name ?? scenarioOption.id,
        consensus: wilsonInterval(tally[1 + o * MEASURES]!, passes),
        risk: wilsonInterval(tally[2 + o * MEASURES]!, passes),
        viability: wilsonInterval(tally[3 + o * MEASURES]!, passes),
      };
    }),
    effects,
  };
}

/**
 * One-at-a-time sensitivity: each chosen parameter moved down and up by a step of its own scale
 * (centers by half their uncertainty on the logit scale, costs by a quarter of their value,
 * probabilities by 0.1; see `tornadoSteps.ts`), or by `step` when given; centers stay 0.01
 * inside (0, 1), costs at least 0, and a clamp is reported. Returns the paired change in every
 * option's consensus, risk and viability, with standard errors.
 *
 * @throws {ConcertInputError} for an invalid scenario or settings, naming each problem's path.
 * @example
 * const result = tornado(scenario, { passes: 20_000, seed: 1 });
 * tornadoBars(result, { option: 'dual-track', measure: 'consensus' })[0];
 * // => the parameter that moves dual-track's consensus most, with both moves and their errors
 */
export function tornado(scenario: unknown, settings: TornadoSettings & { onProgress?: (progress: Progress) => void; abortSignal?: AbortSignalLike }): TornadoResult {
  const { onProgress, abortSignal, ...rest } = settings;
  const plan = prepareTornado(scenario, rest);
  const progress: { onProgress?: (progress: Progress) => void; abortSignal?: AbortSignalLike } = {};
  if (onProgress !== undefined) progress.onProgress = onProgress;
  if (abortSignal !== undefined) progress.abortSignal = abortSignal;
  return summarizeTornado(plan, runTornadoBlocks(plan, { from: 0, to: plan.blocks }, progress));
}
