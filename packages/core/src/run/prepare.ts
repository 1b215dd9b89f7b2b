/**
 * Preparing a run: validate the scenario and the run settings once, compile the model, and write
 * the manifest that identifies the run in every result and partial result.
 */
import { compileModel, type CompiledModel } from '../model/compiledModel.js';
import { ConcertInputError, type Problem } from '../problems.js';
import type { Seed } from '../random/random.js';
import { canonicalJson, sha256Hex } from '../scenario/canonicalJson.js';
import { MAX_PASSES, type Scenario } from '../scenario/schema.js';
import { validateScenario } from '../scenario/validate.js';
import { ENGINE_VERSION, modelVersionOf } from '../version.js';
import { BLOCK_SIZE, blockCount } from './blocks.js';
import { formulaCostProblem } from './formulaCost.js';
import type { RunManifest } from './result.js';

/** What identifies a run besides its scenario. */
export interface RunSettings {
  /** Number of Monte Carlo passes, a whole number from 1 to 1e9. */
  readonly passes: number;
  /** The seed: a string, or a whole number from 0 to 2^53 - 1. */
  readonly seed: Seed;
}

/** A validated, compiled run, ready to run blocks of. Build it once and reuse it. */
export interface PreparedRun {
  readonly scenario: Scenario;
  readonly model: CompiledModel;
  readonly manifest: RunManifest;
  /** Number of blocks in the run. */
  readonly blocks: number;
}

/** Checks run settings and returns every problem with them. */
export function runSettingsProblems(settings: { passes?: unknown; seed?: unknown }): Problem[] {
  const problems: Problem[] = [];
  const { passes, seed } = settings;
  if (typeof passes !== 'number' || !Number.isInteger(passes) || passes < 1 || passes > MAX_PASSES)
    problems.push({ path: 'passes', message: `must be a whole number from 1 to ${MAX_PASSES}`, value: passes });
  const seedOk =
    (typeof seed === 'string' && seed.length > 0 && seed.length <= 200) ||
    (typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0);
  if (!seedOk)
    problems.push({ path: 'seed', message: 'must be a non-empty string (at most 200 characters) or a whole number from 0 to 2^53 - 1', value: seed });
  return problems;
}

/** The SHA-256 of a validated scenario's canonical JSON, as recorded in every manifest. */
export function scenarioHash(scenario: Scenario): string {
  return sha256Hex(canonicalJson(scenario));
}

/**
 * Validates a scenario and run settings, compiles the model, and probes the cost of its signal
 * formula for the run's passes (`run/formulaCost.ts`), all before any pass runs.
 *
 * @throws {ConcertInputError} listing every problem with the settings (kind `run-settings`), or
 *   with the scenario (kind `scenario`, or `signal-formula` when only its formula fails or is
 *   too slow for the passes).
 */
export function prepareRun(scenarioInput: unknown, settings: RunSettings): PreparedRun {
  const problems = runSettingsProblems(settings);
  if (problems.length > 0) throw new ConcertInputError('invalid run settings', problems, 'run-settings');
  const scenario = validateScenario(scenarioInput);
  const model = compileModel(scenario);
  const tooSlow = formulaCostProblem(model, settings.passes, scenario.signal.formula);
  if (tooSlow !== null) throw new ConcertInputError('signal formula too slow for this run', [tooSlow], 'signal-formula');
  return {
    scenario,
    model,
    blocks: blockCount(settings.passes),
    manifest: {
      seed: settings.seed,
      passes: settings.passes,
      blockSize: BLOCK_SIZE,
      scenarioHash: scenarioHash(scenario),
      engineVersion: ENGINE_VERSION,
      modelVersion: modelVersionOf(scenario),
    },
  };
}
