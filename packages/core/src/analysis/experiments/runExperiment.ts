/** Running a whole experiment in this thread: prepare, check every experiment's scenario, run every unit, summarize. */
import type { AbortSignalLike } from '../../host.js';
import type { ExperimentDesign } from './design.js';
import { checkExperimentScenarios, prepareExperiment, type ExperimentScenario } from './experimentPlan.js';
import { summarizeExperiment, type ExperimentResult } from './experimentResult.js';
import { runExperimentUnits } from './experimentRun.js';

/**
 * Runs an experiment design on scenarios: every design point of every scenario, each for the
 * design's passes from its seed (common random numbers), and returns one tidy row per experiment
 * and option.
 *
 * @throws {ConcertInputError} for an invalid design or scenario, before any pass runs, naming
 *   each problem's path (`fields[0].upper`, `sampling.samples`), its value and what was expected.
 * @example
 * const result = runExperiment(
 *   { fields: [{ path: 'allies.HUN.hawkishness.center', lower: 0.1, upper: 0.6 }], sampling: { method: 'latin-hypercube', samples: 20 }, passes: 2000, seed: 1 },
 *   [{ name: 'nato-russia-2025', scenario }],
 * );
 * result.rows[0]; // => { experiment: 1, scenario: 'nato-russia-2025', ..., 'allies.HUN.hawkishness.center': 0.37..., option_id: 'todays-course', consensus: ..., ... }
 */
export function runExperiment(
  design: ExperimentDesign,
  scenarios: readonly ExperimentScenario[],
  options: { onProgress?: (passesDone: number) => void; abortSignal?: AbortSignalLike } = {},
): ExperimentResult {
  const plan = prepareExperiment(design, scenarios);
  checkExperimentScenarios(plan);
  return summarizeExperiment(plan, runExperimentUnits(plan, { from: 0, to: plan.units }, options).counts);
}
