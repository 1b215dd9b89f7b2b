/** `concert merge`: add up the partial results of a run's shards into the run's result. */
import {
  ConcertInputError,
  MAX_RESULT_FILE_BYTES,
  blockCount,
  finalizePartial,
  mergePartials,
  missingBlocks,
  type BlockRange,
  type PartialResult,
  type Problem,
} from '../../src/index.js';
import { expectPositionals, stringOption } from '../args.js';
import type { Command, ParsedArgs } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT_OK, InputFailure, UsageError } from '../exitCodes.js';
import { emit, outputTarget, readJsonFile, writeFileAtomically } from '../files.js';
import { OUTPUT_HELP, OUTPUT_OPTIONS, jsonText, outputSettings, renderResult } from '../output.js';
import { partialFileProblems, type ShardFile } from '../partialFile.js';
import { shardRange } from '../shard.js';
import { experimentFormat, mergeExperimentFiles, renderExperiment } from './experiment.js';
import { mergeSensitivityFiles, renderSensitivity, sensitivityFormat } from './sensitivity.js';

/** The formats of the partial files of analyses, which merge hands to their commands. */
const ANALYSIS_PARTIALS = ['concert-experiment-partial', 'concert-tornado-partial', 'concert-sobol-partial'] as const;

/**
 * When the first file is a partial experiment, tornado or Sobol analysis: the merge of those
 * files (every file read and checked first), else undefined (the files are a run's shards).
 */
function analysisShards(files: readonly string[], context: CliContext): ((args: ParsedArgs) => Promise<number>) | undefined {
  let first: unknown;
  try {
    first = readJsonFile(files[0]!, context, 'a shard');
  } catch {
    return undefined;
  }
  const format = first !== null && typeof first === 'object' ? (first as Record<string, unknown>)['format'] : undefined;
  if (!(ANALYSIS_PARTIALS as readonly unknown[]).includes(format)) return undefined;
  return async (args) => {
    const problems: Problem[] = [];
    const inputs = files.map((file) => {
      try {
        return readJsonFile(file, context, 'a shard');
      } catch (error) {
        if (error instanceof InputFailure) problems.push(...error.problems);
        else throw error;
        return undefined;
      }
    });
    if (problems.length > 0) throw new InputFailure('cannot merge: files are missing or not JSON', problems, 'partial');
    const partial = args.values['partial'] === true;
    const out = stringOption(args, 'out');
    if (stringOption(args, 'table') !== undefined) throw new UsageError('--table is for a run\'s shards; an analysis has one table');
    if (format === 'concert-experiment-partial') {
      const outputFormat = partial ? 'json' : experimentFormat(args);
      if (partial && stringOption(args, 'format') !== undefined) throw new UsageError('--partial writes a partial result as JSON; leave out --format');
      const merged = mergeExperimentFiles(files, inputs, partial);
      if (partial) emit(JSON.stringify(merged) + '\n', out, context);
      else {
        const rendered = renderExperiment(merged as Parameters<typeof renderExperiment>[0], outputFormat);
        if (typeof rendered === 'string') emit(rendered, out, context);
        else writeFileAtomically(out!, rendered, context);
      }
      return EXIT_OK;
    }
    if (partial && stringOption(args, 'format') !== undefined) throw new UsageError('--partial writes a partial result as JSON; leave out --format');
    const merged = mergeSensitivityFiles(files, inputs, partial);
    emit('result' in merged ? renderSensitivity(merged.result, sensitivityFormat(args), args, merged.scenarioId) : JSON.stringify(merged) + '\n', out, context);
    return EXIT_OK;
  };
}

/** A problem of one file: `shard-2.json: manifest.seed`. */
function inFile(file: string, problem: Problem): Problem {
  return { ...problem, path: problem.path === '' ? file : `${file}: ${problem.path}` };
}

/** Replaces the core's `parts[i]` with the i-th file name, in a problem's path and message. */
export function namePartsByFile(problem: Problem, files: readonly string[]): Problem {
  const name = (text: string) => text.replace(/parts\[(\d+)\]\.?/g, (_, i: string) => `${files[Number(i)] ?? `parts[${i}]`}: `);
  const path = name(problem.path).replace(/: $/, '');
  const message = problem.message.replace(/parts\[(\d+)\]/g, (_, i: string) => files[Number(i)] ?? `parts[${i}]`);
  return { ...problem, path, message };
}

const blocksText = (range: BlockRange) => (range.to - range.from === 1 ? `block ${range.from}` : `blocks ${range.from}-${range.to - 1}`);

/**
 * Which shards are missing, when every file says it is a shard of the same count N; otherwise
 * the missing blocks.
 */
function missingProblems(merged: PartialResult, parts: readonly ShardFile[], files: readonly string[]): Problem[] {
  const blocks = blockCount(merged.manifest.passes);
  const missing = missingBlocks(merged.blocks, blocks);
  if (missing.length === 0) return [];
  const counts = new Set(parts.map((part) => part.shard?.count));
  const count = counts.size === 1 ? [...counts][0] : undefined;
  if (count === undefined)
    return [{ path: 'shards', message: `do not cover the whole run: ${missing.map(blocksText).join(', ')} missing (is a shard missing?)` }];
  const present = new Set(parts.map((part) => part.shard!.index));
  const problems: Problem[] = [];
  for (let index = 1; index <= count; index++)
    if (!present.has(index))
      problems.push({ path: 'shards', message: `shard ${index}/${count} is missing (${blocksText(shardRange(blocks, { index, count }))}); got ${files.length} file${files.length === 1 ? '' : 's'}: ${files.join(', ')}` });
  return problems.length > 0 ? problems : [{ path: 'shards', message: `do not cover the whole run: ${missing.map(blocksText).join(', ')} missing` }];
}

/**
 * Reads, checks and merges shard files.
 *
 * @throws {InputFailure} naming each file and what is wrong with it, before anything is written.
 */
export function mergeShardFiles(files: readonly string[], context: CliContext, { partial = false } = {}): { merged: PartialResult; parts: ShardFile[] } {
  const problems: Problem[] = [];
  const parts: ShardFile[] = [];
  for (const file of files) {
    let input: unknown;
    try {
      input = readJsonFile(file, context, 'a shard', MAX_RESULT_FILE_BYTES);
    } catch (error) {
      if (error instanceof InputFailure) {
        problems.push(...error.problems);
        continue;
      }
      throw error;
    }
    const fileProblems = partialFileProblems(input);
    problems.push(...fileProblems.map((problem) => inFile(file, problem)));
    parts.push(input as ShardFile);
  }
  if (problems.length > 0) throw new InputFailure(`cannot merge: ${problems.length === 1 ? 'a file is' : 'files are'} not valid shards`, problems, 'partial');

  let merged: PartialResult;
  try {
    // The merged partial covers several shards, so it is no longer one shard.
    const { shard: _shard, ...mergedWithoutShard } = mergePartials(parts) as ShardFile;
    merged = mergedWithoutShard;
  } catch (error) {
    if (error instanceof ConcertInputError)
      throw new InputFailure(
        error.kind === 'merge' ? 'cannot merge: these shards are not parts of one run' : 'cannot merge: a file is not a valid shard',
        error.problems.map((problem) => namePartsByFile(problem, files)),
        error.kind,
      );
    throw error;
  }
  if (!partial) {
    const missing = missingProblems(merged, parts, files);
    if (missing.length > 0) throw new InputFailure('cannot merge: the run is incomplete', missing, 'partial');
  }
  return { merged, parts };
}

export const merge: Command = {
  name: 'merge',
  summary: "add up shards' partial results into the run's result",
  options: { partial: { type: 'boolean' }, ...OUTPUT_OPTIONS },
  help: `Usage: concert merge <shard.json>... [options]

Adds up the partial results written by \`concert run --shard I/N\`. The merged result is
byte-identical to running the whole run at once (same scenario, passes and seed). Shards of
\`concert experiment\` and of \`concert sensitivity tornado|sobol\` merge the same way, into the
analysis's output (--format json, csv or arrow for an experiment; json, csv or table for a
tornado or Sobol analysis).

Checks every shard first, naming the file and the figure: its digest (a shard edited or
corrupted after it was written), every count against its passes and the tally's identities
(viability within consensus, sums within their bounds; docs/SCALING.md). Refuses shards of another
scenario, seed, pass count, engine or model version, a shard given twice and a missing shard.
Nothing is written on failure, and --out may not name one of the shards.

Options:
      --partial       write the merged partial result instead (JSON; shards may be missing),
                      e.g. to merge in stages; merge those partial files later
${OUTPUT_HELP}
  -h, --help          this help

Exit status: 0 merged, 1 a file is missing, invalid or does not fit (every problem listed), 2 bad usage.

Examples:
  concert merge shards/*.json --out result.json
  concert merge shard-1.json shard-2.json shard-3.json --format table
  concert merge shards/part-0*.json --partial --out first-half.json
  concert merge experiment-part-*.json --out results.feather
  concert merge tornado-part-*.json --format csv > tornado.csv
`,

  async execute(args, context) {
    const files = expectPositionals(args, 'the shard files (concert merge <shard.json>...)', 1, true);
    const analysis = analysisShards(files, context);
    if (analysis !== undefined) return analysis(args);
    const output = outputSettings(args);
    const partial = args.values['partial'] === true;
    if (partial && output.format !== 'json') throw new UsageError('--partial writes a partial result as JSON; leave out --format');
    if (output.out !== undefined) outputTarget(output.out, context, files);
    const { merged } = mergeShardFiles(files, context, { partial });
    const text = partial ? jsonText(JSON.stringify(merged) + '\n') : renderResult(finalizePartial(merged), output);
    emit(text, output.out, context, files);
    return EXIT_OK;
  },
};
