/**
 * Worker threads, for runs and analyses alike: one pool module, one task module (`worker.ts`),
 * and one way of handing out chunks of work. Chunks hold whole-number tallies or per-point
 * numbers that depend on their range alone, so results are the same whatever the number of
 * workers or the order chunks finish in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { ConcertInputError } from '../../src/index.js';
import type { WorkerAnswer, WorkerTask } from './tasks.js';

/**
 * Where the worker bundle is, relative to the bundled command: set by the package build
 * (scripts/bundleCli.mjs), which bundles the command and the worker into one file each.
 */
declare const __CONCERT_BUNDLED_WORKER__: string | undefined;

/** A pool of worker threads running `worker.ts`; reuse it across runs, and `destroy()` it when done. */
export type WorkerPool = Piscina<WorkerTask, WorkerAnswer>;

/**
 * The task module the worker threads load, and their Node flags.
 *
 * The built package's workers load worker.js (in the bundled command, the worker bundle beside
 * it). Under tsx (`pnpm concert`, tests, benchmarks: the
 * `.ts` sources), tsx's ESM loader in a worker thread costs a busy hooks thread per worker on
 * Node 20 (measured: the engine ran at a third of its speed), so the worker module is instead
 * bundled once per process with esbuild (tsx's own compiler) into plain JavaScript in a temporary
 * directory, and the workers start without tsx.
 */
function workerModule(): { filename: string; execArgv?: string[] } {
  if (typeof __CONCERT_BUNDLED_WORKER__ === 'string') return { filename: new URL(__CONCERT_BUNDLED_WORKER__, import.meta.url).href };
  if (extname(fileURLToPath(import.meta.url)) !== '.ts') return { filename: new URL('./worker.js', import.meta.url).href };
  bundledWorker ??= bundleWorker();
  const tsxFlag = (arg: string) => arg.includes('tsx');
  const execArgv = process.execArgv.filter((arg, k, all) => !tsxFlag(arg) && !(k + 1 < all.length && tsxFlag(all[k + 1]!)));
  return { filename: pathToFileURL(bundledWorker).href, execArgv };
}

let bundledWorker: string | undefined;

/** Bundles worker.ts and its imports into one ESM file; removed when the process exits. */
function bundleWorker(): string {
  const esbuild = createRequire(fileURLToPath(import.meta.resolve('tsx')))('esbuild') as {
    buildSync(options: Record<string, unknown>): unknown;
  };
  const directory = mkdtempSync(join(tmpdir(), 'concert-worker-'));
  process.once('exit', () => rmSync(directory, { recursive: true, force: true }));
  const outfile = join(directory, 'worker.mjs');
  esbuild.buildSync({
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
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
 * Starts `workers` worker threads.
 *
 * @example
 * const pool = createWorkerPool(2);
 * try { ... } finally { await pool.destroy(); }
 */
export function createWorkerPool(workers: number): WorkerPool {
  return new Piscina<WorkerTask, WorkerAnswer>({ ...workerModule(), minThreads: workers, maxThreads: workers, idleTimeout: 1000 });
}

/**
 * The numbers of a worker's answer; an input error met in the worker is thrown here as the
 * `ConcertInputError` it was, so the command reports it like one met in this thread.
 *
 * @throws {ConcertInputError} when the worker met one.
 */
export function valuesOf(answer: WorkerAnswer): Float64Array {
  if ('inputError' in answer) throw new ConcertInputError(answer.inputError.what, answer.inputError.problems, answer.inputError.kind);
  return answer.values;
}

/**
 * Runs the items `[0, count)` (blocks, design points) in chunks of `chunk` on `workers` threads
 * (of `pool` when given, else of a pool started and stopped here), handing each chunk's numbers
 * to `take` as it finishes. At most two chunks per thread are in flight, so memory stays flat.
 */
export async function runChunks(
  range: { from: number; to: number },
  chunk: number,
  workers: number,
  pool: WorkerPool | undefined,
  task: (from: number, to: number) => WorkerTask,
  take: (from: number, to: number, values: Float64Array) => void,
): Promise<void> {
  const threads = Math.max(1, Math.min(workers, Math.ceil((range.to - range.from) / chunk)));
  const threadPool = pool ?? createWorkerPool(threads);
  let next = range.from;
  const failures: unknown[] = [];
  const lane = async (): Promise<void> => {
    // The first failure stops every lane from taking more work; the lanes still wait for the
    // chunks they have in a thread. (Destroying the pool while a chunk is in flight made piscina
    // emit an "Unexpected message from Worker" error of its own when that chunk's answer came
    // back: about one run in twenty of a formula that fails in a worker.)
    while (failures.length === 0 && next < range.to) {
      const from = next;
      const to = Math.min(range.to, from + chunk);
      next = to;
      try {
        take(from, to, valuesOf(await threadPool.run(task(from, to))));
      } catch (error) {
        failures.push(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: 2 * threads }, lane));
  } finally {
    if (pool === undefined) await threadPool.destroy();
  }
  if (failures.length > 0) throw failures[0];
}
