/**
 * Partial sensitivity analyses, for shards: a tornado's tally of some blocks (whole numbers:
 * partial tallies add up) and a Sobol analysis's inner estimates at some design points (each
 * point depends on itself alone: partial values concatenate). Merged, they give the same bytes
 * as the analysis run in one go.
 */
import { ConcertInputError, type Problem } from '../../problems.js';
import type { BlockRange } from '../../run/blocks.js';
import { missingBlocks } from '../../run/partials.js';
import { shardDigestProblems, withShardDigest } from '../shardDigest.js';
import type { Scenario } from '../../scenario/schema.js';
import type { SobolSettings, TornadoSettings } from './settings.js';
import { prepareSobol, summarizeSobol, type SobolManifest, type SobolPlan, type SobolResult } from './sobol.js';
import { prepareTornado, summarizeTornado, type TornadoManifest, type TornadoPlan, type TornadoResult } from './tornado.js';

/** The tally of some blocks of a tornado. */
export interface TornadoPartial {
  readonly format: 'concert-tornado-partial';
  /** 2 since shards carry a digest; version 1 shards are refused (re-run the shard). */
  readonly formatVersion: 2;
  /** SHA-256 of the rest of the shard ({@link shardDigest}). */
  readonly digest: string;
  readonly manifest: TornadoManifest;
  readonly scenario: Scenario;
  readonly settings: TornadoSettings;
  /** The disjoint block ranges covered, in order. */
  readonly blocks: readonly BlockRange[];
  readonly tally: readonly number[];
}

/** The inner estimates of some design points of a Sobol analysis. */
export interface SobolPartial {
  readonly format: 'concert-sobol-partial';
  /** 2 since shards carry a digest; version 1 shards are refused (re-run the shard). */
  readonly formatVersion: 2;
  /** SHA-256 of the rest of the shard ({@link shardDigest}). */
  readonly digest: string;
  readonly manifest: SobolManifest;
  readonly scenario: Scenario;
  readonly settings: SobolSettings;
  /** The disjoint point ranges covered, in order. */
  readonly points: readonly BlockRange[];
  /** The estimates of those points, range after range, point by point, output by output. */
  readonly values: readonly number[];
}

/** Wraps the tally of blocks `range` of a tornado. */
export function toTornadoPartial(plan: TornadoPlan, settings: TornadoSettings, range: BlockRange, tally: ArrayLike<number>): TornadoPartial {
  return withShardDigest<TornadoPartial>({ format: 'concert-tornado-partial', formatVersion: 2, manifest: plan.manifest, scenario: plan.scenario, settings, blocks: [{ from: range.from, to: range.to }], tally: Array.from(tally) });
}

/** Wraps the inner estimates of design points `range` of a Sobol analysis. */
export function toSobolPartial(plan: SobolPlan, settings: SobolSettings, range: BlockRange, values: ArrayLike<number>): SobolPartial {
  return withShardDigest<SobolPartial>({ format: 'concert-sobol-partial', formatVersion: 2, manifest: plan.manifest, scenario: plan.scenario, settings, points: [{ from: range.from, to: range.to }], values: Array.from(values) });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Problems with parts of different analyses (any manifest field differs) or overlapping ranges; the ranges sorted. */
function checkParts<T extends { readonly manifest: object }>(
  parts: readonly T[],
  rangesOf: (part: T) => readonly BlockRange[],
  what: string,
): { problems: Problem[]; ranges: (BlockRange & { index: number; at: number })[] } {
  if (parts.length === 0) throw new ConcertInputError('nothing to merge', [{ path: 'parts', message: 'must hold at least one partial result' }], 'merge');
  const first = parts[0]!.manifest as Record<string, unknown>;
  const problems: Problem[] = shardDigestProblems(parts);
  parts.forEach((part, index) => {
    const manifest = part.manifest as Record<string, unknown>;
    for (const field of Object.keys(first))
      if (!same(manifest[field], first[field]))
        problems.push({ path: `parts[${index}].manifest.${field}`, message: `must equal parts[0]'s ${field} ${JSON.stringify(first[field])} (a part of another ${what})`, value: manifest[field] });
  });
  const ranges = parts
    .flatMap((part, index) => {
      let at = 0;
      return rangesOf(part).map((range) => {
        const entry = { from: range.from, to: range.to, index, at };
        at += range.to - range.from;
        return entry;
      });
    })
    .sort((a, b) => a.from - b.from || a.to - b.to);
  for (let k = 1; k < ranges.length; k++)
    if (ranges[k]!.from < ranges[k - 1]!.to)
      problems.push({
        path: `parts[${ranges[k]!.index}]`,
        message: `must not overlap parts[${ranges[k - 1]!.index}] (${ranges[k - 1]!.from}-${ranges[k - 1]!.to - 1}); is a part duplicated?`,
        value: { from: ranges[k]!.from, to: ranges[k]!.to },
      });
  return { problems, ranges };
}

function joined(ranges: readonly BlockRange[]): BlockRange[] {
  const merged: BlockRange[] = [];
  for (const { from, to } of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.to === from) merged[merged.length - 1] = { from: last.from, to };
    else merged.push({ from, to });
  }
  return merged;
}

const rangesText = (ranges: readonly BlockRange[]) => ranges.map((r) => (r.to - r.from === 1 ? `${r.from}` : `${r.from}-${r.to - 1}`)).join(', ');

/**
 * Adds up partial tornadoes of the same analysis (exact, in any order).
 *
 * @throws {ConcertInputError} (kind `merge`) for parts of different analyses or overlapping blocks.
 */
export function mergeTornadoPartials(parts: readonly TornadoPartial[]): TornadoPartial {
  const { problems, ranges } = checkParts(parts, (part) => part.blocks, 'tornado');
  parts.forEach((part, index) => {
    if (part.tally.length !== parts[0]!.tally.length) problems.push({ path: `parts[${index}].tally`, message: `must have ${parts[0]!.tally.length} entries`, value: `${part.tally.length} entries` });
  });
  if (problems.length > 0) throw new ConcertInputError('cannot merge these partial tornadoes', problems, 'merge');
  const tally = new Float64Array(parts[0]!.tally.length);
  for (const part of parts) for (let k = 0; k < tally.length; k++) tally[k]! += part.tally[k]!;
  return withShardDigest<TornadoPartial>({ ...parts[0]!, blocks: joined(ranges), tally: Array.from(tally) });
}

/**
 * Concatenates partial Sobol analyses of the same analysis, in point order.
 *
 * @throws {ConcertInputError} (kind `merge`) for parts of different analyses or overlapping points.
 */
export function mergeSobolPartials(parts: readonly SobolPartial[]): SobolPartial {
  const { problems, ranges } = checkParts(parts, (part) => part.points, 'Sobol analysis');
  if (problems.length > 0) throw new ConcertInputError('cannot merge these partial Sobol analyses', problems, 'merge');
  const stride = parts[0]!.manifest.outputs.length;
  const values: number[] = [];
  for (const range of ranges) values.push(...parts[range.index]!.values.slice(range.at * stride, (range.at + range.to - range.from) * stride));
  return withShardDigest<SobolPartial>({ ...parts[0]!, points: joined(ranges), values });
}

function checkManifest(stored: unknown, prepared: unknown, what: string): void {
  if (!same(stored, prepared))
    throw new ConcertInputError(`invalid partial ${what}`, [
      { path: 'manifest', message: 'must be the manifest of the embedded scenario and settings (the file was edited, or made by another version)' },
    ], 'partial');
}

/**
 * Turns a partial tornado that covers every block into the tornado's result: the same bytes as
 * running it in one go.
 *
 * @throws {ConcertInputError} (kind `partial`) when blocks are missing or the manifest does not fit.
 */
export function finalizeTornadoPartial(partial: TornadoPartial): TornadoResult {
  const plan = prepareTornado(partial.scenario, partial.settings);
  checkManifest(partial.manifest, plan.manifest, 'tornado');
  const missing = missingBlocks(partial.blocks, plan.blocks);
  if (missing.length > 0)
    throw new ConcertInputError('incomplete tornado', [{ path: 'blocks', message: `must cover blocks 0-${plan.blocks - 1}; missing ${rangesText(missing)} (is a shard missing?)` }], 'partial');
  return summarizeTornado(plan, partial.tally);
}

/**
 * Turns a partial Sobol analysis that covers every design point into its result: the same bytes
 * as running it in one go.
 *
 * @throws {ConcertInputError} (kind `partial`) when points are missing or the manifest does not fit.
 */
export function finalizeSobolPartial(partial: SobolPartial): SobolResult {
  const plan = prepareSobol(partial.scenario, partial.settings);
  checkManifest(partial.manifest, plan.manifest, 'Sobol analysis');
  const missing = missingBlocks(partial.points, plan.manifest.points);
  if (missing.length > 0)
    throw new ConcertInputError('incomplete Sobol analysis', [{ path: 'points', message: `must cover design points 0-${plan.manifest.points - 1}; missing ${rangesText(missing)} (is a shard missing?)` }], 'partial');
  return summarizeSobol(plan, partial.values);
}
