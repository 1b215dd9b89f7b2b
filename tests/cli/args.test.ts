import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePasses, parseSeed, parseWorkers } from '../../packages/core/cli/args.js';
import { UsageError } from '../../packages/core/cli/exitCodes.js';
import { parseShard, shardRange } from '../../packages/core/cli/shard.js';

describe('command-line values', () => {
  it('parsePasses(text) accepts whole numbers, 1e6 and 1_000_000, and refuses the rest', () => {
    expect(parsePasses('2500')).toBe(2500);
    expect(parsePasses('1e6')).toBe(1_000_000);
    expect(parsePasses('1_000_000')).toBe(1_000_000);
    for (const bad of ['0', '-5', '2.5', 'many', '', '2e9']) expect(() => parsePasses(bad), bad).toThrow(UsageError);
    expect(() => parsePasses('0')).toThrow('invalid --passes: "0" (must be a whole number from 1 to 1,000,000,000)');
  });

  it('parseSeed(text) makes digits a number seed and anything else a string seed', () => {
    expect(parseSeed('42')).toBe(42);
    expect(parseSeed('nato-2025')).toBe('nato-2025');
    expect(parseSeed('042x')).toBe('042x');
    expect(() => parseSeed('99999999999999999999')).toThrow(UsageError);
    expect(() => parseSeed('')).toThrow(UsageError);
  });

  it('parseWorkers(text) takes 1 to the cores or auto, and up to 256 with force', () => {
    expect(parseWorkers('3', { cores: 4 })).toBe(3);
    expect(parseWorkers('auto')).toBeGreaterThanOrEqual(1);
    expect(parseWorkers('auto', { cores: 6 })).toBe(6);
    expect(() => parseWorkers('3', { cores: 2 })).toThrow('invalid --workers: 3 is more than this machine\'s 2 cores');
    expect(parseWorkers('256', { cores: 2, force: true })).toBe(256);
    for (const bad of ['0', '1.5', 'all', '300']) expect(() => parseWorkers(bad, { cores: 4, force: true }), bad).toThrow(UsageError);
  });

  it('parseShard(text) reads I/N numbered from 1', () => {
    expect(parseShard('3/8')).toEqual({ index: 3, count: 8 });
    for (const bad of ['0/4', '5/4', '1/0', '2', 'a/b', '1/4/2']) expect(() => parseShard(bad), bad).toThrow(UsageError);
  });

  it('shardRange(blocks, shard) splits a run into contiguous shards that cover every block once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 64 }), (blocks, count) => {
        fc.pre(count <= blocks);
        let next = 0;
        for (let index = 1; index <= count; index++) {
          const range = shardRange(blocks, { index, count });
          expect(range.from).toBe(next);
          expect(range.to).toBeGreaterThan(range.from);
          next = range.to;
        }
        expect(next).toBe(blocks);
      }),
    );
  });

  it('shardRange(blocks, shard) refuses more shards than blocks', () => {
    expect(() => shardRange(4, { index: 1, count: 5 })).toThrow('the run has 4 blocks of passes, too few for 5 shards');
  });
});
