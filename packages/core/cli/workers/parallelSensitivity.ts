/**
 * Sensitivity analyses over worker threads: tornado blocks and Sobol design points are handed
 * out in chunks on the shared worker pool (pool.ts). Tornado tallies hold whole numbers and Sobol
 * points depend on the point alone, so results are the same whatever the number of workers.
 */
import {
  BLOCK_SIZE,
  evaluateSobolPoints,
  prepareSobol,
  prepareTornado,
  runTornadoBlocks,
  summarizeSobol,
  summarizeTornado,
  type BlockRange,
  type SobolPlan,
  type SobolResult,
  type SobolSettings,
  type TornadoPlan,
  type TornadoResult,
  type TornadoSettings,
} from '../../src/index.js';
import { createWorkerPool, runChunks, type WorkerPool } from './pool.js';

/**
 * Starts `workers` worker threads for {@link tornadoInParallel} and {@link sobolInParallel} (the
 * same threads as runs use); pass it as `pool` to reuse the threads, and `destroy()` it when done.
 *
 * @example
 * const pool = sensitivityPool(2);
 * try { await tornadoInParallel(scenario, settings, { workers: 2, pool }); } finally { await pool.destroy(); }
 */
export function sensitivityPool(workers: number): WorkerPool {
  return createWorkerPool(workers);
}

/**
 * Tallies blocks `range` of a tornado on `workers` threads (in this thread when 1): whole
 * numbers, so the tally is the same whatever the number of workers, and the tallies of disjoint
 * ranges (shards) add up to the whole tornado's.
 */
export async function tornadoBlocksInParallel(
  plan: TornadoPlan,
  settings: TornadoSettings,
  range: BlockRange,
  { workers = 1, onProgress, pool }: { workers?: number; onProgress?: (passesDone: number) => void; pool?: WorkerPool } = {},
): Promise<Float64Array> {
  if (workers <= 1 || range.to - range.from <= 1)
    return runTornadoBlocks(plan, range, { onProgress: (progress) => onProgress?.(progress.passesDone) });
  const tally = new Float64Array(plan.tallySize);
  const key = `tornado/${plan.manifest.scenarioHash}/${JSON.stringify(settings)}`;
  let passesDone = 0;
  const chunk = Math.max(1, Math.min(20, Math.ceil((range.to - range.from) / (workers * 8))));
  await runChunks(
    range,
    chunk,
    workers,
    pool,
    (from, to) => ({ kind: 'tornado', key, scenario: plan.scenario, settings, from, to }),
    (from, to, part) => {
      for (let k = 0; k < tally.length; k++) tally[k]! += part[k]!;
      passesDone += Math.min(to * BLOCK_SIZE, plan.manifest.passes) - from * BLOCK_SIZE;
      onProgress?.(passesDone);
    },
  );
  return tally;
}

/**
 * A tornado on `workers` threads (in this thread when 1). Block tallies hold whole numbers and are
 * added, so the result is byte-identical whatever the number of workers.
 *
 * @throws {ConcertInputError} for an invalid scenario or settings.
 * @example
 * const result = await tornadoInParallel(scenario, { passes: 20_000, seed: 1 }, { workers: 2 });
 */
export async function tornadoInParallel(
  scenario: unknown,
  settings: TornadoSettings,
  options: { workers?: number; onProgress?: (passesDone: number) => void; pool?: WorkerPool } = {},
): Promise<TornadoResult> {
  const plan = prepareTornado(scenario, settings);
  return summarizeTornado(plan, await tornadoBlocksInParallel(plan, settings, { from: 0, to: plan.blocks }, options));
}

/**
 * Evaluates design points `range` of a Sobol analysis on `workers` threads (in this thread when
 * 1). Each point depends on itself alone, so the values of disjoint ranges (shards) concatenate.
 */
export async function sobolPointsInParallel(
  plan: SobolPlan,
  settings: SobolSettings,
  range: BlockRange,
  { workers = 1, onPoint, pool }: { workers?: number; onPoint?: (pointsDone: number) => void; pool?: WorkerPool } = {},
): Promise<Float64Array> {
  if (workers <= 1) return evaluateSobolPoints(plan, range, onPoint === undefined ? {} : { onPoint });
  const stride = plan.outputs.length;
  const values = new Float64Array((range.to - range.from) * stride);
  const key = `sobol/${plan.manifest.scenarioHash}/${JSON.stringify(settings)}`;
  let done = 0;
  await runChunks(
    range,
    Math.max(1, Math.min(64, Math.ceil((range.to - range.from) / (workers * 16)))),
    workers,
    pool,
    (from, to) => ({ kind: 'sobol', key, scenario: plan.scenario, settings, from, to }),
    (from, to, part) => {
      values.set(part, (from - range.from) * stride);
      done += to - from;
      onPoint?.(done);
    },
  );
  return values;
}

/**
 * A Sobol analysis with its design points spread over `workers` threads (in this thread when 1).
 * Each point's inner run depends on the point alone, so the result is the same whatever the split.
 *
 * @throws {ConcertInputError} for an invalid scenario or settings.
 */
export async function sobolInParallel(
  scenario: unknown,
  settings: SobolSettings,
  options: { workers?: number; onPoint?: (pointsDone: number) => void; pool?: WorkerPool } = {},
): Promise<SobolResult> {
  const plan = prepareSobol(scenario, settings);
  return summarizeSobol(plan, await sobolPointsInParallel(plan, settings, { from: 0, to: plan.manifest.points }, options));
}
