/**
 * The comparison job: the core's `compareScenarios` of a pinned baseline scenario and the current
 * one, at the same passes and seed, in chunks of blocks so its worker can hear "cancel" and
 * report progress. Paired on common random numbers when the two scenarios have the same allies,
 * blocs and events (then each option is judged in both versions of every pass); else both are
 * run separately and the result says why they could not be paired. Either way the result is
 * byte-identical to `compareScenarios(baseline, current, { passes, seed })`.
 */
import {
  prepareComparison,
  prepareRun,
  runComparisonBlocks,
  summarizeComparison,
  summarizeUnpairedComparison,
  type ComparisonResult,
  type Scenario,
  type Seed,
} from '@concert/core';
import { runInChunks, tallyInChunks } from './chunkedRun.js';
import type { JobHooks } from './jobProtocol.js';

/** What a comparison needs: both scenarios, and the passes and seed both run with. */
export interface CompareJob {
  readonly baseline: Scenario;
  readonly current: Scenario;
  readonly passes: number;
  readonly seed: Seed;
}

/**
 * Compares two scenarios; null when told to stop midway. Progress counts passes: of one run when
 * paired, of the two runs one after the other when not.
 *
 * @throws {ConcertInputError} for an invalid scenario or settings (paths start `baseline.` or `current.`).
 * @example
 * await compareJob({ baseline, current, passes: 4000, seed: 42 }, hooks); // => the same result as compareScenarios(baseline, current, { passes: 4000, seed: 42 })
 */
export async function compareJob(job: CompareJob, hooks: JobHooks): Promise<ComparisonResult | null> {
  const settings = { passes: job.passes, seed: job.seed };
  const plan = prepareComparison(job.baseline, job.current, settings);
  const { passes } = plan.manifest;
  if (plan.pairing.paired) {
    const tally = await tallyInChunks(plan.blocks, passes, (range) => runComparisonBlocks(plan, range), hooks);
    return tally === null ? null : summarizeComparison(plan, tally);
  }
  const before = await runInChunks(prepareRun(plan.baseline, settings), { ...hooks, onProgress: (done) => hooks.onProgress(done, 2 * passes) });
  if (before === null) return null;
  const after = await runInChunks(prepareRun(plan.current, settings), { ...hooks, onProgress: (done) => hooks.onProgress(passes + done, 2 * passes) });
  return after === null ? null : summarizeUnpairedComparison(plan, before, after);
}
