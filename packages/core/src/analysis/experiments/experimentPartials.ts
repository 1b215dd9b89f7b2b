/**
 * Partial experiment results: the counts of some units of an experiment, which shards write, and
 * merging them exactly into the experiment's result.
 */
import { ConcertInputError, type Problem } from '../../problems.js';
import { missingBlocks } from '../../run/partials.js';
import { shardDigestProblems, withShardDigest } from '../shardDigest.js';
import type { BlockRange } from '../../run/blocks.js';
import type { Scenario } from '../../scenario/schema.js';
import type { ResolvedDesign } from './design.js';
import { prepareExperiment, type ExperimentManifest, type ExperimentPlan } from './experimentPlan.js';
import { summarizeExperiment, type ExperimentResult } from './experimentResult.js';
import type { ExperimentCounts } from './experimentRun.js';

/** The counts of some units of an experiment: what shards write, and what merging adds up. */
export interface ExperimentPartial {
  readonly format: 'concert-experiment-partial';
  /** 2 since shards carry a digest; version 1 shards are refused (re-run the shard). */
  readonly formatVersion: 2;
  /** SHA-256 of the rest of the shard ({@link shardDigest}). */
  readonly digest: string;
  readonly manifest: ExperimentManifest;
  readonly design: ResolvedDesign;
  readonly scenarios: readonly { readonly name: string; readonly scenario: Scenario }[];
  /** The disjoint unit ranges covered, in order. */
  readonly units: readonly BlockRange[];
  /** Where `counts` starts in the experiment's counts (the offset of the first experiment covered). */
  readonly offset: number;
  /** Whole-number counts, from `offset` on. */
  readonly counts: readonly number[];
}

/** Wraps the counts of units `range` as a partial result. */
export function toExperimentPartial(plan: ExperimentPlan, range: BlockRange, part: ExperimentCounts): ExperimentPartial {
  return withShardDigest<ExperimentPartial>({
    format: 'concert-experiment-partial',
    formatVersion: 2,
    manifest: plan.manifest,
    design: plan.design,
    scenarios: plan.scenarios,
    units: [{ from: range.from, to: range.to }],
    offset: plan.offsets[part.experiments.from]!,
    counts: Array.from(part.counts),
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Adds up partial results of the same experiment (exact: the order does not matter). Refuses
 * parts of other experiments (another design, scenario, seed, passes, engine or model version)
 * and parts that cover a unit twice, naming the part (`parts[i]`) and the mismatch.
 *
 * @throws {ConcertInputError} (kind `merge`) listing every mismatch.
 */
export function mergeExperimentPartials(parts: readonly ExperimentPartial[]): ExperimentPartial {
  if (parts.length === 0) throw new ConcertInputError('nothing to merge', [{ path: 'parts', message: 'must hold at least one partial result' }], 'merge');
  const first = parts[0]!;
  const problems: Problem[] = shardDigestProblems(parts);
  parts.forEach((part, index) => {
    for (const field of Object.keys(first.manifest) as (keyof ExperimentManifest)[])
      if (!same(part.manifest[field], first.manifest[field]))
        problems.push({
          path: `parts[${index}].manifest.${field}`,
          message: `must equal parts[0]'s ${field} ${JSON.stringify(first.manifest[field])} (a part of another experiment)`,
          value: part.manifest[field],
        });
  });
  const ranges = parts.flatMap((part, index) => part.units.map((range) => ({ ...range, index }))).sort((a, b) => a.from - b.from || a.to - b.to);
  for (let k = 1; k < ranges.length; k++) {
    const previous = ranges[k - 1]!;
    const range = ranges[k]!;
    if (range.from < previous.to)
      problems.push({
        path: `parts[${range.index}].units`,
        message: `must not overlap parts[${previous.index}] (units ${previous.from}-${previous.to - 1}); is a part duplicated?`,
        value: { from: range.from, to: range.to },
      });
  }
  if (problems.length > 0) throw new ConcertInputError('cannot merge these partial results', problems, 'merge');
  const offset = Math.min(...parts.map((part) => part.offset));
  const end = Math.max(...parts.map((part) => part.offset + part.counts.length));
  const counts = new Float64Array(end - offset);
  for (const part of parts) for (let k = 0; k < part.counts.length; k++) counts[part.offset - offset + k]! += part.counts[k]!;
  const merged: BlockRange[] = [];
  for (const { from, to } of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.to === from) merged[merged.length - 1] = { from: last.from, to };
    else merged.push({ from, to });
  }
  return withShardDigest<ExperimentPartial>({ ...first, units: merged, offset, counts: Array.from(counts) });
}

/**
 * Turns a partial result that covers every unit into the experiment's result: the same bytes as
 * running the experiment in one go.
 *
 * @throws {ConcertInputError} (kind `partial`) when units are missing, or the partial's design
 *   and scenarios do not give its manifest (the file was edited).
 */
export function finalizeExperimentPartial(partial: ExperimentPartial): ExperimentResult {
  const plan = prepareExperiment(partial.design, partial.scenarios);
  if (!same(plan.manifest, partial.manifest))
    throw new ConcertInputError('invalid partial experiment', [
      { path: 'manifest', message: 'must be the manifest of the embedded design and scenarios (the file was edited, or made by another version)', value: partial.manifest.designHash },
    ], 'partial');
  const missing = missingBlocks(partial.units, plan.units);
  if (missing.length > 0)
    throw new ConcertInputError('incomplete experiment', [
      { path: 'units', message: `must cover units 0-${plan.units - 1}; missing ${missing.map((r) => (r.to - r.from === 1 ? `${r.from}` : `${r.from}-${r.to - 1}`)).join(', ')} (is a shard missing?)` },
    ], 'partial');
  const counts = new Float64Array(plan.offsets[plan.offsets.length - 1]!);
  counts.set(partial.counts, partial.offset);
  return summarizeExperiment(plan, counts);
}
