import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareRun, runPreparedBlocks } from '../../packages/core/src/index.js';
import { chunkBlocks, passesInRange, runBlocksInParallel } from '../../packages/core/cli/workers/parallelRun.js';
import { runChunks, type WorkerPool } from '../../packages/core/cli/workers/pool.js';
import type { WorkerAnswer, WorkerTask } from '../../packages/core/cli/workers/tasks.js';
import { TOY, runCli, spawnCli } from './helpers.js';

const toy = () => JSON.parse(readFileSync(TOY, 'utf8')) as unknown;

describe('worker threads', () => {
  // Worker threads take seconds to start under tsx on a busy machine, so one test covers several claims.
  it('runBlocksInParallel(run, range, { workers }) adds up to the single-thread tally for 1, 2 and 3 workers, reporting progress', async () => {
    const run = prepareRun(toy(), { passes: 4321, seed: 'workers' });
    const range = { from: 2, to: run.blocks };
    const expected = Array.from(runPreparedBlocks(run, range));
    for (const workers of [1, 2, 3]) {
      const seen: number[] = [];
      const tally = await runBlocksInParallel(run, range, { workers, onProgress: (done) => seen.push(done) });
      expect(Array.from(tally), `${workers} workers`).toEqual(expected);
      expect(seen.at(-1)).toBe(4321 - 2 * 250);
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    }
  });

  it('passesInRange(range, passes) counts the short last block', () => {
    expect(passesInRange({ from: 0, to: 4 }, 1000)).toBe(1000);
    expect(passesInRange({ from: 2, to: 5 }, 1100)).toBe(600);
  });

  it('chunkBlocks(blocks, workers) gives about 16 chunks per worker, 1 to 100 blocks each', () => {
    expect(chunkBlocks(3, 2)).toBe(1);
    expect(chunkBlocks(3200, 2)).toBe(100);
    expect(chunkBlocks(1_000_000, 2)).toBe(100);
    expect(chunkBlocks(640, 4)).toBe(10);
  });

  it('the real command under tsx runs worker threads and gives the same bytes as one thread', async () => {
    const one = runCli(['run', TOY, '-n', '2600', '-s', '5']);
    const two = spawnCli(['run', 'tests/fixtures/toy-32.json', '-n', '2600', '-s', '5', '--workers', '2']);
    expect(two.stderr).toBe('');
    expect(two.status).toBe(0);
    expect(two.stdout).toBe((await one).stdout);
  });

  it('runChunks settles only when no chunk is left in a thread, and rethrows the first failure', async () => {
    // A pool of fake threads: chunk 0 fails at once, the others answer later. Had runChunks
    // returned (and its caller destroyed the pool) with chunks in flight, piscina would have met
    // their answers with no task and emitted an error of its own: the command said "unexpected error".
    const inFlight = new Set<number>();
    const started: number[] = [];
    const pool = {
      run: async (task: WorkerTask): Promise<WorkerAnswer> => {
        const from = (task as unknown as { from: number }).from;
        started.push(from);
        inFlight.add(from);
        await new Promise((resolve) => setTimeout(resolve, from === 0 ? 1 : 30));
        inFlight.delete(from);
        if (from === 0) throw new Error('chunk 0 failed');
        return { values: new Float64Array(1) } as WorkerAnswer;
      },
    } as unknown as WorkerPool;
    const outcome = runChunks({ from: 0, to: 100 }, 10, 2, pool, (from, to) => ({ from, to }) as unknown as WorkerTask, () => undefined);
    await expect(outcome).rejects.toThrow('chunk 0 failed');
    expect(inFlight.size).toBe(0);
    // The failure stopped the lanes from taking more work: only the first four chunks (two per thread) started.
    expect(started).toEqual([0, 10, 20, 30]);
  });
});
