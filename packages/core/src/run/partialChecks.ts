/**
 * Checking a partial result before it is merged: its shape, its digest, and the identities every
 * honest tally satisfies (no count above its passes, viability within consensus, sums within their
 * bounds, histograms adding up to their counts). A partial result that fails any of them was
 * corrupted or edited; one that passes them all may still be forged with care, which only
 * `concert replay` of the merged result can rule out (docs/SCALING.md, "What merge checks").
 */
import { BLOCK_SIZE, blockCount, passesInBlock, passesInRange, type BlockRange } from './blocks.js';
import { MAX_PASSES } from '../scenario/schema.js';
import { capProblems, formatPath, type Problem } from '../problems.js';
import { canonicalJson, sha256Hex } from '../scenario/canonicalJson.js';
import type { Scenario } from '../scenario/schema.js';
import { parseScenario } from '../scenario/validate.js';
import { scenarioHash } from './prepare.js';
import type { RunManifest } from './result.js';
import { ALLY_COUNTER, CONVERGENCE_SEGMENTS, FINE_BINS, FIXED_POINT_SCALE, OPTION_COUNTER, TallyLayout, segmentOfBlock } from './tally.js';

/** Most failing figures listed for one tally; the rest are counted. */
const MAX_FIGURES_LISTED = 10;

/** The format version of partial results this engine writes and reads: version 2 carries a digest. */
export const PARTIAL_FORMAT_VERSION = 2;

/**
 * The digest of a partial result: the SHA-256 of the canonical JSON of its manifest, block ranges
 * and tally, as 64 hex digits. Any change to a count, a range or the manifest changes it.
 *
 * @example
 * partialDigest({ manifest, blocks: [{ from: 0, to: 4 }], tally }); // => '5f1c...' (64 hex digits)
 */
export function partialDigest(part: { readonly manifest: RunManifest; readonly blocks: readonly BlockRange[]; readonly tally: readonly number[] }): string {
  return sha256Hex(canonicalJson({ manifest: part.manifest, blocks: part.blocks, tally: part.tally }));
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const count = (n: number) => n.toLocaleString('en-US');

/**
 * The identities a tally of `blocks` of a run fails (the first ten, the rest counted), each named by its figure (`tally.<option>.viability`,
 * `tally.<option>.allies.<ally>.blockerRate`, `tally.convergence`) with what it must be and what it is.
 * The tally must already have the scenario's layout and hold whole numbers.
 */
export function tallyIdentityProblems(
  scenario: Scenario,
  manifest: Pick<RunManifest, 'passes'>,
  blocks: readonly BlockRange[],
  tally: readonly number[],
): Problem[] {
  const layout = new TallyLayout(scenario.options.length, scenario.allies.length);
  const { passes } = manifest;
  const covered = blocks.reduce((sum, range) => sum + passesInRange(range, passes), 0);
  const problems: Problem[] = [];
  const figure = (...parts: string[]) => formatPath(['tally', ...parts]);
  const atMost = (path: string, value: number, limit: number, what: string) => {
    if (value > limit) problems.push({ path, message: `must be at most ${what} (${count(limit)})`, value });
  };
  const atLeast = (path: string, value: number, limit: number, what: string) => {
    if (value < limit) problems.push({ path, message: `must be at least ${what} (${count(limit)})`, value });
  };
  const histogram = (start: number) => {
    let total = 0;
    let low = 0;
    let high = 0;
    for (let k = 0; k < FINE_BINS; k++) {
      const n = tally[start + k]!;
      total += n;
      low += n * k;
      high += n * (k + 1);
    }
    return { total, low: (low / FINE_BINS) * FIXED_POINT_SCALE, high: (high / FINE_BINS) * FIXED_POINT_SCALE };
  };
  // A fixed-point sum of n values lies within [0, n * 2^20] and within its histogram's bin edges
  // (each value rounded to the nearest unit, hence the half unit per value and the slack).
  const sumWithin = (path: string, sum: number, n: number, bins: { low: number; high: number } | null) => {
    const slack = 2 + n * 1e-6;
    if (sum > n * FIXED_POINT_SCALE) problems.push({ path, message: `must be a fixed-point sum of at most ${count(n)} values in [0, 1] (at most ${count(n * FIXED_POINT_SCALE)})`, value: sum });
    else if (bins !== null && (sum < bins.low - n / 2 - slack || sum > bins.high + n / 2 + slack))
      problems.push({ path, message: `must agree with its histogram (between ${count(Math.ceil(bins.low - n / 2))} and ${count(Math.floor(bins.high + n / 2))})`, value: sum });
  };

  // The convergence trace: its pass counts follow from the blocks alone, and its counts must add
  // up to the options' counts.
  const total = blockCount(passes);
  const expected = new Float64Array(CONVERGENCE_SEGMENTS);
  for (const range of blocks) for (let block = range.from; block < range.to; block++) expected[segmentOfBlock(block, total)]! += passesInBlock(block, passes);
  const wrongSegment = expected.findIndex((n, segment) => tally[layout.segmentPasses(segment)] !== n);
  if (wrongSegment >= 0)
    problems.push({
      path: figure('convergence', 'passes'),
      message: `must hold the passes of these blocks in each segment (segment ${wrongSegment}: ${count(expected[wrongSegment]!)})`,
      value: tally[layout.segmentPasses(wrongSegment)],
    });
  scenario.options.forEach((option, o) => {
    let consensus = 0;
    let risk = 0;
    let overfull = -1;
    for (let segment = 0; segment < CONVERGENCE_SEGMENTS; segment++) {
      const segmentPasses = tally[layout.segmentPasses(segment)]!;
      const c = tally[layout.segmentConsensus(segment, o)]!;
      const r = tally[layout.segmentConsensus(segment, o) + 1]!;
      consensus += c;
      risk += r;
      if (overfull < 0 && (c > segmentPasses || r > segmentPasses)) overfull = segment;
    }
    if (overfull >= 0) {
      const at = layout.segmentConsensus(overfull, o);
      problems.push({
        path: figure('convergence', option.id),
        message: `must count at most the passes of each segment (segment ${overfull} has ${count(tally[layout.segmentPasses(overfull)]!)} passes)`,
        value: Math.max(tally[at]!, tally[at + 1]!),
      });
    }
    if (consensus !== tally[layout.option(o, OPTION_COUNTER.consensus)])
      problems.push({ path: figure('convergence', option.id, 'consensus'), message: `must add up to the option's passes with consensus (${count(tally[layout.option(o, OPTION_COUNTER.consensus)]!)})`, value: consensus });
    if (risk !== tally[layout.option(o, OPTION_COUNTER.risk)])
      problems.push({ path: figure('convergence', option.id, 'risk'), message: `must add up to the option's passes with risk (${count(tally[layout.option(o, OPTION_COUNTER.risk)]!)})`, value: risk });
  });
  const maxRounds = scenario.bargaining.maxRounds;
  scenario.options.forEach((option, o) => {
    const at = (counter: number) => tally[layout.option(o, counter)]!;
    const consensus = at(OPTION_COUNTER.consensus);
    const risk = at(OPTION_COUNTER.risk);
    const viable = at(OPTION_COUNTER.viable);
    const id = option.id;
    atMost(figure(id, 'consensus'), consensus, covered, 'the passes of these blocks');
    atMost(figure(id, 'firstRoundConsensus'), at(OPTION_COUNTER.firstRound), consensus, 'its passes with consensus');
    atMost(figure(id, 'risk'), risk, covered, 'the passes of these blocks');
    atMost(figure(id, 'viability'), viable, consensus, 'its passes with consensus');
    atMost(figure(id, 'viability'), viable, covered - risk, 'its passes without risk');
    atLeast(figure(id, 'viability'), viable, consensus - risk, 'its passes with consensus less those with risk');
    atMost(figure(id, 'meanRounds'), at(OPTION_COUNTER.rounds), consensus * maxRounds, `its passes with consensus times ${maxRounds} rounds`);
    const firmness = histogram(layout.option(o, layout.firmnessHistogram));
    const signal = histogram(layout.option(o, layout.signalHistogram));
    if (firmness.total !== consensus)
      problems.push({ path: figure(id, 'adoptedFirmness', 'histogram'), message: `must add up to its passes with consensus (${count(consensus)})`, value: firmness.total });
    if (signal.total !== covered)
      problems.push({ path: figure(id, 'signal', 'histogram'), message: `must add up to the passes of these blocks (${count(covered)})`, value: signal.total });
    sumWithin(figure(id, 'adoptedFirmness', 'mean'), at(OPTION_COUNTER.firmness), consensus, firmness.total === consensus ? firmness : null);
    sumWithin(figure(id, 'adoptedEngagement', 'mean'), at(OPTION_COUNTER.engagement), consensus, null);
    sumWithin(figure(id, 'signal', 'mean'), at(OPTION_COUNTER.signal), covered, signal.total === covered ? signal : null);
    let soleBlockers = 0;
    scenario.allies.forEach((ally, a) => {
      const allyAt = (counter: number) => tally[layout.ally(o, a, counter)]!;
      const blocker = allyAt(ALLY_COUNTER.blocker);
      const sole = allyAt(ALLY_COUNTER.soleBlocker);
      soleBlockers += sole;
      atMost(figure(id, 'allies', ally.id, 'initialObjectionRate'), allyAt(ALLY_COUNTER.initialObjection), covered, 'the passes of these blocks');
      atMost(figure(id, 'allies', ally.id, 'blockerRate'), blocker, covered - consensus, 'the passes without consensus');
      atMost(figure(id, 'allies', ally.id, 'soleBlockerRate'), sole, blocker, 'its passes as a blocker');
    });
    atMost(figure(id, 'allies', 'soleBlockerRate'), soleBlockers, covered - consensus, 'the passes without consensus (one sole blocker at most per pass)');
  });

  // One broken tally breaks many figures: the first ones tell the story.
  return capProblems(problems, MAX_FIGURES_LISTED);
}

/**
 * Every problem with a partial result given as any value (for example parsed JSON), paths
 * relative to it (`manifest.seed`, `blocks[0]`, `tally.dual-track.viability`): its format and
 * version, its manifest, its scenario and the scenario's hash, its block ranges, its tally's size
 * and whole numbers, its digest, and the identities of {@link tallyIdentityProblems}. An empty
 * list means the partial result is well formed and consistent.
 */
export function partialResultProblems(input: unknown): Problem[] {
  if (!isObject(input)) return [{ path: '', message: 'must be a partial result (a JSON object written by `concert run --shard`)', value: input }];
  if (input['format'] === 'concert-result')
    return [{ path: 'format', message: 'must be "concert-partial": this is a full result, not a shard (write shards with `concert run --shard I/N`)', value: input['format'] }];
  const problems: Problem[] = [];
  if (input['format'] !== 'concert-partial') problems.push({ path: 'format', message: 'must be "concert-partial" (a file written by `concert run --shard`)', value: input['format'] });
  if (input['formatVersion'] === 1)
    return [
      ...problems,
      {
        path: 'formatVersion',
        message: `must be ${PARTIAL_FORMAT_VERSION}: this partial result was written by an earlier concert and carries no digest to check its figures by; re-run the shard with this version (same scenario, passes and seed: the same numbers)`,
        value: 1,
      },
    ];
  if (input['formatVersion'] !== PARTIAL_FORMAT_VERSION) problems.push({ path: 'formatVersion', message: `must be ${PARTIAL_FORMAT_VERSION}`, value: input['formatVersion'] });
  const manifest = input['manifest'];
  let passes: number | undefined;
  if (!isObject(manifest)) problems.push({ path: 'manifest', message: 'must be an object', value: manifest });
  else {
    for (const field of ['scenarioHash', 'engineVersion', 'modelVersion'] as const)
      if (typeof manifest[field] !== 'string') problems.push({ path: `manifest.${field}`, message: 'must be a string', value: manifest[field] });
    if (typeof manifest['seed'] !== 'string' && !isWhole(manifest['seed'])) problems.push({ path: 'manifest.seed', message: 'must be a string or a whole number', value: manifest['seed'] });
    if (manifest['blockSize'] !== BLOCK_SIZE) problems.push({ path: 'manifest.blockSize', message: `must be ${BLOCK_SIZE}, the block size of this engine`, value: manifest['blockSize'] });
    if (!isWhole(manifest['passes']) || manifest['passes'] === 0 || manifest['passes'] > MAX_PASSES)
      problems.push({ path: 'manifest.passes', message: `must be a whole number from 1 to ${MAX_PASSES.toLocaleString('en-US')}`, value: manifest['passes'] });
    else passes = manifest['passes'];
  }
  const parsed = parseScenario(input['scenario']);
  const scenario = parsed.success ? parsed.data : undefined;
  if (!parsed.success) problems.push(...parsed.problems.map((problem) => ({ ...problem, path: 'scenario' + (problem.path === '' ? '' : `.${problem.path}`) })));
  else if (isObject(manifest) && scenarioHash(parsed.data) !== manifest['scenarioHash'])
    problems.push({ path: 'manifest.scenarioHash', message: 'must be the SHA-256 of the embedded scenario (the file was edited or corrupted)', value: manifest['scenarioHash'] });
  const blocks = input['blocks'];
  const total = passes === undefined ? undefined : blockCount(passes);
  let blocksOk = Array.isArray(blocks);
  if (!Array.isArray(blocks)) problems.push({ path: 'blocks', message: 'must be a list of block ranges { from, to }', value: blocks });
  else
    blocks.forEach((range: unknown, k) => {
      const ok = isObject(range) && isWhole(range['from']) && isWhole(range['to']) && range['from'] < range['to'] && (total === undefined || range['to'] <= total);
      if (ok && k > 0 && (range['from'] as number) < (blocks[k - 1] as BlockRange).to) {
        problems.push({ path: `blocks[${k}]`, message: 'must start after the range before it (ranges in order, not overlapping)', value: range });
        blocksOk = false;
      } else if (!ok) {
        problems.push({ path: `blocks[${k}]`, message: `must be { from, to } with whole numbers 0 <= from < to <= ${total ?? "the run's block count"}`, value: range });
        blocksOk = false;
      }
    });
  const tally = input['tally'];
  let tallyOk = false;
  if (!Array.isArray(tally) || !tally.every(isWhole)) problems.push({ path: 'tally', message: 'must be a list of whole numbers of at least 0', value: Array.isArray(tally) ? `a list of ${tally.length} entries` : tally });
  else if (scenario !== undefined) {
    const size = new TallyLayout(scenario.options.length, scenario.allies.length).size;
    if (tally.length !== size) problems.push({ path: 'tally', message: `must have ${size} entries for this scenario`, value: `${tally.length} entries` });
    else tallyOk = true;
  }
  if (problems.length > 0) return capProblems(problems);

  // The shape is right: the digest, then the identities.
  const part = input as unknown as { manifest: RunManifest; blocks: BlockRange[]; tally: number[]; digest: unknown };
  if (typeof part.digest !== 'string' || !/^[0-9a-f]{64}$/.test(part.digest))
    return [{ path: 'digest', message: 'must be the SHA-256 of the manifest, blocks and tally (64 hex digits)', value: part.digest }];
  if (part.digest !== partialDigest(part))
    problems.push({ path: 'digest', message: 'must be the SHA-256 of the manifest, blocks and tally: they were edited or corrupted after the shard wrote them', value: part.digest });
  if (blocksOk && tallyOk && scenario !== undefined) problems.push(...tallyIdentityProblems(scenario, part.manifest, part.blocks, part.tally));
  return capProblems(problems);
}
