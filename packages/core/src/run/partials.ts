/**
 * Partial results: the tally of some blocks of a run, which workers and shards produce, and
 * merging them exactly into the run's result.
 */
import { ConcertInputError, capProblems, type Problem } from '../problems.js';
import type { Scenario } from '../scenario/schema.js';
import { blockCount, type BlockRange } from './blocks.js';
import { PARTIAL_FORMAT_VERSION, partialDigest, partialResultProblems } from './partialChecks.js';
import type { PreparedRun, RunSettings } from './prepare.js';
import { prepareRun } from './prepare.js';
import { summarizeTally, type RunManifest, type SimulationResult } from './result.js';
import { runPreparedBlocks, type Progress } from './simulate.js';
import type { AbortSignalLike } from '../host.js';

/** The tally of some blocks of a run: what shards write, and what merge adds up. */
export interface PartialResult {
  readonly format: 'concert-partial';
  /** 2 since partial results carry a digest; version 1 partial results are refused (re-run the shard). */
  readonly formatVersion: typeof PARTIAL_FORMAT_VERSION;
  /** SHA-256 of the canonical JSON of the manifest, blocks and tally ({@link partialDigest}). */
  readonly digest: string;
  readonly manifest: RunManifest;
  readonly scenario: Scenario;
  /** The disjoint block ranges this tally covers, in order. */
  readonly blocks: readonly BlockRange[];
  /** Whole-number counts laid out by the engine's tally layout. */
  readonly tally: readonly number[];
}

/** A partial result of these parts, with its digest. */
function partialResult(manifest: RunManifest, scenario: Scenario, blocks: readonly BlockRange[], tally: readonly number[]): PartialResult {
  return { format: 'concert-partial', formatVersion: PARTIAL_FORMAT_VERSION, digest: partialDigest({ manifest, blocks, tally }), manifest, scenario, blocks, tally };
}

/** Wraps a tally of some blocks of a prepared run as a partial result. */
export function toPartialResult(run: PreparedRun, range: BlockRange, tally: ArrayLike<number>): PartialResult {
  return partialResult(run.manifest, run.scenario, [{ from: range.from, to: range.to }], Array.from(tally));
}

/**
 * Runs blocks `[from, to)` of a run and returns their partial result, to be merged with the
 * partial results of the other blocks by {@link mergePartials}.
 */
export function runPartial(
  scenario: unknown,
  options: RunSettings & BlockRange & { onProgress?: (progress: Progress) => void; abortSignal?: AbortSignalLike },
): PartialResult {
  const run = prepareRun(scenario, options);
  const range = { from: options.from, to: options.to };
  return toPartialResult(run, range, runPreparedBlocks(run, range, options));
}

const MANIFEST_FIELDS = ['scenarioHash', 'seed', 'passes', 'blockSize', 'engineVersion', 'modelVersion'] as const;

/**
 * Adds up partial results of the same run. The sum is exact, so the order of the parts does not
 * matter. Each part is checked first ({@link partialResultProblems}: its digest, its scenario's
 * hash, every count against its passes and the tally's identities); then parts of different runs
 * (scenario, seed, passes, block size, engine or model version) and parts that cover a block twice
 * are refused. Every problem names the part (`parts[i]`) and the figure or mismatch.
 *
 * @throws {ConcertInputError} (kind `partial` for a part that fails its checks, `merge` for parts
 *   that do not fit together) listing every problem.
 */
export function mergePartials(parts: readonly PartialResult[]): PartialResult {
  if (parts.length === 0)
    throw new ConcertInputError('nothing to merge', [{ path: 'parts', message: 'must hold at least one partial result' }], 'merge');
  const broken = parts.flatMap((part, index) =>
    partialResultProblems(part).map((problem) => ({ ...problem, path: `parts[${index}]` + (problem.path === '' ? '' : `.${problem.path}`) })),
  );
  if (broken.length > 0) throw new ConcertInputError('invalid partial results', capProblems(broken), 'partial');
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
  if (problems.length > 0) throw new ConcertInputError('cannot merge these partial results', problems, 'merge');

  const tally = new Float64Array(first.tally.length);
  for (const part of parts) for (let k = 0; k < tally.length; k++) tally[k]! += part.tally[k]!;
  const merged: BlockRange[] = [];
  for (const { from, to } of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.to === from) merged[merged.length - 1] = { from: last.from, to };
    else merged.push({ from, to });
  }
  return partialResult(first.manifest, first.scenario, merged, Array.from(tally));
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
 * what `simulate` gives for the same scenario, seed and passes. The partial result is checked
 * first, as {@link mergePartials} checks its parts.
 *
 * @throws {ConcertInputError} (kind `partial`) when it fails its checks or blocks are missing, naming them.
 */
export function finalizePartial(partial: PartialResult): SimulationResult {
  const broken = partialResultProblems(partial);
  if (broken.length > 0) throw new ConcertInputError('invalid partial result', broken, 'partial');
  const blocks = blockCount(partial.manifest.passes);
  const missing = missingBlocks(partial.blocks, blocks);
  if (missing.length > 0)
    throw new ConcertInputError(
      'incomplete run',
      [
        {
          path: 'blocks',
          message: `must cover blocks 0-${blocks - 1}; missing ${missing.map((r) => (r.to - r.from === 1 ? `${r.from}` : `${r.from}-${r.to - 1}`)).join(', ')} (is a shard missing?)`,
        },
      ],
      'partial',
    );
  return summarizeTally(partial.scenario, partial.manifest, partial.tally);
}
