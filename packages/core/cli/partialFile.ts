/**
 * Shard files: the partial result `concert run --shard I/N` writes, and the checks `merge` makes
 * on each file before adding it up (a shard file is input like any other).
 */
import {
  TallyLayout,
  blockCount,
  formatPath,
  parseScenario,
  scenarioHash,
  type PartialResult,
  type Problem,
} from '../src/index.js';
import type { Shard } from './shard.js';

/** A partial result as written by a shard: the core's partial result, and which shard it is. */
export type ShardFile = PartialResult & { readonly shard?: Shard };

/** The partial result of a shard, with the shard recorded (key order: identity first, tally last). */
export function shardFile(partial: PartialResult, shard: Shard): ShardFile {
  const { format, formatVersion, manifest, blocks, scenario, tally } = partial;
  return { format, formatVersion, manifest, shard, blocks, scenario, tally };
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * Every problem with a parsed shard file, paths relative to the file (`manifest.seed`, `tally`).
 * An empty list means the file is a well-formed partial result whose scenario matches its hash.
 */
export function partialFileProblems(input: unknown): Problem[] {
  if (!isObject(input)) return [{ path: '', message: 'must be a partial result (a JSON object written by `concert run --shard`)', value: input }];
  if (input['format'] === 'concert-result')
    return [{ path: 'format', message: 'must be "concert-partial": this is a full result, not a shard (write shards with `concert run --shard I/N`)', value: input['format'] }];
  const problems: Problem[] = [];
  if (input['format'] !== 'concert-partial') problems.push({ path: 'format', message: 'must be "concert-partial" (a file written by `concert run --shard`)', value: input['format'] });
  if (input['formatVersion'] !== 1) problems.push({ path: 'formatVersion', message: 'must be 1', value: input['formatVersion'] });
  const manifest = input['manifest'];
  let passes: number | undefined;
  if (!isObject(manifest)) problems.push({ path: 'manifest', message: 'must be an object', value: manifest });
  else {
    for (const field of ['scenarioHash', 'engineVersion', 'modelVersion'] as const)
      if (typeof manifest[field] !== 'string') problems.push({ path: `manifest.${field}`, message: 'must be a string', value: manifest[field] });
    if (typeof manifest['seed'] !== 'string' && !isWhole(manifest['seed'])) problems.push({ path: 'manifest.seed', message: 'must be a string or a whole number', value: manifest['seed'] });
    if (!isWhole(manifest['blockSize']) || manifest['blockSize'] === 0) problems.push({ path: 'manifest.blockSize', message: 'must be a positive whole number', value: manifest['blockSize'] });
    if (!isWhole(manifest['passes']) || manifest['passes'] === 0) problems.push({ path: 'manifest.passes', message: 'must be a positive whole number', value: manifest['passes'] });
    else passes = manifest['passes'];
  }
  const parsed = parseScenario(input['scenario']);
  if (!parsed.success) problems.push(...parsed.problems.map((problem) => ({ ...problem, path: formatPath(['scenario']) + (problem.path === '' ? '' : `.${problem.path}`) })));
  else if (isObject(manifest) && scenarioHash(parsed.data) !== manifest['scenarioHash'])
    problems.push({ path: 'manifest.scenarioHash', message: 'must be the SHA-256 of the embedded scenario (the file was edited or corrupted)', value: manifest['scenarioHash'] });
  const blocks = input['blocks'];
  const total = passes === undefined ? undefined : blockCount(passes);
  if (!Array.isArray(blocks)) problems.push({ path: 'blocks', message: 'must be a list of block ranges { from, to }', value: blocks });
  else
    blocks.forEach((range: unknown, k) => {
      const ok = isObject(range) && isWhole(range['from']) && isWhole(range['to']) && range['from'] < range['to'] && (total === undefined || range['to'] <= total);
      if (!ok) problems.push({ path: `blocks[${k}]`, message: `must be { from, to } with whole numbers 0 <= from < to <= ${total ?? 'the run\'s block count'}`, value: range });
    });
  const tally = input['tally'];
  if (!Array.isArray(tally) || !tally.every(isWhole)) problems.push({ path: 'tally', message: 'must be a list of whole numbers of at least 0', value: Array.isArray(tally) ? `a list of ${tally.length} entries` : tally });
  else if (parsed.success) {
    const size = new TallyLayout(parsed.data.options.length, parsed.data.allies.length).size;
    if (tally.length !== size) problems.push({ path: 'tally', message: `must have ${size} entries for this scenario`, value: `${tally.length} entries` });
  }
  const shard = input['shard'];
  if (shard !== undefined && !(isObject(shard) && isWhole(shard['index']) && isWhole(shard['count']) && shard['index'] >= 1 && shard['index'] <= shard['count']))
    problems.push({ path: 'shard', message: 'must be { index, count } with 1 <= index <= count', value: shard });
  return problems;
}
