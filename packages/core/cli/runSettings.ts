/** Defaults of `concert run`, and preparing a run from a scenario file. */
import { ConcertInputError, prepareRun, type PreparedRun, type RunSettings } from '../src/index.js';
import type { CliContext } from './context.js';
import { InputFailure } from './exitCodes.js';
import { readScenarioArgument } from './scenarios.js';

/** Passes when `--passes` is not given. */
export const DEFAULT_PASSES = 100_000;
/** Seed when `--seed` is not given, so a bare `concert run` is reproducible too. */
export const DEFAULT_SEED = 1;

/**
 * Reads a scenario file (or a built-in scenario by name), validates it and the settings, and compiles the model.
 *
 * @throws {InputFailure} when the file is missing or not JSON, or the scenario is invalid (every problem).
 */
export function prepareRunFromFile(file: string, settings: RunSettings, context: CliContext): PreparedRun {
  return prepareRunFromFileContents(file, readScenarioArgument(file, context), settings);
}

/**
 * Validates a scenario read from `file` and the settings, and compiles the model.
 *
 * @throws {InputFailure} listing every problem, under a heading naming the file.
 */
export function prepareRunFromFileContents(file: string, scenario: unknown, settings: { passes: unknown; seed: unknown }): PreparedRun {
  try {
    return prepareRun(scenario, settings as RunSettings);
  } catch (error) {
    if (error instanceof ConcertInputError)
      throw new InputFailure(`invalid ${error.kind === 'run-settings' ? 'run settings' : 'scenario'} in ${file}`, error.problems, error.kind);
    throw error;
  }
}
