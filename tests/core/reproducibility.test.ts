/**
 * Reproducibility is a promise: the same scenario, seed and passes give byte-identical result
 * JSON, whatever the order or split in which blocks are run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLOCK_SIZE,
  blockStream,
  finalizePartial,
  mergePartials,
  prepareRun,
  runPartial,
  sha256Hex,
  simulate,
  simulateAsync,
  streamKey,
} from '../../packages/core/src/index.js';
import seedrandom from 'seedrandom';
import { toyScenario } from './helpers.js';

const passes = 10 * BLOCK_SIZE + 37; // 11 blocks, the last one short
const seed = 'split';
const reference = JSON.stringify(simulate(toyScenario(), { passes, seed }));

describe('simulate(scenario, { passes, seed })', () => {
  it('gives byte-identical JSON on every call', () => {
    expect(JSON.stringify(simulate(toyScenario(), { passes, seed }))).toBe(reference);
  });

  it('pins the exact numbers of a fixed seed (regression guard: changes only with the model version)', () => {
    const result = simulate(toyScenario(), { passes: 2000, seed: 42 });
    expect(result.manifest).toMatchInlineSnapshot(`
      {
        "blockSize": 250,
        "engineVersion": "0.1.0",
        "modelVersion": "1",
        "passes": 2000,
        "scenarioHash": "05f26abffc67464e294bb9f4d45a221738e34e88e595fca34befdf134b30dde2",
        "seed": 42,
      }
    `);
    expect(result.options.map((o) => [o.id, o.consensus.estimate, o.risk.estimate, o.viability.estimate])).toMatchInlineSnapshot(`
      [
        [
          "engage",
          0,
          0,
          0,
        ],
        [
          "today",
          1,
          0,
          1,
        ],
        [
          "dual-track",
          0.7755,
          0.0405,
          0.735,
        ],
        [
          "suspend",
          0.9435,
          0.188,
          0.7555,
        ],
        [
          "contain",
          0,
          0,
          0,
        ],
        [
          "quiet-firm",
          0.9435,
          0.002,
          0.9415,
        ],
      ]
    `);
    expect(sha256Hex(JSON.stringify(result))).toMatchInlineSnapshot(`"ee8ace68fa4a43129f5def68c46c295f0d73032564551e2046201017590dca29"`);
  });

  it('carries no wall-clock time or host detail in its result', () => {
    const text = reference;
    expect(text).not.toMatch(/"(time|date|host|duration|elapsed|timestamp)"/i);
  });

  it('gives the same result through simulateAsync', async () => {
    expect(JSON.stringify(await simulateAsync(toyScenario(), { passes, seed, yieldEveryMs: 0 }))).toBe(reference);
  });
});

describe('runPartial + mergePartials + finalizePartial', () => {
  const blocks = prepareRun(toyScenario(), { passes, seed }).blocks;

  it('reproduces the whole run byte for byte for any split and any merge order (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: blocks - 1 }), { maxLength: 4 }),
        fc.integer(),
        (cuts, shuffleSeed) => {
          const bounds = [0, ...[...cuts].sort((a, b) => a - b), blocks];
          const parts = bounds.slice(1).map((to, k) => runPartial(toyScenario(), { passes, seed, from: bounds[k]!, to }));
          const random = seedrandom.alea(String(shuffleSeed));
          const shuffled = [...parts].sort(() => random() - 0.5);
          return JSON.stringify(finalizePartial(mergePartials(shuffled))) === reference;
        },
      ),
      { numRuns: 12, seed: 7 },
    );
  });

  it('refuses a missing block and a duplicated part, naming them', () => {
    const first = runPartial(toyScenario(), { passes, seed, from: 0, to: 5 });
    const rest = runPartial(toyScenario(), { passes, seed, from: 5, to: blocks });
    expect(() => finalizePartial(first)).toThrow(`blocks: must cover blocks 0-${blocks - 1}; missing 5-${blocks - 1} (is a shard missing?)`);
    expect(() => mergePartials([first, rest, first])).toThrow('parts[2].blocks: must not overlap parts[0] (blocks 0-4); is a part duplicated?');
  });

  it('refuses parts of another run, naming the part and the field', () => {
    const ours = runPartial(toyScenario(), { passes, seed, from: 0, to: 5 });
    const otherSeed = runPartial(toyScenario(), { passes, seed: 'other', from: 5, to: blocks });
    const otherPasses = runPartial(toyScenario(), { passes: passes + 1, seed, from: 5, to: blocks });
    expect(() => mergePartials([ours, otherSeed])).toThrow(`parts[1].manifest.seed: must equal parts[0]'s seed "split" (a part of another run), got "other"`);
    expect(() => mergePartials([ours, otherPasses])).toThrow('parts[1].manifest.passes');
  });
});

describe('blockStream(seed, block)', () => {
  it("draws seedrandom's own Alea numbers from the key of (seed, block)", () => {
    const ours = blockStream(42, 3);
    const theirs = seedrandom.alea(streamKey(42, 3));
    for (let k = 0; k < 1000; k++) expect(ours.uniform()).toBe(theirs());
  });

  it('depends on the seed and the block index alone (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ minLength: 1 }), fc.nat()), fc.nat({ max: 1e6 }), (s, block) => {
        const a = blockStream(s, block);
        const b = blockStream(s, block);
        for (let k = 0; k < 20; k++) if (a.normal() !== b.normal() || a.uniform() !== b.uniform()) return false;
        return true;
      }),
      { numRuns: 50, seed: 11 },
    );
    expect(blockStream(1, 0).uniform()).not.toBe(blockStream(1, 1).uniform());
    expect(blockStream(1, 0).uniform()).not.toBe(blockStream(2, 0).uniform());
  });
});

describe('progress and abort', () => {
  it('reports progress after every block and stops when aborted', () => {
    const controller = new AbortController();
    const seen: number[] = [];
    expect(() =>
      simulate(toyScenario(), {
        passes,
        seed,
        abortSignal: controller.signal,
        onProgress: (progress) => {
          seen.push(progress.passesDone);
          if (progress.blocksDone === 3) controller.abort(new Error('stop'));
        },
      }),
    ).toThrow('stop');
    expect(seen).toEqual([BLOCK_SIZE, 2 * BLOCK_SIZE, 3 * BLOCK_SIZE]);
  });

  it('lets an async run be aborted from outside', async () => {
    const controller = new AbortController();
    const run = simulateAsync(toyScenario(), { passes: 200_000, seed, abortSignal: controller.signal, yieldEveryMs: 0 });
    setTimeout(() => controller.abort(), 5);
    await expect(run).rejects.toThrow(/abort/i);
  });
});
