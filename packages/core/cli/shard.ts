/** `--shard I/N`: which share of a run's blocks a shard runs. Shards are numbered from 1. */
import type { BlockRange } from '../src/index.js';
import { UsageError } from './exitCodes.js';

/** Shard `index` of `count` (1 <= index <= count). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Most shards a run can be split into. */
export const MAX_SHARDS = 100_000;

/**
 * Parses `I/N`, e.g. `3/8` for the third of eight shards.
 *
 * @throws {UsageError} unless I and N are whole numbers with 1 <= I <= N <= 100,000.
 * @example
 * parseShard('3/8'); // => { index: 3, count: 8 }
 */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || count > MAX_SHARDS || index < 1 || index > count)
    throw new UsageError(`invalid --shard: ${JSON.stringify(text)} (must be I/N with 1 <= I <= N <= ${MAX_SHARDS.toLocaleString('en-US')}; shards are numbered from 1)`);
  return { index, count };
}

/**
 * The blocks of shard `index` of `count` in a run of `blocks` blocks: contiguous, as equal as
 * possible, together covering every block once.
 *
 * @throws {UsageError} when the run has fewer blocks than shards (a shard would be empty).
 * @example
 * shardRange(10, { index: 2, count: 3 }); // => { from: 3, to: 6 }
 */
export function shardRange(blocks: number, shard: Shard): BlockRange {
  if (shard.count > blocks)
    throw new UsageError(
      `--shard ${shard.index}/${shard.count}: the run has ${blocks} block${blocks === 1 ? '' : 's'} of passes, too few for ${shard.count} shards (use at most ${blocks} shards, or more passes)`,
    );
  return { from: Math.floor(((shard.index - 1) * blocks) / shard.count), to: Math.floor((shard.index * blocks) / shard.count) };
}
