/**
 * Digests of analysis shards (experiment, tornado and Sobol partial results), as run partials
 * carry (run/partialChecks.ts): a shard's SHA-256 over everything it holds but the digest, so
 * that a merge notices a count, a range, a setting or an embedded scenario edited or corrupted
 * after the shard wrote it. A digest protects against accidents, not forgery: anyone can
 * recompute it, and only `replay` of the merged result proves its figures (docs/SCALING.md).
 */
import { canonicalJson, sha256Hex } from '../scenario/canonicalJson.js';
import type { Problem } from '../problems.js';

/** The format version of analysis shards: version 2 carries a digest. */
export const ANALYSIS_PARTIAL_FORMAT_VERSION = 2;

/**
 * The digest of an analysis shard: the SHA-256 (64 hex digits) of the canonical JSON of all its
 * fields except `digest`.
 *
 * @example
 * shardDigest({ format: 'concert-tornado-partial', formatVersion: 2, blocks: [{ from: 0, to: 4 }], tally: [3] }); // => 64 hex digits
 */
export function shardDigest(part: object): string {
  const { digest: _digest, ...content } = part as Record<string, unknown>;
  return sha256Hex(canonicalJson(content));
}

/** The shard with its digest (computed over the rest, whatever digest it had). */
export function withShardDigest<T extends { readonly digest: string }>(part: Omit<T, 'digest'> & { readonly digest?: string }): T {
  return { ...part, digest: shardDigest(part) } as T;
}

/**
 * The problems of shards about to be merged: a format version other than this engine's (a shard
 * of an earlier concert carries no digest) and a digest that does not match the shard's
 * content, each at `parts[i].formatVersion` or `parts[i].digest`.
 */
export function shardDigestProblems(parts: readonly object[]): Problem[] {
  const problems: Problem[] = [];
  parts.forEach((part, index) => {
    const fields = part as Record<string, unknown>;
    if (fields['formatVersion'] !== ANALYSIS_PARTIAL_FORMAT_VERSION) {
      problems.push({
        path: `parts[${index}].formatVersion`,
        message: `must be ${ANALYSIS_PARTIAL_FORMAT_VERSION}: this shard was written by an earlier concert and carries no digest to check its figures by; re-run the shard with this version (same settings and seed: the same numbers)`,
        value: fields['formatVersion'],
      });
      return;
    }
    const digest = fields['digest'];
    if (typeof digest !== 'string' || !/^[0-9a-f]{64}$/.test(digest))
      problems.push({ path: `parts[${index}].digest`, message: 'must be the SHA-256 of the rest of the shard (64 hex digits)', value: digest });
    else if (digest !== shardDigest(part))
      problems.push({ path: `parts[${index}].digest`, message: 'must be the SHA-256 of the rest of the shard: its figures, ranges or settings were edited or corrupted after the shard wrote them', value: digest });
  });
  return problems;
}
