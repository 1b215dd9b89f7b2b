/**
 * Running: a whole run, or a range of its blocks, on a prepared run, and turning its tally into
 * the run's result. Every entry point goes through the same steps: {@link prepareRun}, then
 * {@link runPreparedBlocks} (the engine over the pass driver), then {@link resultOf}.
 */
import { throwIfAborted, type BlockRange } from './blocks.js';
import { EngineState, runBlocks } from './engine.js';
import { prepareRun, type PreparedRun, type RunSettings } from './prepare.js';
import { summarizeTally, type SimulationResult } from './result.js';
import { yieldToHost, type AbortSignalLike } from '../host.js';

/** How far a run has come; reported after every block. */
export interface Progress {
  readonly passesDone: number;
  readonly passes: number;
  readonly blocksDone: number;
  readonly blocks: number;
}

/** Settings of {@link simulate}. */
export interface SimulateOptions extends RunSettings {
  /** Called after each block of passes. */
  readonly onProgress?: (progress: Progress) => void;
  /** Checked after each block; when aborted, the run throws the signal's reason. */
  readonly abortSignal?: AbortSignalLike;
}

/** The result of a prepared run from the tally of all its blocks: the one way a tally becomes a result. */
export function resultOf(run: PreparedRun, tally: ArrayLike<number>): SimulationResult {
  return summarizeTally(run.scenario, run.manifest, tally);
}

/**
 * Runs blocks `[from, to)` of a prepared run and returns their tally.
 *
 * @throws {ConcertInputError} (kind `range`) for a range outside the run; the abort reason when aborted.
 */
export function runPreparedBlocks(
  run: PreparedRun,
  range: BlockRange,
  options: { onProgress?: (progress: Progress) => void; abortSignal?: AbortSignalLike } = {},
): Float64Array {
  const state = new EngineState(run.model);
  const tally = new Float64Array(state.layout.size);
  const { onProgress, abortSignal } = options;
  const { passes, seed } = run.manifest;
  let passesDone = 0;
  let blocksDone = 0;
  runBlocks(
    state,
    seed,
    passes,
    range.from,
    range.to,
    tally,
    (_, blockPasses) => {
      passesDone += blockPasses;
      blocksDone += 1;
      onProgress?.({ passesDone, passes, blocksDone, blocks: range.to - range.from });
    },
    abortSignal,
  );
  return tally;
}

/**
 * Runs a scenario: `passes` Monte Carlo passes from `seed`, over every strategy option.
 *
 * @throws {ConcertInputError} when the scenario or the settings are invalid, listing every problem.
 * @example
 * const result = simulate(scenario, { passes: 10_000, seed: 42 });
 * result.options[0].consensus; // => { estimate: 0.62, lower: 0.61, upper: 0.63 } (for example)
 */
export function simulate(scenario: unknown, options: SimulateOptions): SimulationResult {
  const run = prepareRun(scenario, options);
  return resultOf(run, runPreparedBlocks(run, { from: 0, to: run.blocks }, options));
}

/**
 * Like {@link simulate}, but gives the event loop a turn every `yieldEveryMs` milliseconds, so a
 * page or worker stays responsive and `abortSignal` can stop the run midway.
 */
export async function simulateAsync(
  scenario: unknown,
  options: SimulateOptions & { readonly yieldEveryMs?: number },
): Promise<SimulationResult> {
  const { yieldEveryMs = 20, onProgress, abortSignal } = options;
  const run = prepareRun(scenario, options);
  const state = new EngineState(run.model);
  const tally = new Float64Array(state.layout.size);
  const { passes, seed } = run.manifest;
  let passesDone = 0;
  let lastYield = Date.now();
  for (let block = 0; block < run.blocks; block++) {
    throwIfAborted(abortSignal);
    runBlocks(state, seed, passes, block, block + 1, tally, (_, blockPasses) => {
      passesDone += blockPasses;
    });
    onProgress?.({ passesDone, passes, blocksDone: block + 1, blocks: run.blocks });
    if (Date.now() - lastYield >= yieldEveryMs) {
      await yieldToHost();
      lastYield = Date.now();
    }
  }
  throwIfAborted(abortSignal);
  return resultOf(run, tally);
}
