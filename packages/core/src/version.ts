/** Versions recorded in every result's manifest. */
import type { Scenario } from './scenario/schema.js';

/** The engine's version: changes with any change to how results are computed or laid out. */
export const ENGINE_VERSION = '0.1.0';

/**
 * The model's version: changes whenever the same scenario and seed would give different numbers
 * (the model's equations, the order of random draws, the stream derivation, the block size).
 * Model 1 is the chair under unanimity with logit-normal stances; its results replay byte for byte.
 */
export const MODEL_VERSION = '1';

/**
 * The version of the model family with decision rules, protocols and stance distributions beside
 * model 1's (docs/MODEL.md, "Model 2"). A scenario is model 2 when it names a `decisionRule`, a
 * `protocol`, or a stance `distribution`; otherwise it stays model 1.
 */
export const MODEL_VERSION_2 = '2';

/** Whether a validated scenario uses any field of model 2. */
export function usesModel2(scenario: Scenario): boolean {
  if (scenario.decisionRule !== undefined || scenario.protocol !== undefined) return true;
  return scenario.allies.some((ally) =>
    [ally.hawkishness, ally.engagementPreference, ally.salience].some((stance) => typeof stance === 'object' && 'distribution' in stance),
  );
}

/**
 * The model version of a validated scenario: {@link MODEL_VERSION} (`"1"`) unless it uses a field
 * of model 2, then {@link MODEL_VERSION_2}.
 *
 * @example
 * modelVersionOf(validateScenario(natoScenario)); // => '1'
 */
export function modelVersionOf(scenario: Scenario): string {
  return usesModel2(scenario) ? MODEL_VERSION_2 : MODEL_VERSION;
}
