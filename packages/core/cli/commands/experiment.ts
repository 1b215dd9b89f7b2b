/**
 * `concert experiment`: run an experiment design (fields of a scenario varied by a full
 * factorial, a Latin hypercube or a Sobol' sequence) and write one tidy row per experiment and
 * option as JSON, CSV or Arrow (Feather). Also what `concert merge` and `concert replay` do with
 * experiment files. See docs/EXPERIMENTS.md.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  ConcertInputError,
  ENGINE_VERSION,
  MAX_RESULT_FILE_BYTES,
  escapeControlCharacters,
  MODEL_VERSION,
  checkExperimentScenarios,
  finalizeExperimentPartial,
  mergeExperimentPartials,
  prepareExperiment,
  summarizeExperiment,
  tidyCsv,
  toExperimentPartial,
  type ExperimentDesign,
  type ExperimentPartial,
  type ExperimentPlan,
  type ExperimentResult,
  type ExperimentScenario,
  type Problem,
} from '../../src/index.js';
import {
  PASSES_OPTION,
  QUIET_OPTION,
  SEED_OPTIONS,
  WORKERS_HELP,
  WORKERS_OPTIONS,
  expectPositionals,
  parseChoice,
  parsePasses,
  quietOption,
  seedHelp,
  seedOption,
  stringOption,
  workersOption,
} from '../args.js';
import type { Command, ParsedArgs } from '../command.js';
import type { CliContext } from '../context.js';
import { builtInFileOr, builtInScenarios, scenarioFileOf } from '../scenarios.js';
import { EXIT_INVALID_INPUT, EXIT_OK, InputFailure, UsageError } from '../exitCodes.js';
import { outputWriter, readBytesFile, readJsonFile } from '../files.js';
import { jsonText, prettyJson } from '../output.js';
import { isArrowFile, readTidyArrow, tidyArrow } from '../formats/arrow.js';
import { progressReporter } from '../progress.js';
import { parseShard, shardRange, type Shard } from '../shard.js';
import { experimentInParallel } from '../workers/parallelExperiment.js';

/** The output formats of an experiment. */
export const EXPERIMENT_FORMATS = ['json', 'csv', 'arrow'] as const;
/** An experiment output format. */
export type ExperimentFormat = (typeof EXPERIMENT_FORMATS)[number];

/**
 * `--format`, or the format `--out`'s extension implies (`.csv`; `.arrow`, `.feather`, `.ipc`),
 * else JSON.
 *
 * @throws {UsageError} for an unknown format, or Arrow without `--out` (binary on stdout).
 */
export function experimentFormat(args: ParsedArgs): ExperimentFormat {
  const text = stringOption(args, 'format');
  const out = stringOption(args, 'out');
  const format: ExperimentFormat =
    text !== undefined
      ? parseChoice('format', text, EXPERIMENT_FORMATS)
      : out !== undefined && /\.csv$/i.test(out)
        ? 'csv'
        : out !== undefined && /\.(arrow|feather|ipc)$/i.test(out)
          ? 'arrow'
          : 'json';
  if (format === 'arrow' && out === undefined) throw new UsageError('--format arrow writes a binary file: give --out FILE (e.g. --out results.feather)');
  return format;
}

/** What the Arrow file's metadata holds: enough to replay it. */
function provenance(result: ExperimentResult): unknown {
  return { format: result.format, formatVersion: result.formatVersion, manifest: result.manifest, design: result.design, scenarios: result.scenarios };
}

/** An experiment result in the chosen format: JSON (the whole result), CSV (the rows) or Arrow IPC bytes (the rows, with the design and manifest in the schema's metadata). */
export function renderExperiment(result: ExperimentResult, format: ExperimentFormat): string | Uint8Array {
  switch (format) {
    case 'json':
      return prettyJson(result);
    case 'csv':
      return tidyCsv(result.columns, result.rows);
    case 'arrow':
      return tidyArrow(result.columns, result.rows, provenance(result));
  }
}

/** A scenario named by a design or `--scenarios`: a JSON file, relative to `directory`. Its name is the file name without `.json`. */
export function readScenarioReference(reference: string, directory: string, context: CliContext, path: string): ExperimentScenario {
  const file = resolve(context.cwd, directory, reference);
  // A file (relative to the design) wins; else a built-in scenario of that name (`nato-russia-2025`).
  const builtIn = existsSync(file) ? undefined : builtInScenarios(context).find((s) => s.name === reference || `${s.name}.json` === reference);
  if (builtIn !== undefined) return { name: builtIn.name, scenario: readJsonFile(builtIn.file, context, 'a built-in scenario') };
  let scenario: unknown;
  try {
    scenario = readJsonFile(file, context, 'a scenario');
  } catch (error) {
    if (error instanceof InputFailure)
      throw new InputFailure(
        'cannot read a scenario of the experiment',
        error.problems.map((problem) => ({ path, message: `names ${JSON.stringify(reference)} (${file}): ${problem.message}`, value: reference })),
        'file',
      );
    throw error;
  }
  return { name: basename(reference).replace(/\.json$/i, ''), scenario };
}

/**
 * The scenario files a design names (relative to the design), for `--out`'s check; empty when the
 * design cannot be read (its reading fails later, with the full message).
 */
function designScenarioFiles(file: string, context: CliContext): string[] {
  file = builtInFileOr(file, 'experiments', ['.json'], context);
  let input: unknown;
  try {
    input = readJsonFile(file, context, 'the experiment design');
  } catch {
    return [];
  }
  if (!isObject(input)) return [];
  const references = [input['scenario'], ...(Array.isArray(input['scenarios']) ? input['scenarios'] : [])].filter((item): item is string => typeof item === 'string');
  // As readScenarioReference finds them: a file relative to the design, else a built-in scenario.
  return references.map((reference) => {
    const relative = join(dirname(file), reference);
    return existsSync(resolve(context.cwd, relative)) ? relative : scenarioFileOf(reference, context);
  });
}

/** Names are the files' base names, unless two files share one: then the references as given. */
function uniqueNames(scenarios: ExperimentScenario[], references: readonly string[]): ExperimentScenario[] {
  const names = scenarios.map((scenario) => scenario.name);
  return new Set(names).size === names.length ? scenarios : scenarios.map((scenario, k) => ({ ...scenario, name: references[k]! }));
}

/** Turns a core input error into the CLI's failure, naming the file. */
function asFailure(error: unknown, file: string): never {
  if (error instanceof ConcertInputError) throw new InputFailure(`${error.what} in ${file}`, error.problems, error.kind);
  throw error;
}

/**
 * Reads a design file and its scenarios (the design's, or `scenarios` given on the command line)
 * and prepares the experiment, with `--passes` and `--seed` applied.
 *
 * @throws {InputFailure} for a missing or invalid file, scenario or design: every problem named.
 */
export function prepareExperimentFromFiles(
  file: string,
  context: CliContext,
  overrides: { scenarios?: readonly string[]; passes?: number; seed?: string | number } = {},
): ExperimentPlan {
  file = builtInFileOr(file, 'experiments', ['.json'], context);
  const input = readJsonFile(file, context, 'the experiment design');
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw new InputFailure(`invalid experiment design in ${file}`, [{ path: '', message: 'must be a JSON object (see `concert schema --design`)', value: input }], 'analysis-settings');
  const design = { ...(input as Record<string, unknown>) };
  if (overrides.passes !== undefined) design['passes'] = overrides.passes;
  if (overrides.seed !== undefined) design['seed'] = overrides.seed;
  let references: readonly string[];
  let directory: string;
  let where: (k: number) => string;
  if (overrides.scenarios !== undefined && overrides.scenarios.length > 0) {
    references = overrides.scenarios;
    directory = '.';
    where = (k) => `--scenarios[${k}]`;
    delete design['scenario'];
    delete design['scenarios'];
  } else {
    const one = design['scenario'];
    const many = design['scenarios'];
    if (typeof one === 'string' && many === undefined) {
      references = [one];
      where = () => 'scenario';
    } else if (Array.isArray(many) && one === undefined && many.every((item) => typeof item === 'string')) {
      references = many as string[];
      where = (k) => `scenarios[${k}]`;
    } else if (one === undefined && many === undefined)
      throw new InputFailure(`invalid experiment design in ${file}`, [{ path: 'scenario', message: 'is required: a scenario file (relative to the design) or a list in scenarios; or give --scenarios' }], 'analysis-settings');
    else references = [];
    directory = dirname(file);
  }
  if (references.length === 0) {
    // Let the schema name what is wrong with scenario or scenarios.
    try {
      prepareExperiment(design as ExperimentDesign, [{ name: 'x', scenario: {} }]);
    } catch (error) {
      asFailure(error, file);
    }
  }
  const scenarios = uniqueNames(references.map((reference, k) => readScenarioReference(reference, directory, context, where(k))), references);
  try {
    return prepareExperiment(design as ExperimentDesign, scenarios);
  } catch (error) {
    return asFailure(error, file);
  }
}

/** The design points as CSV (experiment and one column per field), for `--dry-run`. */
function pointsCsv(plan: ExperimentPlan): string {
  const k = plan.inputs.length;
  const rows: Record<string, number>[] = [];
  for (let point = 0; point < plan.experiments; point++) {
    const row: Record<string, number> = { experiment: point + 1 };
    plan.inputs.forEach((input, j) => (row[input.name] = plan.values[point * k + j]!));
    rows.push(row);
  }
  return tidyCsv([{ name: 'experiment', type: 'int', description: '' }, ...plan.inputs.map((input) => ({ name: input.name, type: 'float' as const, description: '' }))], rows);
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Problems with a parsed experiment partial file, paths relative to the file; empty when it looks like one. */
export function experimentPartialProblems(input: unknown): Problem[] {
  if (!isObject(input)) return [{ path: '', message: 'must be a partial experiment (a JSON object written by `concert experiment --shard`)', value: input }];
  const problems: Problem[] = [];
  if (input['format'] !== 'concert-experiment-partial') problems.push({ path: 'format', message: 'must be "concert-experiment-partial" (a file written by `concert experiment --shard`)', value: input['format'] });
  if (input['formatVersion'] !== 1) problems.push({ path: 'formatVersion', message: 'must be 1', value: input['formatVersion'] });
  for (const field of ['manifest', 'design'] as const) if (!isObject(input[field])) problems.push({ path: field, message: 'must be an object', value: input[field] });
  if (!Array.isArray(input['scenarios'])) problems.push({ path: 'scenarios', message: 'must be a list of { name, scenario }', value: input['scenarios'] });
  const whole = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
  const units = input['units'];
  if (!Array.isArray(units) || !units.every((range) => isObject(range) && whole(range['from']) && whole(range['to']) && range['from'] < range['to']))
    problems.push({ path: 'units', message: 'must be a list of unit ranges { from, to } of whole numbers with from < to', value: units });
  if (!whole(input['offset'])) problems.push({ path: 'offset', message: 'must be a whole number', value: input['offset'] });
  const counts = input['counts'];
  if (!Array.isArray(counts) || !counts.every(whole)) problems.push({ path: 'counts', message: 'must be a list of whole numbers', value: Array.isArray(counts) ? `a list of ${counts.length} entries` : counts });
  return problems;
}

/**
 * Merges experiment partial files (what `concert merge` does with them): every file checked
 * first, then added up; the experiment's result, or with `partial` the merged partial result.
 *
 * @throws {InputFailure} naming each file and what is wrong with it, before anything is written.
 */
export function mergeExperimentFiles(files: readonly string[], inputs: readonly unknown[], partial: boolean): ExperimentResult | ExperimentPartial {
  const problems: Problem[] = [];
  inputs.forEach((input, k) => problems.push(...experimentPartialProblems(input).map((problem) => ({ ...problem, path: problem.path === '' ? files[k]! : `${files[k]}: ${problem.path}` }))));
  if (problems.length > 0) throw new InputFailure(`cannot merge: ${problems.length === 1 ? 'a file is' : 'files are'} not valid experiment shards`, problems, 'partial');
  const shards = inputs.map((input) => (input as { shard?: Shard }).shard);
  const parts = inputs.map((input) => {
    const { shard: _shard, ...part } = input as ExperimentPartial & { shard?: Shard };
    return part as ExperimentPartial;
  });
  try {
    const merged = mergeExperimentPartials(parts);
    if (partial) return merged;
    // Name the missing shards when every file is a shard of the same count.
    const count = shards[0]?.count;
    const units = merged.manifest.experiments * merged.manifest.scenarios.length * Math.ceil(merged.manifest.passes / merged.manifest.blockSize);
    if (count !== undefined && shards.every((shard) => shard?.count === count) && count <= units) {
      const present = new Set(shards.map((shard) => shard!.index));
      const missing: Problem[] = [];
      for (let index = 1; index <= count; index++)
        if (!present.has(index)) {
          const range = shardRange(units, { index, count });
          missing.push({ path: 'shards', message: `shard ${index}/${count} is missing (units ${range.from}-${range.to - 1}); got ${files.length} file${files.length === 1 ? '' : 's'}: ${files.join(', ')}` });
        }
      if (missing.length > 0) throw new InputFailure('cannot merge: the experiment is incomplete', missing, 'partial');
    }
    return finalizeExperimentPartial(merged);
  } catch (error) {
    if (error instanceof ConcertInputError) {
      const named = error.problems.map((problem) => ({
        ...problem,
        path: problem.path.replace(/parts\[(\d+)\]\.?/g, (_, i: string) => `${files[Number(i)]}: `).replace(/: $/, ''),
        message: problem.message.replace(/parts\[(\d+)\]/g, (_, i: string) => files[Number(i)] ?? `parts[${i}]`),
      }));
      throw new InputFailure(`cannot merge: ${error.what}`, named, error.kind);
    }
    throw error;
  }
}

/**
 * Replays an experiment result (JSON, or an Arrow file with its metadata) from its embedded
 * design, scenarios and manifest, and compares every row. Returns the exit status.
 */
export async function replayExperiment(file: string, context: CliContext, { workers = 1, quiet = false } = {}): Promise<number> {
  const bytes = readBytesFile(file, context, 'the result', MAX_RESULT_FILE_BYTES);
  let stored: { manifest?: unknown; design?: unknown; scenarios?: unknown; rows: readonly Record<string, unknown>[] };
  if (isArrowFile(bytes)) {
    let table: ReturnType<typeof readTidyArrow>;
    try {
      table = readTidyArrow(bytes);
    } catch (error) {
      throw new InputFailure(`cannot replay ${file}`, [{ path: file, message: `is not a readable Arrow file (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` }], 'replay');
    }
    if (!isObject(table.metadata) || table.metadata['format'] !== 'concert-experiment')
      throw new InputFailure(`cannot replay ${file}`, [{ path: 'metadata', message: 'must hold the experiment\'s design and manifest (an Arrow file written by concert experiment)' }], 'replay');
    stored = { ...table.metadata, rows: table.rows };
  } else {
    const input = readJsonFile(file, context, 'the result', MAX_RESULT_FILE_BYTES);
    const parsed = isObject(input) ? input : {};
    const rows = Array.isArray(parsed['rows']) ? parsed['rows'].filter(isObject) : [];
    stored = { ...parsed, rows };
  }
  const manifest = isObject(stored.manifest) ? stored.manifest : {};
  if (manifest['engineVersion'] !== ENGINE_VERSION || manifest['modelVersion'] !== MODEL_VERSION)
    context.stderr.write(`concert replay: note: ${escapeControlCharacters(`${file} was made by engine ${String(manifest['engineVersion'])}, model ${String(manifest['modelVersion'])}`)}; this is engine ${ENGINE_VERSION}, model ${MODEL_VERSION}, so figures may legitimately differ\n`);
  let plan: ExperimentPlan;
  try {
    plan = prepareExperiment(stored.design as ExperimentDesign, (Array.isArray(stored.scenarios) ? stored.scenarios : []) as ExperimentScenario[]);
  } catch (error) {
    if (error instanceof ConcertInputError) throw new InputFailure(`cannot replay ${file}: its embedded design or scenarios are invalid`, error.problems, 'replay');
    throw error;
  }
  if (JSON.stringify(plan.manifest) !== JSON.stringify(stored.manifest))
    throw new InputFailure(`cannot replay ${file}`, [{ path: 'manifest', message: 'must be the manifest of the embedded design and scenarios (the file was edited or corrupted)', value: manifest['designHash'] }], 'replay');
  checkExperimentScenarios(plan);
  const progress = progressReporter(plan.units === 0 ? 0 : plan.experiments * plan.scenarios.length * plan.design.passes, context, quiet);
  let replayed: ExperimentResult;
  try {
    replayed = summarizeExperiment(plan, (await experimentInParallel(plan, { from: 0, to: plan.units }, { workers, onProgress: (done) => progress.update(done) })).counts);
  } finally {
    progress.finish();
  }
  const differing: string[] = [];
  replayed.rows.forEach((row, k) => {
    const old = stored.rows[k];
    const same = old !== undefined && replayed.columns.every((column) => (old[column.name] ?? null) === row[column.name]);
    if (!same) differing.push(`experiment ${row['experiment']}, ${row['scenario']}, option ${row['option_id']}`);
  });
  if (stored.rows.length !== replayed.rows.length) differing.push(`${stored.rows.length} rows stored, ${replayed.rows.length} replayed`);
  context.stdout.write(
    `replay of ${escapeControlCharacters(file)}: ${plan.experiments * plan.scenarios.length} experiments (${escapeControlCharacters(plan.scenarios.map((s) => s.name).join(', '))}) x ${plan.scenarios[0]!.scenario.options.length} options, ${plan.design.passes.toLocaleString('en-US')} passes each, seed ${JSON.stringify(plan.design.seed)}\n`,
  );
  for (const line of differing.slice(0, 20)) context.stdout.write(`  DIFFERS  ${escapeControlCharacters(line)}\n`);
  if (differing.length > 20) context.stdout.write(`  ... and ${differing.length - 20} more\n`);
  if (differing.length === 0) {
    context.stdout.write(`replay: all ${replayed.rows.length} rows match; the experiment is reproduced exactly\n`);
    return EXIT_OK;
  }
  context.stdout.write(`replay: ${differing.length} of ${replayed.rows.length} rows differ\n`);
  return EXIT_INVALID_INPUT;
}

export const experiment: Command = {
  name: 'experiment',
  summary: 'run an experiment design: vary scenario fields (factorial, Latin hypercube, Sobol), one tidy row per experiment and option',
  options: {
    scenarios: { type: 'string', multiple: true },
    ...PASSES_OPTION,
    ...SEED_OPTIONS,
    ...WORKERS_OPTIONS,
    shard: { type: 'string' },
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    'dry-run': { type: 'boolean' },
    ...QUIET_OPTION,
  },
  help: `Usage: concert experiment <design.json> [options]

Runs an experiment design: the fields it names (any numeric field of the scenario, e.g.
allies.HUN.hawkishness.center, events.<id>.probability, options.<id>.firmness) take the values
of a full factorial, a Latin hypercube or a scrambled Sobol' sequence, and every experiment runs
the design's passes from its seed: the same random numbers for every experiment (common random
numbers). Writes one tidy row per experiment and option. The design's format: \`concert schema
--design\`, and docs/EXPERIMENTS.md. Every value the design can set is checked against the
field's domain, and every experiment's scenario is validated, before any pass runs. The design
is a file or the name of a built-in design (hawks-latin-hypercube, firmness-visibility-factorial).

Options:
      --scenarios L    run the design on these scenario files instead of the design's own
                       (comma-separated, or repeated; files after the design also count):
                       a batch, with the scenario in a column
  -n, --passes N       passes per experiment (default: the design's)
${seedHelp("the design's, else 1")}
${WORKERS_HELP}
                      (the output is the same for any K)
      --shard I/N      run only shard I of N (numbered from 1) and write its partial result
                       (JSON) for \`concert merge\`; the merge equals the unsharded output
  -f, --format F       json (default): the result with its design, scenarios and manifest;
                       csv: the tidy rows; arrow: the rows as an Arrow IPC (Feather v2) file,
                       the design and manifest in its metadata (needs --out). Inferred from
                       --out's extension (.csv, .arrow, .feather) when not given
  -o, --out FILE       write to FILE (via a temporary file, renamed when complete); never
                       the design, one of its scenarios or a read-only file
      --dry-run        check everything and print the design points as CSV; run no pass
  -q, --quiet          no progress bar (drawn only when stderr is a terminal anyway)
  -h, --help           this help

Exit status: 0 done, 1 invalid design, scenario or file (every problem listed), 2 bad usage.

Examples:
  concert experiment hawks-latin-hypercube --workers auto --out hawks.feather
  concert experiment firmness-visibility-factorial --format csv > grid.csv
  concert experiment design.json --scenarios my-scenarios/*.json --out batch.csv
  for i in 1 2 3 4; do concert experiment design.json --shard "$i/4" --out "part-$i.json"; done && concert merge part-*.json --out result.json
  concert replay hawks.feather
`,

  async execute(args, context) {
    const [file, ...extra] = expectPositionals(args, 'the design file (concert experiment <design.json>)', 1, true);
    const listed = (args.values['scenarios'] as unknown as string[] | undefined) ?? [];
    if (extra.length > 0 && listed.length === 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])} (to run the design on scenario files, give --scenarios)`);
    const scenarios = [...listed.flatMap((item) => item.split(',')).map((item) => item.trim()).filter((item) => item !== ''), ...extra];
    const passesText = stringOption(args, 'passes');
    const seedGiven = stringOption(args, 'seed') !== undefined || stringOption(args, 'string-seed') !== undefined;
    const workers = workersOption(args);
    const shardText = stringOption(args, 'shard');
    const shard = shardText === undefined ? undefined : parseShard(shardText);
    const format = experimentFormat(args);
    const out = stringOption(args, 'out');
    if (shard !== undefined && format !== 'json')
      throw new UsageError('--shard writes a partial result as JSON; merge the shards with `concert merge`, then choose --format');
    const overrides: { scenarios?: string[]; passes?: number; seed?: string | number } = { scenarios };
    if (passesText !== undefined) overrides.passes = parsePasses(passesText);
    if (seedGiven) overrides.seed = seedOption(args, 1);
    // The design names its scenarios: refuse --out onto any of them before reading a scenario.
    const write = outputWriter(out, context, [builtInFileOr(file!, 'experiments', ['.json'], context), ...scenarios, ...designScenarioFiles(file!, context)]);

    const plan = prepareExperimentFromFiles(file!, context, overrides);
    const range = shard === undefined ? { from: 0, to: plan.units } : shardRange(plan.units, shard);
    try {
      checkExperimentScenarios(plan, range);
    } catch (error) {
      asFailure(error, file!);
    }
    if (args.values['dry-run'] === true) {
      const total = plan.experiments * plan.scenarios.length;
      context.stderr.write(
        `concert experiment: ${escapeControlCharacters(file!)}: ${plan.experiments.toLocaleString('en-US')} design points (${plan.design.sampling.method}) x ${plan.scenarios.length} scenario${plan.scenarios.length === 1 ? '' : 's'} = ${total.toLocaleString('en-US')} experiments of ${plan.design.passes.toLocaleString('en-US')} passes (${(total * plan.design.passes).toLocaleString('en-US')} in all); every value and scenario is valid\n`,
      );
      write(pointsCsv(plan));
      return EXIT_OK;
    }
    let passesToRun = 0;
    for (let unit = range.from; unit < range.to; unit++) passesToRun += Math.min(plan.manifest.blockSize, plan.design.passes - (unit % plan.blocks) * plan.manifest.blockSize);
    const progress = progressReporter(passesToRun, context, quietOption(args));
    let part;
    try {
      part = await experimentInParallel(plan, range, { workers, onProgress: (done) => progress.update(done) });
    } finally {
      progress.finish();
    }
    if (shard !== undefined) {
      write(jsonText(JSON.stringify({ ...toExperimentPartial(plan, range, part), shard }) + '\n'));
      return EXIT_OK;
    }
    write(renderExperiment(summarizeExperiment(plan, part.counts), format));
    return EXIT_OK;
  },
};

/** Whether a file is an experiment result: an Arrow file, or JSON whose format is `concert-experiment`. */
export function isExperimentFile(file: string, context: CliContext): boolean {
  // Only the start is read: the file may be large, and replay reads it whole, within its budget.
  const bytes = Buffer.alloc(200);
  let length: number;
  try {
    const fd = openSync(resolve(context.cwd, file), 'r');
    try {
      length = readSync(fd, bytes, 0, bytes.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  const start = bytes.subarray(0, length);
  if (isArrowFile(start)) return true;
  return /^\s*\{\s*"format"\s*:\s*"concert-experiment"/.test(start.toString('utf8').replace(/^\ufeff/, ''));
}
