/**
 * Running a range of blocks over several worker threads. Each worker tallies chunks of blocks and
 * the tallies are added; tallies hold whole numbers, so the sum is exact and the result is
 * byte-identical whatever the number of workers or the order chunks finish in.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { BLOCK_SIZE, TallyLayout, addTally, runPreparedBlocks, type BlockRange, type PreparedRun } from '../../src/index.js';
import type { BlockTask } from './blockTask.js';

/** Settings of {@link runBlocksInParallel}. */
export interface ParallelRunOptions {
  /** Worker threads; 1 (the default) runs in this thread. */
  readonly workers?: number;
  /** Called with the passes done so far, after each chunk. */
  readonly onProgress?: (passesDone: number) => void;
}

/** Number of passes in blocks `[from, to)` of a run of `passes` passes. */
export function passesInRange(range: BlockRange, passes: number): number {
  return Math.min(range.to * BLOCK_SIZE, passes) - range.from * BLOCK_SIZE;
}

/**
 * Blocks per task: about 16 tasks per worker for load balance, at most 100 blocks (25,000
 * passes) so progress stays lively.
 */
export function chunkBlocks(blocks: number, workers: number): number {
  return Math.max(1, Math.min(100, Math.ceil(blocks / (workers * 16))));
}

/**
 * How worker threads load the task module. Under tsx (the `.ts` sources) a worker needs tsx's
 * loader; it inherits it from `process.execArgv` when the process was started by tsx, and gets it
 * explicitly otherwise (e.g. under vitest). The built package (`.js`) needs nothing.
 */
function workerModule(): { filename: string; execArgv?: string[] } {
  const extension = extname(fileURLToPath(import.meta.url));
  const filename = new URL(`./blockWorker${extension}`, import.meta.url).href;
  if (extension !== '.ts' || process.execArgv.some((arg) => arg.includes('tsx'))) return { filename };
  return { filename, execArgv: [...process.execArgv, '--import', import.meta.resolve('tsx')] };
}

/**
 * Tallies blocks `range` of a prepared run over `workers` worker threads (in this thread when
 * `workers` is 1). At most two chunks per worker are in flight, so memory stays flat however
 * many passes the run has.
 *
 * @example
 * const tally = await runBlocksInParallel(run, { from: 0, to: run.blocks }, { workers: 2 });
 * summarizeTally(run.scenario, run.manifest, tally); // the same bytes as simulate(...)
 */
export async function runBlocksInParallel(run: PreparedRun, range: BlockRange, options: ParallelRunOptions = {}): Promise<Float64Array> {
  const { workers = 1, onProgress } = options;
  const passes = run.manifest.passes;
  const blocks = range.to - range.from;
  if (workers <= 1 || blocks <= 1) {
    let passesDone = 0;
    return runPreparedBlocks(run, range, {
      onProgress: (progress) => {
        passesDone = progress.passesDone;
        onProgress?.(passesDone);
      },
    });
  }

  const threads = Math.min(workers, blocks);
  const pool = new Piscina<BlockTask, Float64Array>({ ...workerModule(), minThreads: threads, maxThreads: threads, idleTimeout: 1000 });
  const chunk = chunkBlocks(blocks, threads);
  const sum = new Float64Array(new TallyLayout(run.scenario.options.length, run.scenario.allies.length).size);
  let next = range.from;
  let passesDone = 0;
  const runKey = `${run.manifest.scenarioHash}/${JSON.stringify(run.manifest.seed)}/${passes}`;
  const lane = async (): Promise<void> => {
    while (next < range.to) {
      const from = next;
      const to = Math.min(range.to, from + chunk);
      next = to;
      const tally = await pool.run({ runKey, scenario: run.scenario, passes, seed: run.manifest.seed, from, to });
      addTally(sum, tally);
      passesDone += passesInRange({ from, to }, passes);
      onProgress?.(passesDone);
    }
  };
  try {
    await Promise.all(Array.from({ length: 2 * threads }, lane));
  } finally {
    await pool.destroy();
  }
  return sum;
}
