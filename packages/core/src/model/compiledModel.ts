/**
 * The compiled model: a validated scenario laid out in typed arrays for the hot loop.
 * Built once per run; the engine never looks at the scenario object again.
 */
import { STANCE_PARAMETERS, type Scenario, type Stance, type StanceDistribution } from '../scenario/schema.js';
import type { DecisionRule } from './decisionRules/decisionRule.js';
import { qualifiedMajority } from './decisionRules/qualifiedMajority.js';
import { unanimity, unanimityOfMembers } from './decisionRules/unanimity.js';
import { chair } from './protocols/chair.js';
import { compromise } from './protocols/compromise.js';
import type { Protocol } from './protocols/protocol.js';
import { setter } from './protocols/setter.js';
import { exp } from './exp.js';
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
  return 1 / (1 + exp(-x));
}

/**
 * How a stance slot turns its latent value into the stance: 0 the logistic function (model 1's
 * logit-normal), 1 reflection into [0, 1] (`reflectedNormal`), 2 the exponential (`logNormal`).
 */
export const STANCE_LINK = { logit: 0, reflect: 1, log: 2 } as const;

/**
 * Folds a number into [0, 1] by reflecting it at 0 and 1 (a mirror at each end, as often as
 * needed): the reflected normal's map, continuous, with no value piled on the ends.
 *
 * @example
 * reflectIntoUnit(-0.2); // => 0.2
 * reflectIntoUnit(1.3); // => 0.7 (up to rounding)
 */
export function reflectIntoUnit(x: number): number {
  const folded = Math.abs(x) % 2;
  return folded <= 1 ? folded : 2 - folded;
}

/** The link of a stance's distribution ({@link STANCE_LINK}). */
export function stanceLink(distribution: StanceDistribution | undefined): number {
  return distribution === undefined ? STANCE_LINK.logit : distribution === 'reflectedNormal' ? STANCE_LINK.reflect : STANCE_LINK.log;
}

/**
 * A stance center on its latent scale, where shifts and the normal draw are added: `logit(center)`
 * for the logit-normal, `center` for the reflected normal, `log(center)` for the log-normal.
 *
 * @example
 * latentCenter(STANCE_LINK.reflect, 0); // => 0
 */
export function latentCenter(link: number, center: number): number {
  return link === STANCE_LINK.logit ? logit(center) : link === STANCE_LINK.reflect ? center : Math.log(center);
}

/** An ally's part in the decision rule: a member, an ally that cannot block, or a co-legislator. */
export const ALLY_ROLE = { member: 0, nonBlocking: 1, coLegislator: 2 } as const;

/** A scenario laid out for the engine. Arrays indexed by ally, option, event or `ally * 3 + parameter`. */
export interface CompiledModel {
  readonly allyCount: number;
  readonly optionCount: number;
  readonly blocCount: number;
  readonly eventCount: number;

  /** Per `ally * 3 + parameter`: 1 when the parameter is a plain number used as is. */
  readonly fixed: Uint8Array;
  /** Per `ally * 3 + parameter`: the fixed value, or the center on its latent scale ({@link latentCenter}). */
  readonly base: Float64Array;
  /** Per `ally * 3 + parameter`: its {@link STANCE_LINK} (0, the logit-normal, in model 1). */
  readonly stanceLink: Uint8Array;
  /** Whether some stance is not logit-normal (model 2), so the world looks at `stanceLink`. */
  readonly linkedStances: boolean;
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

  /** Per ally: its {@link ALLY_ROLE} (all members in model 1). */
  readonly allyRole: Uint8Array;
  /** Quotas of a qualified majority (0 for unanimity). */
  readonly quotaCount: number;
  /** Per `quota * allyCount + ally`: the member's weight in the quota (0 for non-members). */
  readonly quotaWeight: Float64Array;
  /** Per quota: the total weight of all members. */
  readonly quotaTotal: Float64Array;
  /** Per quota: the weight the accepting members must reach, `max(atLeast, share * total)`. */
  readonly quotaNeed: Float64Array;
  /** A text opposed by fewer members than this passes anyway (0: no such clause). */
  readonly blockingMinority: number;
  /** Per ally: `influence ^ influenceExponent`, its weight (times salience) in a compromise. */
  readonly compromiseInfluence: Float64Array;
  /** The compromise protocol's chance that one recognized ally's ideal point is put instead. */
  readonly recognition: number;
}

function setStance(
  model: { fixed: Uint8Array; base: Float64Array; uncertainty: Float64Array; stanceLink: Uint8Array },
  slot: number,
  value: Stance,
): void {
  if (typeof value === 'number') {
    model.fixed[slot] = 1;
    model.base[slot] = value;
    model.uncertainty[slot] = 0;
  } else {
    const link = stanceLink('distribution' in value ? value.distribution : undefined);
    model.fixed[slot] = 0;
    model.stanceLink[slot] = link;
    model.base[slot] = latentCenter(link, value.center);
    model.uncertainty[slot] = value.uncertainty;
  }
}

/** The decision rule, the roles and the quotas of a scenario (model 1: unanimity of all allies). */
function compileDecisionRule(scenario: Scenario) {
  const allyCount = scenario.allies.length;
  const allyRole = new Uint8Array(allyCount);
  const settings = scenario.decisionRule;
  if (settings === undefined)
    return { decisionRule: unanimity, allyRole, quotaCount: 0, quotaWeight: new Float64Array(0), quotaTotal: new Float64Array(0), quotaNeed: new Float64Array(0), blockingMinority: 0 };
  const index = new Map(scenario.allies.map((ally, a) => [ally.id, a]));
  for (const id of settings.nonBlocking ?? []) allyRole[index.get(id)!] = ALLY_ROLE.nonBlocking;
  for (const id of settings.coLegislators ?? []) allyRole[index.get(id)!] = ALLY_ROLE.coLegislator;
  if (settings.rule === 'unanimity')
    return { decisionRule: unanimityOfMembers, allyRole, quotaCount: 0, quotaWeight: new Float64Array(0), quotaTotal: new Float64Array(0), quotaNeed: new Float64Array(0), blockingMinority: 0 };
  const quotaCount = settings.quotas.length;
  const quotaWeight = new Float64Array(quotaCount * allyCount);
  const quotaTotal = new Float64Array(quotaCount);
  const quotaNeed = new Float64Array(quotaCount);
  settings.quotas.forEach((quota, q) => {
    scenario.allies.forEach((ally, a) => {
      if (allyRole[a] !== ALLY_ROLE.member) return;
      const weight = quota.weights === undefined ? 1 : quota.weights[ally.id]!;
      quotaWeight[q * allyCount + a] = weight;
      quotaTotal[q]! += weight;
    });
    quotaNeed[q] = Math.max(quota.atLeast ?? 0, quota.share === undefined ? 0 : quota.share * quotaTotal[q]!);
  });
  return { decisionRule: qualifiedMajority, allyRole, quotaCount, quotaWeight, quotaTotal, quotaNeed, blockingMinority: settings.blockingMinority ?? 0 };
}

/** The protocol of a scenario and its parameters (model 1: the chair). */
function compileProtocol(scenario: Scenario) {
  const settings = scenario.protocol;
  const exponent = settings?.name === 'compromise' ? (settings.influenceExponent ?? 1) : 1;
  const compromiseInfluence = Float64Array.from(scenario.allies, (ally) => Math.pow(ally.influence, exponent));
  const protocol = settings === undefined || settings.name === 'chair' ? chair : settings.name === 'compromise' ? compromise : setter;
  return { protocol, compromiseInfluence, recognition: settings?.name === 'compromise' ? (settings.recognition ?? 0) : 0 };
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
  const stance = { fixed: new Uint8Array(slots), base: new Float64Array(slots), uncertainty: new Float64Array(slots), stanceLink: new Uint8Array(slots) };
  const blocIndex = new Map(scenario.blocs.map((bloc, index) => [bloc.id, index]));
  const blocOf = new Int32Array(allyCount);
  const blocLoading = new Float64Array(allyCount);
  const ownLoading = new Float64Array(allyCount);
  const influence = new Float64Array(allyCount);
  const solidarityCost = new Float64Array(allyCount);

  scenario.allies.forEach((ally, a) => {
    STANCE_PARAMETERS.forEach((parameter, p) => setStance(stance, a * PARAMETERS_PER_ALLY + p, ally[parameter]));
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
    linkedStances: stance.stanceLink.some((link) => link !== STANCE_LINK.logit),
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
    // Chosen here once: model 1 (no decisionRule, no protocol) is the chair under unanimity.
    ...compileDecisionRule(scenario),
    ...compileProtocol(scenario),
  };
}
