/**
 * Runs: validate once, then simulate a whole run, or a range of its blocks (a partial result that
 * workers and shards produce), and merge partial results exactly.
 */
import { canonicalJson, sha256Hex } from '../scenario/canonicalJson.js';
import { BLOCK_SIZE, EngineState, blockCount, runBlocks } from './engine.js';
import { compileModel, type CompiledModel } from '../model/compiledModel.js';
import { ConcertInputError, type Problem } from '../problems.js';
import type { Seed } from '../random/random.js';
import { summarizeTally, type RunManifest, type SimulationResult } from './result.js';
import { MAX_PASSES, type Scenario } from '../scenario/schema.js';
import { TallyLayout } from './tally.js';
import { validateScenario } from '../scenario/validate.js';
import { ENGINE_VERSION, MODEL_VERSION } from '../version.js';

/** What identifies a run besides its scenario. */
export interface RunSettings {
  /** Number of Monte Carlo passes, a whole number from 1 to 1e9. */
  readonly passes: number;
  /** The seed: a string, or a whole number from 0 to 2^53 - 1. */
  readonly seed: Seed;
}

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
  readonly abortSignal?: AbortSignal;
}

/** A half-open range `[from, to)` of block indices. */
export interface BlockRange {
  readonly from: number;
  readonly to: number;
}

/** The tally of some blocks of a run: what workers and shards return, and what merge adds up. */
export interface PartialResult {
  readonly format: 'concert-partial';
  readonly formatVersion: 1;
  readonly manifest: RunManifest;
  readonly scenario: Scenario;
  /** The disjoint block ranges this tally covers, in order. */
  readonly blocks: readonly BlockRange[];
  /** Whole-number counts laid out by the engine's tally layout. */
  readonly tally: readonly number[];
}

/** A validated, compiled run, ready to run blocks of. Build it once and reuse it. */
export interface PreparedRun {
  readonly scenario: Scenario;
  readonly model: CompiledModel;
  readonly manifest: RunManifest;
  /** Number of blocks in the run. */
  readonly blocks: number;
}

/** Checks run settings and returns every problem with them. */
export function runSettingsProblems(settings: { passes?: unknown; seed?: unknown }): Problem[] {
  const problems: Problem[] = [];
  const { passes, seed } = settings;
  if (typeof passes !== 'number' || !Number.isInteger(passes) || passes < 1 || passes > MAX_PASSES)
    problems.push({ path: 'passes', message: `must be a whole number from 1 to ${MAX_PASSES}`, value: passes });
  const seedOk =
    (typeof seed === 'string' && seed.length > 0 && seed.length <= 200) ||
    (typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0);
  if (!seedOk)
    problems.push({ path: 'seed', message: 'must be a non-empty string (at most 200 characters) or a whole number from 0 to 2^53 - 1', value: seed });
  return problems;
}

/** The SHA-256 of a validated scenario's canonical JSON, as recorded in every manifest. */
export function scenarioHash(scenario: Scenario): string {
  return sha256Hex(canonicalJson(scenario));
}

/**
 * Validates a scenario and run settings, and compiles the model.
 *
 * @throws {ConcertInputError} listing every problem with the scenario, or with the settings.
 */
export function prepareRun(scenarioInput: unknown, settings: RunSettings): PreparedRun {
  const problems = runSettingsProblems(settings);
  if (problems.length > 0) throw new ConcertInputError('invalid run settings', problems);
  const scenario = validateScenario(scenarioInput);
  const model = compileModel(scenario);
  return {
    scenario,
    model,
    blocks: blockCount(settings.passes),
    manifest: {
      seed: settings.seed,
      passes: settings.passes,
      blockSize: BLOCK_SIZE,
      scenarioHash: scenarioHash(scenario),
      engineVersion: ENGINE_VERSION,
      modelVersion: MODEL_VERSION,
    },
  };
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The run was aborted.', 'AbortError');
}

function checkRange(run: PreparedRun, range: BlockRange): void {
  const { from, to } = range;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > run.blocks || from >= to)
    throw new ConcertInputError('invalid block range', [
      { path: 'blocks', message: `must be whole numbers with 0 <= from < to <= ${run.blocks}`, value: range },
    ]);
}

/** Runs blocks `[from, to)` of a prepared run and returns their tally. */
export function runPreparedBlocks(
  run: PreparedRun,
  range: BlockRange,
  options: { onProgress?: (progress: Progress) => void; abortSignal?: AbortSignal } = {},
): Float64Array {
  checkRange(run, range);
  const state = new EngineState(run.model);
  const tally = new Float64Array(state.layout.size);
  let passesDone = 0;
  let blocksDone = 0;
  const { onProgress, abortSignal } = options;
  if (abortSignal?.aborted) throw abortReason(abortSignal);
  const passes = run.manifest.passes;
  for (let block = range.from; block < range.to; block++) {
    runBlocks(state, run.manifest.seed, passes, block, block + 1, tally, (_, blockPasses) => {
      passesDone += blockPasses;
      blocksDone += 1;
    });
    onProgress?.({ passesDone, passes, blocksDone, blocks: range.to - range.from });
    if (abortSignal?.aborted) throw abortReason(abortSignal);
  }
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
  const tally = runPreparedBlocks(run, { from: 0, to: run.blocks }, options);
  return summarizeTally(run.scenario, run.manifest, tally);
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
    if (abortSignal?.aborted) throw abortReason(abortSignal);
    runBlocks(state, seed, passes, block, block + 1, tally, (_, blockPasses) => {
      passesDone += blockPasses;
    });
    onProgress?.({ passesDone, passes, blocksDone: block + 1, blocks: run.blocks });
    if (Date.now() - lastYield >= yieldEveryMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = Date.now();
    }
  }
  if (abortSignal?.aborted) throw abortReason(abortSignal);
  return summarizeTally(run.scenario, run.manifest, tally);
}

/** Wraps a tally of some blocks of a prepared run as a partial result. */
export function toPartialResult(run: PreparedRun, range: BlockRange, tally: ArrayLike<number>): PartialResult {
  return {
    format: 'concert-partial',
    formatVersion: 1,
    manifest: run.manifest,
    scenario: run.scenario,
    blocks: [{ from: range.from, to: range.to }],
    tally: Array.from(tally),
  };
}

/**
 * Runs blocks `[from, to)` of a run and returns their partial result, to be merged with the
 * partial results of the other blocks by {@link mergePartials}.
 */
export function runPartial(
  scenario: unknown,
  options: RunSettings & BlockRange & { onProgress?: (progress: Progress) => void; abortSignal?: AbortSignal },
): PartialResult {
  const run = prepareRun(scenario, options);
  const range = { from: options.from, to: options.to };
  return toPartialResult(run, range, runPreparedBlocks(run, range, options));
}

const MANIFEST_FIELDS = ['scenarioHash', 'seed', 'passes', 'blockSize', 'engineVersion', 'modelVersion'] as const;

/**
 * Adds up partial results of the same run. The sum is exact, so the order of the parts does not
 * matter. Refuses parts of different runs (scenario, seed, passes, block size, engine or model
 * version) and parts that cover a block twice, naming the part (`parts[i]`) and the mismatch.
 *
 * @throws {ConcertInputError} listing every mismatch.
 */
export function mergePartials(parts: readonly PartialResult[]): PartialResult {
  if (parts.length === 0) throw new ConcertInputError('nothing to merge', [{ path: 'parts', message: 'must hold at least one partial result' }]);
  const first = parts[0]!;
  const problems: Problem[] = [];
  parts.forEach((part, index) => {
    for (const field of MANIFEST_FIELDS)
      if (part.manifest[field] !== first.manifest[field])
        problems.push({
          path: `parts[${index}].manifest.${field}`,
          message: `must equal parts[0]'s ${field} ${JSON.stringify(first.manifest[field])} (a part of another run)`,
          value: part.manifest[field],
        });
    if (part.tally.length !== first.tally.length)
      problems.push({ path: `parts[${index}].tally`, message: `must have ${first.tally.length} entries`, value: `${part.tally.length} entries` });
  });
  const ranges = parts
    .flatMap((part, index) => part.blocks.map((range) => ({ ...range, index })))
    .sort((a, b) => a.from - b.from || a.to - b.to);
  for (let k = 1; k < ranges.length; k++) {
    const previous = ranges[k - 1]!;
    const range = ranges[k]!;
    if (range.from < previous.to)
      problems.push({
        path: `parts[${range.index}].blocks`,
        message: `must not overlap parts[${previous.index}] (blocks ${previous.from}-${previous.to - 1}); is a part duplicated?`,
        value: { from: range.from, to: range.to },
      });
  }
  if (problems.length > 0) throw new ConcertInputError('cannot merge these partial results', problems);

  const tally = new Float64Array(first.tally.length);
  for (const part of parts) for (let k = 0; k < tally.length; k++) tally[k]! += part.tally[k]!;
  const merged: BlockRange[] = [];
  for (const { from, to } of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.to === from) merged[merged.length - 1] = { from: last.from, to };
    else merged.push({ from, to });
  }
  return { ...first, blocks: merged, tally: Array.from(tally) };
}

/** The block ranges of a run that a set of ranges leaves out. */
export function missingBlocks(covered: readonly BlockRange[], blocks: number): BlockRange[] {
  const missing: BlockRange[] = [];
  let next = 0;
  for (const { from, to } of [...covered].sort((a, b) => a.from - b.from)) {
    if (from > next) missing.push({ from: next, to: from });
    next = Math.max(next, to);
  }
  if (next < blocks) missing.push({ from: next, to: blocks });
  return missing;
}

/**
 * Turns a partial result that covers every block of its run into the run's result, identical to
 * what {@link simulate} gives for the same scenario, seed and passes.
 *
 * @throws {ConcertInputError} when blocks are missing, naming them.
 */
export function finalizePartial(partial: PartialResult): SimulationResult {
  const blocks = blockCount(partial.manifest.passes);
  const missing = missingBlocks(partial.blocks, blocks);
  if (missing.length > 0)
    throw new ConcertInputError('incomplete run', [
      {
        path: 'blocks',
        message: `must cover blocks 0-${blocks - 1}; missing ${missing.map((r) => (r.to - r.from === 1 ? `${r.from}` : `${r.from}-${r.to - 1}`)).join(', ')} (is a shard missing?)`,
      },
    ]);
  const layout = new TallyLayout(partial.scenario.options.length, partial.scenario.allies.length);
  if (partial.tally.length !== layout.size)
    throw new ConcertInputError('malformed partial result', [{ path: 'tally', message: `must have ${layout.size} entries`, value: `${partial.tally.length} entries` }]);
  return summarizeTally(partial.scenario, partial.manifest, partial.tally);
}
