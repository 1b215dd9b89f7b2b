/**
 * Edits of a scenario, as the notebook's controls make them. Each is a pure function returning a
 * new scenario; values are clamped to what the schema accepts, so an edit never makes a scenario
 * invalid (the notebook still validates after each edit and keeps the last good state).
 */
import type { Ally, Scenario, StrategyOption, Uncertain } from '@concert/core';

/** The ally fields with a center and an uncertainty. */
export type StanceField = 'hawkishness' | 'engagementPreference' | 'salience';

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** Smallest distance of an uncertain parameter's center from 0 and 1 (the logit must stay finite). */
export const CENTER_MARGIN = 0.001;

/**
 * The center of an uncertain parameter (a plain number is its own center).
 *
 * @example
 * centerOf({ center: 0.3, uncertainty: 0.5 }); // => 0.3
 * centerOf(0.7); // => 0.7
 */
export function centerOf(value: Uncertain): number {
  return typeof value === 'number' ? value : value.center;
}

/** The uncertainty of an uncertain parameter (0 for a plain number). */
export function uncertaintyOf(value: Uncertain): number {
  return typeof value === 'number' ? 0 : value.uncertainty;
}

/** An uncertain parameter with a new center; a plain number stays a plain number. */
export function withCenter(value: Uncertain, center: number): Uncertain {
  if (typeof value === 'number') return clamp(center, 0, 1);
  return { center: clamp(center, CENTER_MARGIN, 1 - CENTER_MARGIN), uncertainty: value.uncertainty };
}

/** An uncertain parameter with a new uncertainty; a plain number becomes `{center, uncertainty}` when it gets one. */
export function withUncertainty(value: Uncertain, uncertainty: number): Uncertain {
  const spread = clamp(uncertainty, 0, 10);
  if (typeof value === 'number') {
    if (spread === 0) return value;
    return { center: clamp(value, CENTER_MARGIN, 1 - CENTER_MARGIN), uncertainty: spread };
  }
  return { center: value.center, uncertainty: spread };
}

function mapAlly(scenario: Scenario, allyId: string, change: (ally: Ally) => Ally): Scenario {
  return { ...scenario, allies: scenario.allies.map((ally) => (ally.id === allyId ? change(ally) : ally)) };
}

function mapOption(scenario: Scenario, optionId: string, change: (option: StrategyOption) => StrategyOption): Scenario {
  return { ...scenario, options: scenario.options.map((option) => (option.id === optionId ? change(option) : option)) };
}

/** Sets the center or uncertainty of one of an ally's stance parameters. */
export function setAllyStance(scenario: Scenario, allyId: string, field: StanceField, part: 'center' | 'uncertainty', value: number): Scenario {
  return mapAlly(scenario, allyId, (ally) => ({
    ...ally,
    [field]: part === 'center' ? withCenter(ally[field], value) : withUncertainty(ally[field], value),
  }));
}

/** Sets an ally's influence (kept in (0, 1000]) or solidarity cost (kept in [0, 10]). */
export function setAllyNumber(scenario: Scenario, allyId: string, field: 'influence' | 'solidarityCost', value: number): Scenario {
  const kept = field === 'influence' ? clamp(value, 0.01, 1000) : clamp(value, 0, 10);
  return mapAlly(scenario, allyId, (ally) => ({ ...ally, [field]: kept }));
}

/**
 * Moves an ally's ideal point in the firmness x engagement plane (the centers of its hawkishness
 * and engagement preference), as dragging it on the stance map does.
 */
export function moveAlly(scenario: Scenario, allyId: string, firmness: number, engagement: number): Scenario {
  return mapAlly(scenario, allyId, (ally) => ({
    ...ally,
    hawkishness: withCenter(ally.hawkishness, firmness),
    engagementPreference: withCenter(ally.engagementPreference, engagement),
  }));
}

/** Restores one ally (by id) from the original scenario; an ally the original lacks is left alone. */
export function resetAlly(scenario: Scenario, original: Scenario, allyId: string): Scenario {
  const before = original.allies.find((ally) => ally.id === allyId);
  return before === undefined ? scenario : mapAlly(scenario, allyId, () => before);
}

/** Restores every ally from the original scenario. */
export function resetAllAllies(scenario: Scenario, original: Scenario): Scenario {
  return { ...scenario, allies: original.allies };
}

/** Sets an option's firmness, engagement or visibility (kept in [0, 1]). */
export function setOptionNumber(scenario: Scenario, optionId: string, field: 'firmness' | 'engagement' | 'visibility', value: number): Scenario {
  return mapOption(scenario, optionId, (option) => ({ ...option, [field]: clamp(value, 0, 1) }));
}

/** Moves an option in the firmness x engagement plane, as dragging it on the stance map does. */
export function moveOption(scenario: Scenario, optionId: string, firmness: number, engagement: number): Scenario {
  return mapOption(scenario, optionId, (option) => ({ ...option, firmness: clamp(firmness, 0, 1), engagement: clamp(engagement, 0, 1) }));
}

/** Renames an option; an empty name removes the name (the id is then shown). */
export function renameOption(scenario: Scenario, optionId: string, name: string): Scenario {
  return mapOption(scenario, optionId, (option) => {
    const { name: _old, ...rest } = option;
    return name.trim() === '' ? rest : { ...rest, name };
  });
}

/** The first `option-N` (N from the number of options plus one) that no option has as its id. */
function freshOptionNumber(scenario: Scenario): number {
  const taken = new Set(scenario.options.map((option) => option.id));
  let n = scenario.options.length + 1;
  while (taken.has(`option-${n}`)) n++;
  return n;
}

/** Adds an option at the status quo's position, with a fresh id `option-N`. */
export function addOption(scenario: Scenario): Scenario {
  const n = freshOptionNumber(scenario);
  const { firmness, engagement, visibility } = scenario.statusQuo;
  const option: StrategyOption = { id: `option-${n}`, name: `Option ${n}`, firmness, engagement, visibility };
  return { ...scenario, options: [...scenario.options, option] };
}

/**
 * Adds a text of the plane as an option (picked on the map of viable texts), with a fresh id
 * `option-N` and a name saying where it is; values are kept in [0, 1].
 *
 * @example
 * addOptionAt(scenario, { firmness: 0.5, engagement: 0.35, visibility: 0.6 }).options.at(-1);
 * // => { id: 'option-5', name: 'Map text: firmness 0.50, engagement 0.35', firmness: 0.5, engagement: 0.35, visibility: 0.6 }
 */
export function addOptionAt(scenario: Scenario, text: { readonly firmness: number; readonly engagement: number; readonly visibility: number }): Scenario {
  const n = freshOptionNumber(scenario);
  const firmness = clamp(text.firmness, 0, 1);
  const engagement = clamp(text.engagement, 0, 1);
  const name = `Map text: firmness ${firmness.toFixed(2)}, engagement ${engagement.toFixed(2)}`;
  const option: StrategyOption = { id: `option-${n}`, name, firmness, engagement, visibility: clamp(text.visibility, 0, 1) };
  return { ...scenario, options: [...scenario.options, option] };
}

/** Removes an option; the last one stays (a scenario needs at least one). */
export function removeOption(scenario: Scenario, optionId: string): Scenario {
  if (scenario.options.length <= 1) return scenario;
  return { ...scenario, options: scenario.options.filter((option) => option.id !== optionId) };
}

/** Sets a bargaining setting (rounds 0-50 whole, step 0-1, maximum drift 0-2). */
export function setBargaining(scenario: Scenario, field: 'maxRounds' | 'step' | 'maxDrift', value: number): Scenario {
  const kept = field === 'maxRounds' ? Math.round(clamp(value, 0, 50)) : field === 'step' ? clamp(value, 0, 1) : clamp(value, 0, 2);
  return { ...scenario, bargaining: { ...scenario.bargaining, [field]: kept } };
}

/** Sets the signal exponent (kept in (0, 10]). */
export function setSignalExponent(scenario: Scenario, exponent: number): Scenario {
  return { ...scenario, signal: { ...scenario.signal, exponent: clamp(exponent, 0.05, 10) } };
}

/** Sets the center or uncertainty of Russia's tolerance threshold. */
export function setThreshold(scenario: Scenario, part: 'center' | 'uncertainty', value: number): Scenario {
  const threshold = scenario.signal.threshold;
  return {
    ...scenario,
    signal: { ...scenario.signal, threshold: part === 'center' ? withCenter(threshold, value) : withUncertainty(threshold, value) },
  };
}
