import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareRun, runPreparedBlocks } from '../../packages/core/src/index.js';
import { chunkBlocks, passesInRange, runBlocksInParallel } from '../../packages/core/cli/workers/parallelRun.js';
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
});
