/**
 * The pass driver: every loop over a run's passes goes through {@link forEachPass}. For each
 * block of a range it derives the block's stream from the seed and the block index alone, samples
 * each pass's world from it, and hands the pass to the caller, who judges the options in that
 * world (the engine counts outcomes, a tornado compares moved models, records keep the world).
 */
import type { CompiledModel } from '../model/compiledModel.js';
import { sampleWorld, type World } from '../model/world.js';
import { blockStream, type Seed } from '../random/random.js';
import { BLOCK_SIZE, blockCount, checkRange, passesInBlock, throwIfAborted, type BlockRange } from './blocks.js';
import type { AbortSignalLike } from '../host.js';

/** Which passes to run and what to call. */
export interface PassLoop {
  readonly model: CompiledModel;
  readonly seed: Seed;
  /** Passes in the whole run (the last block may be short). */
  readonly passes: number;
  /** The blocks to run. */
  readonly range: BlockRange;
  /** The world the passes are sampled into. */
  readonly world: World;
  /** Called for every pass, with its index in the run, after its world is sampled. */
  readonly onPass: (pass: number) => void;
  /** Called before a block's first pass. */
  readonly beforeBlock?: (block: number, blockPasses: number) => void;
  /** Called after a block's last pass. */
  readonly afterBlock?: (block: number, blockPasses: number) => void;
  /** Checked after each block; when aborted, the loop throws the signal's reason. */
  readonly abortSignal?: AbortSignalLike;
  /** Names the work in an abort error, e.g. `The tornado`. */
  readonly what?: string;
}

/**
 * Runs the passes of blocks `range` of a run: block `j` draws from `blockStream(seed, j)`, so pass
 * `k` of the run sees the same world whatever the range, the order or the machine.
 *
 * @throws {ConcertInputError} for a range outside the run's blocks; the abort reason when aborted.
 * @example
 * let consensus = 0;
 * forEachPass({ model, seed: 1, passes: 1000, range: { from: 0, to: 4 }, world, onPass: () => { ... } });
 */
export function forEachPass(loop: PassLoop): void {
  const { model, seed, passes, range, world, onPass, beforeBlock, afterBlock, abortSignal } = loop;
  checkRange(range, blockCount(passes));
  throwIfAborted(abortSignal, loop.what);
  for (let block = range.from; block < range.to; block++) {
    const stream = blockStream(seed, block);
    const blockPasses = passesInBlock(block, passes);
    beforeBlock?.(block, blockPasses);
    const first = block * BLOCK_SIZE;
    for (let k = 0; k < blockPasses; k++) {
      sampleWorld(model, stream, world);
      onPass(first + k);
    }
    afterBlock?.(block, blockPasses);
    throwIfAborted(abortSignal, loop.what);
  }
}
