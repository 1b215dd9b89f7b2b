/**
 * The compiled model: a validated scenario laid out in typed arrays for the hot loop.
 * Built once per run; the engine never looks at the scenario object again.
 */
import { STANCE_PARAMETERS, type Scenario, type Uncertain } from '../scenario/schema.js';
import type { DecisionRule } from './decisionRules/decisionRule.js';
import { unanimity } from './decisionRules/unanimity.js';
import { chair } from './protocols/chair.js';
import type { Protocol } from './protocols/protocol.js';
import { statusQuoSignal } from './signal.js';
import { prepareSignalFormula, type SignalFormulaShape, type SignalFunction } from './signalFormula.js';

/** Number of sampled stance parameters per ally (hawkishness, engagement preference, salience). */
export const PARAMETERS_PER_ALLY = STANCE_PARAMETERS.length;

/** Index of each stance parameter within an ally's slot `ally * 3 + parameter`. */
export const HAWKISHNESS = 0;
export const ENGAGEMENT_PREFERENCE = 1;
export const SALIENCE = 2;

/** The log-odds of a probability: `logit(p) = log(p / (1 - p))`. */
export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

/** The logistic function, the inverse of {@link logit}. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** A scenario laid out for the engine. Arrays indexed by ally, option, event or `ally * 3 + parameter`. */
export interface CompiledModel {
  readonly allyCount: number;
  readonly optionCount: number;
  readonly blocCount: number;
  readonly eventCount: number;

  /** Per `ally * 3 + parameter`: 1 when the parameter is a plain number used as is. */
  readonly fixed: Uint8Array;
  /** Per `ally * 3 + parameter`: the fixed value, or `logit(center)`. */
  readonly base: Float64Array;
  /** Per `ally * 3 + parameter`: the logit-scale standard deviation (0 when fixed). */
  readonly uncertainty: Float64Array;
  /** Per ally: its bloc index, or -1. */
  readonly blocOf: Int32Array;
  /** Per ally: `sqrt(rho)` and `sqrt(1 - rho)` of its bloc (0 and 1 outside a bloc). */
  readonly blocLoading: Float64Array;
  readonly ownLoading: Float64Array;
  readonly influence: Float64Array;
  readonly solidarityCost: Float64Array;

  readonly eventProbability: Float64Array;
  /** Shifts of event `e` are `shiftTarget/shiftBy[shiftStart[e] .. shiftStart[e + 1])`. */
  readonly shiftStart: Int32Array;
  /** Target slot `ally * 3 + parameter` of each shift. */
  readonly shiftTarget: Int32Array;
  readonly shiftBy: Float64Array;

  readonly optionFirmness: Float64Array;
  readonly optionEngagement: Float64Array;
  readonly optionVisibility: Float64Array;

  readonly statusQuoFirmness: number;
  readonly statusQuoEngagement: number;
  readonly statusQuoVisibility: number;
  readonly weightFirmness: number;
  readonly weightEngagement: number;

  readonly maxRounds: number;
  readonly step: number;
  readonly maxDrift: number;

  readonly exponent: number;
  readonly thresholdFixed: boolean;
  readonly thresholdBase: number;
  readonly thresholdUncertainty: number;
  /** A custom signal formula, or null for the default `visibility * firmness ^ exponent`. */
  readonly signalFormula: SignalFunction | null;
  /** Whether the custom formula needs `unity`. */
  readonly needsUnity: boolean;
  /** The size of the custom formula's expression tree (its cost is counted from it), or null. */
  readonly signalFormulaShape: SignalFormulaShape | null;
  /** The signal when no text is adopted and the status quo stays. */
  readonly statusQuoSignal: number;

  /** The decision rule of the scenario: who objects and whether objectors block. */
  readonly decisionRule: DecisionRule;
  /** The bargaining protocol of the scenario: how an option is played out. */
  readonly protocol: Protocol;
}

function setUncertain(model: { fixed: Uint8Array; base: Float64Array; uncertainty: Float64Array }, slot: number, value: Uncertain): void {
  if (typeof value === 'number') {
    model.fixed[slot] = 1;
    model.base[slot] = value;
    model.uncertainty[slot] = 0;
  } else {
    model.fixed[slot] = 0;
    model.base[slot] = logit(value.center);
    model.uncertainty[slot] = value.uncertainty;
  }
}

/** Expands an event shift's targets (`"*"`, ally ids, `"bloc:<id>"`) to ally indices, in ally order. */
export function resolveShiftTargets(scenario: Scenario, targets: '*' | readonly string[]): number[] {
  if (targets === '*') return scenario.allies.map((_, index) => index);
  const wanted = new Set(targets);
  return scenario.allies.flatMap((ally, index) =>
    wanted.has(ally.id) || (ally.bloc !== undefined && wanted.has(`bloc:${ally.bloc}`)) ? [index] : [],
  );
}

/**
 * Lays out a validated scenario for the engine.
 *
 * @throws {ConcertInputError} when the signal formula cannot be compiled or leaves [0, 1].
 */
export function compileModel(scenario: Scenario): CompiledModel {
  const allyCount = scenario.allies.length;
  const slots = allyCount * PARAMETERS_PER_ALLY;
  const stance = { fixed: new Uint8Array(slots), base: new Float64Array(slots), uncertainty: new Float64Array(slots) };
  const blocIndex = new Map(scenario.blocs.map((bloc, index) => [bloc.id, index]));
  const blocOf = new Int32Array(allyCount);
  const blocLoading = new Float64Array(allyCount);
  const ownLoading = new Float64Array(allyCount);
  const influence = new Float64Array(allyCount);
  const solidarityCost = new Float64Array(allyCount);

  scenario.allies.forEach((ally, a) => {
    STANCE_PARAMETERS.forEach((parameter, p) => setUncertain(stance, a * PARAMETERS_PER_ALLY + p, ally[parameter]));
    const b = ally.bloc === undefined ? -1 : blocIndex.get(ally.bloc)!;
    const rho = b < 0 ? 0 : scenario.blocs[b]!.correlation;
    blocOf[a] = b;
    blocLoading[a] = Math.sqrt(rho);
    ownLoading[a] = Math.sqrt(1 - rho);
    influence[a] = ally.influence;
    solidarityCost[a] = ally.solidarityCost;
  });

  const shiftStart = new Int32Array(scenario.events.length + 1);
  const targets: number[] = [];
  const amounts: number[] = [];
  scenario.events.forEach((event, e) => {
    shiftStart[e] = targets.length;
    for (const shift of event.shifts) {
      const p = STANCE_PARAMETERS.indexOf(shift.parameter);
      for (const a of resolveShiftTargets(scenario, shift.allies)) {
        targets.push(a * PARAMETERS_PER_ALLY + p);
        amounts.push(shift.by);
      }
    }
  });
  shiftStart[scenario.events.length] = targets.length;

  const { statusQuo, bargaining, signal } = scenario;
  const threshold = signal.threshold;
  const formula = signal.formula === undefined ? null : prepareSignalFormula(signal.formula, bargaining.maxRounds, signal.exponent);
  const signalFormula = formula === null ? null : formula.evaluate;
  return {
    allyCount,
    optionCount: scenario.options.length,
    blocCount: scenario.blocs.length,
    eventCount: scenario.events.length,
    ...stance,
    blocOf,
    blocLoading,
    ownLoading,
    influence,
    solidarityCost,
    eventProbability: Float64Array.from(scenario.events, (event) => event.probability),
    shiftStart,
    shiftTarget: Int32Array.from(targets),
    shiftBy: Float64Array.from(amounts),
    optionFirmness: Float64Array.from(scenario.options, (o) => o.firmness),
    optionEngagement: Float64Array.from(scenario.options, (o) => o.engagement),
    optionVisibility: Float64Array.from(scenario.options, (o) => o.visibility),
    statusQuoFirmness: statusQuo.firmness,
    statusQuoEngagement: statusQuo.engagement,
    statusQuoVisibility: statusQuo.visibility,
    weightFirmness: scenario.dimensionWeights.firmness,
    weightEngagement: scenario.dimensionWeights.engagement,
    maxRounds: bargaining.maxRounds,
    step: bargaining.step,
    maxDrift: bargaining.maxDrift,
    exponent: signal.exponent,
    thresholdFixed: typeof threshold === 'number',
    thresholdBase: typeof threshold === 'number' ? threshold : logit(threshold.center),
    thresholdUncertainty: typeof threshold === 'number' ? 0 : threshold.uncertainty,
    signalFormula,
    needsUnity: formula !== null && formula.shape.usesUnity,
    signalFormulaShape: formula === null ? null : formula.shape,
    statusQuoSignal: statusQuoSignal(statusQuo, signal.exponent, signalFormula),
    // Model 1: the chair under unanimity (the only rule and protocol so far).
    decisionRule: unanimity,
    protocol: chair,
  };
}
