/**
 * Shard files: the partial result `concert run --shard I/N` writes, and the checks `merge` makes
 * on each file before adding it up (a shard file is input like any other).
 */
import { partialResultProblems, type PartialResult, type Problem } from '../src/index.js';
import type { Shard } from './shard.js';

/** A partial result as written by a shard: the core's partial result, and which shard it is. */
export type ShardFile = PartialResult & { readonly shard?: Shard };

/** The partial result of a shard, with the shard recorded (key order: identity first, tally last). */
export function shardFile(partial: PartialResult, shard: Shard): ShardFile {
  const { format, formatVersion, digest, manifest, blocks, scenario, tally } = partial;
  return { format, formatVersion, digest, manifest, shard, blocks, scenario, tally };
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * Every problem with a parsed shard file, paths relative to the file (`manifest.seed`, `digest`,
 * `tally.dual-track.viability`): the core's checks of a partial result (`partialResultProblems`:
 * shape, scenario hash, digest, every count against its passes, the tally's identities) and the
 * shard's own `{ index, count }`. An empty list means the file is a sound partial result.
 */
export function partialFileProblems(input: unknown): Problem[] {
  const problems = partialResultProblems(input);
  if (!isObject(input)) return problems;
  const shard = input['shard'];
  if (shard !== undefined && !(isObject(shard) && isWhole(shard['index']) && isWhole(shard['count']) && shard['index'] >= 1 && shard['index'] <= shard['count']))
    problems.push({ path: 'shard', message: 'must be { index, count } with 1 <= index <= count', value: shard });
  return problems;
}
