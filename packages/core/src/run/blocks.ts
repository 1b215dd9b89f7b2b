/**
 * Blocks: a run's passes are processed in fixed blocks, and block `j` draws from the stream of
 * `(seed, j)` alone, so any split of the blocks adds up to the same run. Also the checks every
 * loop over blocks (or other work items) shares: a range inside the run, and stopping on abort.
 */
import { ConcertInputError } from '../problems.js';
import { abortError, type AbortSignalLike } from '../host.js';

/** Passes per block. Block `j` covers passes `[j * BLOCK_SIZE, (j + 1) * BLOCK_SIZE)`. */
export const BLOCK_SIZE = 250;

/** A half-open range `[from, to)` of block indices (or of other work items, such as design points). */
export interface BlockRange {
  readonly from: number;
  readonly to: number;
}

/** Number of blocks a run of `passes` passes has (the last one may be short). */
export function blockCount(passes: number): number {
  return Math.ceil(passes / BLOCK_SIZE);
}

/** Number of passes in block `block` of a run of `passes` passes. */
export function passesInBlock(block: number, passes: number): number {
  return Math.min(BLOCK_SIZE, passes - block * BLOCK_SIZE);
}

/** Number of passes in blocks `[from, to)` of a run of `passes` passes. */
export function passesInRange(range: BlockRange, passes: number): number {
  return Math.min(range.to * BLOCK_SIZE, passes) - range.from * BLOCK_SIZE;
}

/**
 * Checks that `range` is a non-empty range of whole numbers inside `[0, count)`.
 *
 * @throws {ConcertInputError} (kind `range`) naming `path` (`blocks`, `points`) otherwise.
 * @example
 * checkRange({ from: 0, to: 4 }, 4); // fine
 * checkRange({ from: 3, to: 9 }, 4); // throws: blocks: must be whole numbers with 0 <= from < to <= 4
 */
export function checkRange(range: BlockRange, count: number, path = 'blocks'): void {
  const { from, to } = range;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > count || from >= to)
    throw new ConcertInputError(
      `invalid ${path === 'blocks' ? 'block' : path.replace(/s$/, '')} range`,
      [{ path, message: `must be whole numbers with 0 <= from < to <= ${count}`, value: range }],
      'range',
    );
}

/**
 * Throws the abort signal's reason (or an error named `AbortError`) when it has been aborted.
 *
 * @example
 * throwIfAborted(controller.signal, 'The run'); // throws the signal's reason after controller.abort()
 */
export function throwIfAborted(signal: AbortSignalLike | undefined, what = 'The run'): void {
  if (signal?.aborted) throw signal.reason ?? abortError(`${what} was aborted.`);
}
