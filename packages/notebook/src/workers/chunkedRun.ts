/**
 * Runs a prepared run in chunks of blocks, giving the event loop a turn between chunks so that a
 * worker can hear "cancel" and report progress. Any split into chunks gives the same tally as a
 * single run of all blocks (tallies are whole-number counts, and each block has its own stream).
 */
import { BLOCK_SIZE, addTally, runPreparedBlocks, type BlockRange, type PreparedRun } from '@concert/core';

/** Options of {@link runInChunks}. */
export interface ChunkedRunOptions {
  /** Target time of a chunk in milliseconds; chunk sizes adapt to the measured speed. Default 25. */
  readonly chunkMs?: number;
  /** Called after each chunk with the passes done so far. */
  readonly onProgress?: (passesDone: number, passes: number) => void;
  /** Asked before each chunk; when it returns true the run stops and gives null. Default: never. */
  readonly shouldStop?: () => boolean;
  /** Gives the event loop a turn between chunks. Default: a zero-delay timeout. */
  readonly yieldToEvents?: () => Promise<void>;
}

/**
 * Runs every block of a prepared run, chunk by chunk, and returns the tally (or null if stopped).
 *
 * @example
 * const run = prepareRun(scenario, { passes: 10_000, seed: 42 });
 * const tally = await runInChunks(run, { onProgress: (done, all) => console.log(done / all) });
 * summarizeTally(run.scenario, run.manifest, tally!); // the same bytes as simulate(scenario, { passes: 10_000, seed: 42 })
 */
export async function runInChunks(run: PreparedRun, options: ChunkedRunOptions = {}): Promise<Float64Array | null> {
  return tallyInChunks(run.blocks, run.manifest.passes, (range) => runPreparedBlocks(run, range), options);
}

/**
 * Runs blocks 0 to `blocks` of any block-wise job (a run, a paired comparison) in chunks of about
 * `chunkMs`, adding the tallies `runRange` returns; null if stopped. Progress is in passes.
 *
 * @example
 * const plan = prepareComparison(baseline, current, { passes: 4000, seed: 42 });
 * await tallyInChunks(plan.blocks, 4000, (range) => runComparisonBlocks(plan, range)); // the tally of runComparisonBlocks(plan, { from: 0, to: plan.blocks })
 */
export async function tallyInChunks(blocks: number, passes: number, runRange: (range: BlockRange) => Float64Array, options: ChunkedRunOptions = {}): Promise<Float64Array | null> {
  const { chunkMs = 25, onProgress, shouldStop = () => false, yieldToEvents = () => new Promise((resolve) => setTimeout(resolve, 0)) } = options;
  let tally: Float64Array | null = null;
  let block = 0;
  let blocksPerChunk = 1;
  while (block < blocks) {
    if (shouldStop()) return null;
    const to = Math.min(blocks, block + blocksPerChunk);
    const started = performance.now();
    const part = runRange({ from: block, to });
    const msPerBlock = Math.max((performance.now() - started) / (to - block), 0.01);
    if (tally === null) tally = part;
    else addTally(tally, part);
    blocksPerChunk = Math.max(1, Math.floor(chunkMs / msPerBlock));
    block = to;
    onProgress?.(Math.min(block * BLOCK_SIZE, passes), passes);
    if (block < blocks) await yieldToEvents();
  }
  return shouldStop() ? null : tally;
}
