/**
 * The parameters a sensitivity analysis can move, named in the scenario's own words
 * (`allies.HU.hawkishness`, `events.escalation.probability`, `signal.threshold.center`), with
 * their domains, and how a value is written into a compiled model without recompiling it.
 */
import { latentCenter, logit, type CompiledModel } from '../../model/compiledModel.js';
import { STANCE_PARAMETERS, type Scenario, type StanceParameter } from '../../scenario/schema.js';

/** What a sensitivity parameter is in the model. */
export type ParameterKind =
  | 'stance'
  | 'solidarityCost'
  | 'eventProbability'
  | 'bargainingStep'
  | 'maxDrift'
  | 'thresholdCenter';

/** The values a parameter may take: `[lower, upper]`, with either end open. */
export interface ParameterDomain {
  readonly lower: number;
  readonly upper: number;
  /** True when `lower` itself is not allowed (a center on the logit scale must stay above 0). */
  readonly lowerOpen: boolean;
  readonly upperOpen: boolean;
}

/** One parameter of a scenario that sensitivity analyses can move. */
export interface SensitivityParameter {
  /** Its name, e.g. `allies.HU.hawkishness` (the center of Hungary's hawkishness). */
  readonly name: string;
  /** In words, e.g. `Hungary's hawkishness`. */
  readonly label: string;
  readonly kind: ParameterKind;
  /** The ally or event index, or -1 for scenario-wide parameters. */
  readonly index: number;
  /** For a stance parameter: 0 hawkishness, 1 engagement preference, 2 salience; else -1. */
  readonly stance: number;
  /** For a stance parameter or the threshold: true when it is a plain number (no uncertainty). */
  readonly fixed: boolean;
  /** Its value in the scenario (the center when uncertain). */
  readonly value: number;
  readonly domain: ParameterDomain;
}

const OPEN_UNIT: ParameterDomain = { lower: 0, upper: 1, lowerOpen: true, upperOpen: true };
const CLOSED_UNIT: ParameterDomain = { lower: 0, upper: 1, lowerOpen: false, upperOpen: false };

const STANCE_WORDS: Record<StanceParameter, string> = {
  hawkishness: 'hawkishness',
  engagementPreference: 'engagement preference',
  salience: 'salience',
};

/** The selectors a tornado moves by default: every ally's three stance centers and solidarity cost, and every event's probability. */
export const DEFAULT_TORNADO_PARAMETERS: readonly string[] = [
  'allies.*.hawkishness',
  'allies.*.engagementPreference',
  'allies.*.salience',
  'allies.*.solidarityCost',
  'events.*.probability',
];

/**
 * Every parameter of a validated scenario that sensitivity analyses can move, in a fixed order:
 * per ally its three stance centers and solidarity cost, then per event its probability, then the
 * bargaining step, the maximum drift and the threshold center.
 *
 * @example
 * sensitivityParameters(scenario).map((p) => p.name);
 * // => ['allies.HU.hawkishness', 'allies.HU.engagementPreference', 'allies.HU.salience', 'allies.HU.solidarityCost', ..., 'signal.threshold.center']
 */
export function sensitivityParameters(scenario: Scenario): SensitivityParameter[] {
  const parameters: SensitivityParameter[] = [];
  scenario.allies.forEach((ally, a) => {
    const who = ally.name ?? ally.id;
    STANCE_PARAMETERS.forEach((parameter, p) => {
      const setting = ally[parameter];
      const fixed = typeof setting === 'number';
      const bounded = !fixed && 'distribution' in setting; // a center that may sit at 0 or 1
      parameters.push({
        name: `allies.${ally.id}.${parameter}`,
        label: `${who}'s ${STANCE_WORDS[parameter]}`,
        kind: 'stance',
        index: a,
        stance: p,
        fixed,
        value: fixed ? setting : setting.center,
        domain: fixed || bounded ? CLOSED_UNIT : OPEN_UNIT,
      });
    });
    parameters.push({
      name: `allies.${ally.id}.solidarityCost`,
      label: `${who}'s solidarity cost`,
      kind: 'solidarityCost',
      index: a,
      stance: -1,
      fixed: true,
      value: ally.solidarityCost,
      domain: { lower: 0, upper: 10, lowerOpen: false, upperOpen: false },
    });
  });
  scenario.events.forEach((event, e) => {
    parameters.push({
      name: `events.${event.id}.probability`,
      label: `the probability of ${event.name ?? event.id}`,
      kind: 'eventProbability',
      index: e,
      stance: -1,
      fixed: true,
      value: event.probability,
      domain: CLOSED_UNIT,
    });
  });
  parameters.push({
    name: 'bargaining.step',
    label: 'the bargaining step',
    kind: 'bargainingStep',
    index: -1,
    stance: -1,
    fixed: true,
    value: scenario.bargaining.step,
    domain: CLOSED_UNIT,
  });
  parameters.push({
    name: 'bargaining.maxDrift',
    label: 'the maximum drift of a text',
    kind: 'maxDrift',
    index: -1,
    stance: -1,
    fixed: true,
    value: scenario.bargaining.maxDrift,
    domain: { lower: 0, upper: 2, lowerOpen: false, upperOpen: false },
  });
  const threshold = scenario.signal.threshold;
  const thresholdFixed = typeof threshold === 'number';
  parameters.push({
    name: 'signal.threshold.center',
    label: "the center of Russia's tolerance threshold",
    kind: 'thresholdCenter',
    index: -1,
    stance: -1,
    fixed: thresholdFixed,
    value: thresholdFixed ? threshold : threshold.center,
    domain: thresholdFixed ? CLOSED_UNIT : OPEN_UNIT,
  });
  return parameters;
}

/**
 * The parameters a selector names: an exact name, or a name with `*` in place of the ally or
 * event id (`allies.*.salience`, `events.*.probability`). Returns an empty list for an unknown
 * name (callers report it).
 *
 * @example
 * selectParameters(catalog, 'allies.*.solidarityCost').length; // => number of allies
 */
export function selectParameters(catalog: readonly SensitivityParameter[], selector: string): SensitivityParameter[] {
  if (!selector.includes('*')) return catalog.filter((p) => p.name === selector);
  const parts = selector.split('.');
  return catalog.filter((p) => {
    const name = p.name.split('.');
    return name.length === parts.length && parts.every((part, k) => part === '*' || part === name[k]);
  });
}

/** Whether a value lies in a domain. */
export function inDomain(domain: ParameterDomain, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  const aboveLower = domain.lowerOpen ? value > domain.lower : value >= domain.lower;
  const belowUpper = domain.upperOpen ? value < domain.upper : value <= domain.upper;
  return aboveLower && belowUpper;
}

/** A domain in words: `strictly between 0 and 1`, `from 0 to 10`. */
export function describeDomain(domain: ParameterDomain): string {
  if (domain.lowerOpen && domain.upperOpen) return `strictly between ${domain.lower} and ${domain.upper}`;
  if (!domain.lowerOpen && !domain.upperOpen) return `from ${domain.lower} to ${domain.upper}`;
  return `in ${domain.lowerOpen ? '(' : '['}${domain.lower}, ${domain.upper}${domain.upperOpen ? ')' : ']'}`;
}

/**
 * A copy of a compiled model with some parameters set to new values (on their own scale: a
 * center, a probability, a cost). Only the arrays it changes are copied; the values must lie in
 * the parameters' domains (checked by the callers' settings validation).
 *
 * @example
 * const moved = withParameterValues(model, [hungaryHawkishness], [0.35]);
 */
export function withParameterValues(
  model: CompiledModel,
  parameters: readonly SensitivityParameter[],
  values: ArrayLike<number>,
): CompiledModel {
  const touches = (kind: ParameterKind) => parameters.some((p) => p.kind === kind);
  const base = touches('stance') ? Float64Array.from(model.base) : model.base;
  const solidarityCost = touches('solidarityCost') ? Float64Array.from(model.solidarityCost) : model.solidarityCost;
  const eventProbability = touches('eventProbability') ? Float64Array.from(model.eventProbability) : model.eventProbability;
  let { step, maxDrift, thresholdBase } = model;
  parameters.forEach((parameter, k) => {
    const value = values[k]!;
    switch (parameter.kind) {
      case 'stance': {
        const slot = parameter.index * STANCE_PARAMETERS.length + parameter.stance;
        base[slot] = parameter.fixed ? value : latentCenter(model.stanceLink[slot]!, value);
        break;
      }
      case 'solidarityCost':
        solidarityCost[parameter.index] = value;
        break;
      case 'eventProbability':
        eventProbability[parameter.index] = value;
        break;
      case 'bargainingStep':
        step = value;
        break;
      case 'maxDrift':
        maxDrift = value;
        break;
      case 'thresholdCenter':
        thresholdBase = parameter.fixed ? value : logit(value);
        break;
    }
  });
  return { ...model, base, solidarityCost, eventProbability, step, maxDrift, thresholdBase };
}
