/**
 * Running a range of blocks over several worker threads. Each worker tallies chunks of blocks and
 * the tallies are added; tallies hold whole numbers, so the sum is exact and the result is
 * byte-identical whatever the number of workers or the order chunks finish in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
 * The task module the worker threads load, and their Node flags.
 *
 * The built package's workers load blockWorker.js. Under tsx (`pnpm concert`, tests, benchmarks:
 * the `.ts` sources), tsx's ESM loader in a worker thread costs a busy hooks thread per worker on
 * Node 20 (measured: the engine ran at a third of its speed), so the worker module is instead
 * bundled once per process with esbuild (tsx's own compiler) into plain JavaScript in a temporary
 * directory, and the workers start without tsx.
 */
async function workerModule(): Promise<{ filename: string; execArgv?: string[] }> {
  if (extname(fileURLToPath(import.meta.url)) !== '.ts') return { filename: new URL('./blockWorker.js', import.meta.url).href };
  bundledWorker ??= bundleWorker();
  const tsxFlag = (arg: string) => arg.includes('tsx');
  const execArgv = process.execArgv.filter((arg, k, all) => !tsxFlag(arg) && !(k + 1 < all.length && tsxFlag(all[k + 1]!)));
  return { filename: pathToFileURL(await bundledWorker).href, execArgv };
}

let bundledWorker: Promise<string> | undefined;

/** Bundles blockWorker.ts and its imports into one ESM file; removed when the process exits. */
async function bundleWorker(): Promise<string> {
  const esbuild = createRequire(fileURLToPath(import.meta.resolve('tsx')))('esbuild') as {
    build(options: Record<string, unknown>): Promise<unknown>;
  };
  const directory = mkdtempSync(join(tmpdir(), 'concert-worker-'));
  process.once('exit', () => rmSync(directory, { recursive: true, force: true }));
  const outfile = join(directory, 'blockWorker.mjs');
  await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./blockWorker.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    // CommonJS dependencies bundled into ESM need a real require for Node built-ins.
    banner: { js: "import { createRequire as __concertCreateRequire } from 'node:module'; const require = __concertCreateRequire(import.meta.url);" },
  });
  return outfile;
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
  if (workers <= 1 || blocks <= 1) return runPreparedBlocks(run, range, { onProgress: (progress) => onProgress?.(progress.passesDone) });

  const threads = Math.min(workers, blocks);
  const pool = new Piscina<BlockTask, Float64Array>({ ...(await workerModule()), minThreads: threads, maxThreads: threads, idleTimeout: 1000 });
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
