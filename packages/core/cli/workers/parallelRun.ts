/**
 * Running a range of blocks over several worker threads. Each worker tallies chunks of blocks and
 * the tallies are added; tallies hold whole numbers, so the sum is exact and the result is
 * byte-identical whatever the number of workers or the order chunks finish in.
 */
import { TallyLayout, addTally, passesInRange, runPreparedBlocks, type BlockRange, type PreparedRun } from '../../src/index.js';
import { runChunks, type WorkerPool } from './pool.js';

export { passesInRange } from '../../src/index.js';

/** Settings of {@link runBlocksInParallel}. */
export interface ParallelRunOptions {
  /** Worker threads; 1 (the default) runs in this thread. */
  readonly workers?: number;
  /** Called with the passes done so far, after each chunk. */
  readonly onProgress?: (passesDone: number) => void;
  /** Threads to use (see `createWorkerPool`); when left out, a pool is started and stopped here. */
  readonly pool?: WorkerPool;
}

/**
 * Blocks per task: about 16 tasks per worker for load balance, at most 100 blocks (25,000
 * passes) so progress stays lively.
 */
export function chunkBlocks(blocks: number, workers: number): number {
  return Math.max(1, Math.min(100, Math.ceil(blocks / (workers * 16))));
}

/**
 * Tallies blocks `range` of a prepared run over `workers` worker threads (in this thread when
 * `workers` is 1). At most two chunks per worker are in flight, so memory stays flat however
 * many passes the run has.
 *
 * @example
 * const tally = await runBlocksInParallel(run, { from: 0, to: run.blocks }, { workers: 2 });
 * resultOf(run, tally); // the same bytes as simulate(...)
 */
export async function runBlocksInParallel(run: PreparedRun, range: BlockRange, options: ParallelRunOptions = {}): Promise<Float64Array> {
  const { workers = 1, onProgress, pool } = options;
  const passes = run.manifest.passes;
  const blocks = range.to - range.from;
  if (workers <= 1 || blocks <= 1) return runPreparedBlocks(run, range, { onProgress: (progress) => onProgress?.(progress.passesDone) });

  const threads = Math.min(workers, blocks);
  const sum = new Float64Array(new TallyLayout(run.scenario.options.length, run.scenario.allies.length).size);
  let passesDone = 0;
  const runKey = `${run.manifest.scenarioHash}/${JSON.stringify(run.manifest.seed)}/${passes}`;
  await runChunks(
    range,
    chunkBlocks(blocks, threads),
    threads,
    pool,
    (from, to) => ({ kind: 'blocks', runKey, scenario: run.scenario, passes, seed: run.manifest.seed, from, to }),
    (from, to, tally) => {
      addTally(sum, tally);
      passesDone += passesInRange({ from, to }, passes);
      onProgress?.(passesDone);
    },
  );
  return sum;
}
