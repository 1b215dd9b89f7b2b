import { describe, expect, it } from 'vitest';
import { prepareRun, simulate, summarizeTally } from '../../packages/core/src/index.js';
import { runInChunks } from '../../packages/notebook/src/workers/chunkedRun.js';
import { TOY } from './fixtures.js';

describe('runInChunks(run, options)', () => {
  it('gives byte-identical JSON to simulate() whatever the chunk size', async () => {
    const expected = JSON.stringify(simulate(TOY, { passes: 3_100, seed: 'chunks' }));
    for (const chunkMs of [0.0001, 5, 1000]) {
      const run = prepareRun(TOY, { passes: 3_100, seed: 'chunks' });
      const tally = await runInChunks(run, { chunkMs, yieldToEvents: () => Promise.resolve() });
      expect(tally).not.toBeNull();
      expect(JSON.stringify(summarizeTally(run.scenario, run.manifest, tally!))).toBe(expected);
    }
  });

  it('reports progress up to all passes, then stops when asked and gives null', async () => {
    const run = prepareRun(TOY, { passes: 2_000, seed: 1 });
    const seen: number[] = [];
    await runInChunks(run, { chunkMs: 0.0001, onProgress: (done) => seen.push(done), yieldToEvents: () => Promise.resolve() });
    expect(seen.at(-1)).toBe(2_000);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    let chunks = 0;
    const stopped = await runInChunks(run, { chunkMs: 0.0001, onProgress: () => chunks++, shouldStop: () => chunks >= 2, yieldToEvents: () => Promise.resolve() });
    expect(stopped).toBeNull();
    expect(chunks).toBe(2);
  });
});
