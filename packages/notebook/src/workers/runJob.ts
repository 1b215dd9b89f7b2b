/**
 * The run job: one simulation of a scenario, in chunks of blocks, so its worker can hear
 * "cancel" and report progress. The result is byte-identical to `simulate()` with the same
 * scenario, passes and seed.
 */
import { prepareRun, summarizeTally, type Scenario, type Seed, type SimulationResult } from '@concert/core';
import { runInChunks } from './chunkedRun.js';
import type { JobHooks } from './jobProtocol.js';

/** What a run needs. */
export interface RunJob {
  readonly scenario: Scenario;
  readonly passes: number;
  readonly seed: Seed;
}

/**
 * Runs a scenario; null when told to stop midway.
 *
 * @throws {ConcertInputError} for an invalid scenario or run settings.
 * @example
 * await runJob({ scenario, passes: 4000, seed: 42 }, hooks); // => the same result as simulate(scenario, { passes: 4000, seed: 42 })
 */
export async function runJob(job: RunJob, hooks: JobHooks): Promise<SimulationResult | null> {
  const run = prepareRun(job.scenario, { passes: job.passes, seed: job.seed });
  const tally = await runInChunks(run, hooks);
  return tally === null ? null : summarizeTally(run.scenario, run.manifest, tally);
}
