/**
 * `concert sensitivity`: which allies and assumptions decide consensus and risk. Three analyses:
 * `tornado` (one at a time, paired), `sobol` (variance-based indices) and `discover` (the
 * conditions under which an option fails). Tornado blocks and Sobol design points run on worker
 * threads (workers/parallelSensitivity.ts); the text tables are in formats/sensitivityTables.ts.
 */
import {
  ConcertInputError,
  discoverDrivers,
  finalizeSobolPartial,
  finalizeTornadoPartial,
  mergeSobolPartials,
  mergeTornadoPartials,
  prepareSobol,
  prepareTornado,
  summarizeSobol,
  summarizeTornado,
  toSobolPartial,
  toTornadoPartial,
  type DiscoveryResult,
  type Problem,
  type SobolPartial,
  type TornadoPartial,
  SENSITIVITY_MEASURES,
  DISCOVERY_TARGETS,
  type SensitivityMeasure,
  type SobolResult,
  type SobolSettings,
  type TornadoResult,
  type TornadoSettings,
} from '../../src/index.js';
import { SEED_OPTIONS, WORKERS_OPTIONS, expectPositionals, numberOption, parseChoice, seedOption, stringOption, workersOption } from '../args.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT_OK, InputFailure, UsageError } from '../exitCodes.js';
import { emit, outputTarget, readJsonFile } from '../files.js';
import { jsonText } from '../output.js';
import { discoveryText, sobolTable, tornadoTable } from '../formats/sensitivityTables.js';
import { progressReporter } from '../progress.js';
import { readValidScenario, scenarioFileOf } from '../scenarios.js';
import { sobolPointsInParallel, tornadoBlocksInParallel } from '../workers/parallelSensitivity.js';
import { discoveryCsv, sobolCsv, tornadoCsv } from '../formats/sensitivityCsv.js';
import { parseShard, shardRange } from '../shard.js';

export { sensitivityPool, sobolInParallel, tornadoInParallel } from '../workers/parallelSensitivity.js';
export { discoveryText, sobolTable, tornadoTable } from '../formats/sensitivityTables.js';
export { discoveryCsv, sobolCsv, tornadoCsv } from '../formats/sensitivityCsv.js';

/** Passes per point of a tornado when `--passes` is not given (the benchmark size). */
export const DEFAULT_TORNADO_PASSES = 20_000;

const ANALYSES = ['tornado', 'sobol', 'discover'] as const;
const FORMATS = ['json', 'table', 'csv'] as const;
/** An output format of a sensitivity analysis. */
export type SensitivityFormat = (typeof FORMATS)[number];

/**
 * `--format` of a sensitivity analysis (or of `concert merge` on its shards): json (default), table or csv.
 *
 * @throws {UsageError} for another format.
 */
export function sensitivityFormat(args: ParsedArgs): SensitivityFormat {
  return parseChoice('format', stringOption(args, 'format') ?? 'json', FORMATS);
}

/** A tornado, Sobol analysis or discovery in the chosen format; `--measure` and `--top` shape a tornado's table. */
export function renderSensitivity(result: TornadoResult | SobolResult | DiscoveryResult, format: SensitivityFormat, args: ParsedArgs, scenarioId = ''): string {
  if (format === 'json') return jsonText(JSON.stringify(result, null, 2) + '\n');
  if (result.format === 'concert-tornado') {
    if (format === 'csv') return tornadoCsv(result, scenarioId);
    const top = numberOption(args, 'top') ?? 15;
    if (!Number.isInteger(top) || top < 1) throw new UsageError(`invalid --top: ${top} (must be a whole number of at least 1)`);
    return tornadoTable(result, parseChoice('measure', stringOption(args, 'measure') ?? 'consensus', SENSITIVITY_MEASURES), top);
  }
  if (result.format === 'concert-sobol') return format === 'csv' ? sobolCsv(result, scenarioId) : sobolTable(result);
  return format === 'csv' ? discoveryCsv(result, scenarioId) : discoveryText(result);
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Merges the shard files of a tornado or a Sobol analysis (what `concert merge` does with them):
 * every file checked first, then tornado tallies added up or Sobol points concatenated; the
 * analysis's result, or with `partial` the merged partial.
 *
 * @throws {InputFailure} naming each file and what is wrong with it.
 */
export function mergeSensitivityFiles(
  files: readonly string[],
  inputs: readonly unknown[],
  partial: boolean,
): { result: TornadoResult | SobolResult; scenarioId: string } | TornadoPartial | SobolPartial {
  const format = isObject(inputs[0]) ? inputs[0]['format'] : undefined;
  const problems: Problem[] = [];
  inputs.forEach((input, k) => {
    const file = files[k]!;
    if (!isObject(input) || input['format'] !== format) {
      problems.push({ path: file, message: `must be a ${String(format)} file like ${files[0]} (shards of one analysis)`, value: isObject(input) ? input['format'] : input });
      return;
    }
    for (const field of ['manifest', 'scenario', 'settings'] as const) if (!isObject(input[field])) problems.push({ path: `${file}: ${field}`, message: 'must be an object', value: input[field] });
    const ranges = input[format === 'concert-tornado-partial' ? 'blocks' : 'points'];
    const whole = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
    if (!Array.isArray(ranges) || !ranges.every((range) => isObject(range) && whole(range['from']) && whole(range['to']) && (range['from'] as number) < (range['to'] as number)))
      problems.push({ path: `${file}: ${format === 'concert-tornado-partial' ? 'blocks' : 'points'}`, message: 'must be a list of ranges { from, to } of whole numbers with from < to', value: ranges });
    const numbers = input[format === 'concert-tornado-partial' ? 'tally' : 'values'];
    if (!Array.isArray(numbers) || !numbers.every((value) => typeof value === 'number' && Number.isFinite(value)))
      problems.push({ path: `${file}: ${format === 'concert-tornado-partial' ? 'tally' : 'values'}`, message: 'must be a list of numbers', value: Array.isArray(numbers) ? `a list of ${numbers.length} entries` : numbers });
  });
  if (problems.length > 0) throw new InputFailure('cannot merge: files are not shards of one analysis', problems, 'partial');
  const strip = (input: unknown) => {
    const { shard: _shard, ...part } = input as Record<string, unknown>;
    return part;
  };
  try {
    if (format === 'concert-tornado-partial') {
      const merged = mergeTornadoPartials(inputs.map(strip) as unknown as TornadoPartial[]);
      return partial ? merged : { result: finalizeTornadoPartial(merged), scenarioId: merged.scenario.id };
    }
    const merged = mergeSobolPartials(inputs.map(strip) as unknown as SobolPartial[]);
    return partial ? merged : { result: finalizeSobolPartial(merged), scenarioId: merged.scenario.id };
  } catch (error) {
    if (error instanceof ConcertInputError)
      throw new InputFailure(
        `cannot merge: ${error.what}`,
        error.problems.map((problem) => ({
          ...problem,
          path: problem.path.replace(/parts\[(\d+)\]\.?/g, (_, i: string) => `${files[Number(i)]}: `).replace(/: $/, ''),
          message: problem.message.replace(/parts\[(\d+)\]/g, (_, i: string) => files[Number(i)] ?? `parts[${i}]`),
        })),
        error.kind,
      );
    throw error;
  }
}

function listOption(args: ParsedArgs, name: string): string[] | undefined {
  const text = stringOption(args, name);
  return text === undefined ? undefined : text.split(',').map((part) => part.trim()).filter((part) => part !== '');
}

/** `--ranges name=lower:upper,...` as Sobol parameter ranges. */
function parseRanges(text: string): { name: string; lower: number; upper: number }[] {
  return text.split(',').map((part) => {
    const match = /^\s*([^=\s]+)\s*=\s*([^:]+):(.+)$/.exec(part);
    const lower = Number(match?.[2]);
    const upper = Number(match?.[3]);
    if (match === null || !Number.isFinite(lower) || !Number.isFinite(upper))
      throw new UsageError(`invalid --ranges entry ${JSON.stringify(part)} (must be name=lower:upper, e.g. allies.HUN.hawkishness=0.1:0.5)`);
    return { name: match[1]!, lower, upper };
  });
}

/** `--outputs option:measure,...` as Sobol outputs. */
function parseOutputs(text: string): { option: string; measure: SensitivityMeasure }[] {
  return text.split(',').map((part) => {
    const [option, measure = 'consensus'] = part.trim().split(':');
    if (option === undefined || option === '') throw new UsageError(`invalid --outputs entry ${JSON.stringify(part)} (must be option or option:measure)`);
    return { option, measure: parseChoice('outputs', measure, SENSITIVITY_MEASURES) };
  });
}

export const sensitivity: Command = {
  name: 'sensitivity',
  summary: 'which allies and assumptions decide consensus and risk (tornado, Sobol, discover)',
  options: {
    passes: { type: 'string', short: 'n' },
    ...SEED_OPTIONS,
    ...WORKERS_OPTIONS,
    step: { type: 'string' },
    parameters: { type: 'string' },
    options: { type: 'string' },
    measure: { type: 'string' },
    top: { type: 'string' },
    settings: { type: 'string' },
    ranges: { type: 'string' },
    outputs: { type: 'string' },
    samples: { type: 'string' },
    'inner-passes': { type: 'string' },
    bootstrap: { type: 'string' },
    option: { type: 'string' },
    target: { type: 'string' },
    'holdout-passes': { type: 'string' },
    'min-coverage': { type: 'string' },
    'max-conditions': { type: 'string' },
    'tree-depth': { type: 'string' },
    shard: { type: 'string' },
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    quiet: { type: 'boolean', short: 'q' },
  },
  help: `Usage: concert sensitivity <tornado|sobol|discover> <scenario.json | built-in name> [options]

Which allies and assumptions decide consensus and risk. See docs/SENSITIVITY.md.

  tornado   moves each parameter down and up by a step of its own scale (or by --step)
            and reports the change in every option's consensus, risk and viability on
            the same passes (common random numbers), with the standard error of each
            paired difference
  sobol     Sobol first-order and total indices over parameter ranges (Saltelli design,
            Jansen estimators, bootstrap intervals)
  discover  the conditions (events, sampled stances, threshold) under which an option fails,
            found by PRIM, with coverage and density

Common options:
  -s, --seed S          seed (default 1; digits make a whole-number seed; --seed=-x for a
                        seed starting with "-")
      --string-seed S   S as a string seed even when it is all digits
  -w, --workers K       worker threads for tornado and sobol, at most one per core, or "auto"
                        (default 1); --force-workers allows more
  -f, --format F        json (default), table (text; for discover: the conditions in words)
                        or csv (tidy rows: tornado, one per option, parameter and direction;
                        sobol, one per output and parameter; discover, one per condition)
  -o, --out FILE        write to FILE instead of stdout
      --shard I/N       tornado and sobol: run only shard I of N (numbered from 1) and write its
                        partial result (JSON); \`concert merge\` adds tornado shards up and
                        concatenates Sobol shards, byte-identical to the unsharded result
  -q, --quiet           no progress bar

tornado:
  -n, --passes N        passes per point (default ${DEFAULT_TORNADO_PASSES.toLocaleString('en-US')})
      --step X          move every parameter by X on its own value scale (default: each
                        parameter by a step of its own scale: an uncertain center by half
                        its uncertainty on the logit scale, a solidarity cost or the
                        maximum drift by a quarter of its value, a probability, the
                        bargaining step or a plain number by 0.1; see docs/SENSITIVITY.md)
      --parameters L    comma-separated names or selectors (default: allies.*.hawkishness,
                        allies.*.engagementPreference, allies.*.salience,
                        allies.*.solidarityCost, events.*.probability); also bargaining.step,
                        bargaining.maxDrift, signal.threshold.center
      --options L       comma-separated option ids (default: every option)
      --measure M       with --format table: consensus (default), risk or viability
      --top K           with --format table: bars per option (default 15)

sobol:
      --settings FILE   Sobol settings as JSON ({ parameters: [{ name, lower, upper }], outputs,
                        samples, innerPasses, bootstrap, confidence }); the options below
                        override its fields
      --ranges L        name=lower:upper,... e.g. allies.HUN.hawkishness=0.1:0.5
      --outputs L       option:measure,... (default: every option's consensus and risk)
      --samples N       base rows of the design (default 256; at least max(64, 4 k^2))
      --inner-passes N  passes per design point (default 2000; at least 100)
      --bootstrap B     bootstrap resamples (default 1000)

discover:
      --option ID       the option to explain (required)
      --target T        failure (default), risk or notViable
  -n, --passes N        passes the box is found on (default 20,000)
      --holdout-passes N  the run's next N passes, on which the box is checked (default: as
                        many as --passes; passes and holdout at most 200,000 together)
      --min-coverage X  the box reported is the densest covering at least X of the cases (0.5)
      --max-conditions K  most features a box restricts (default 3)
      --tree-depth D    depth of the decision tree shown beside the box (default 2; 0: none)

Exit status: 0 done, 1 invalid scenario or settings (every problem listed), 2 bad usage.

Examples:
  concert sensitivity tornado nato-russia-2025 --workers 2 --format table
  concert sensitivity sobol nato-russia-2025 --ranges allies.HUN.hawkishness=0.1:0.5,events.eastern-flank-incident.probability=0:0.4 --outputs suspend-restraints:consensus --samples 256
  concert sensitivity discover nato-russia-2025 --option dual-track --target failure --format table
  for i in 1 2; do concert sensitivity tornado nato-russia-2025 --shard "$i/2" --out "tornado-$i.json"; done; concert merge tornado-1.json tornado-2.json --format csv > tornado.csv
`,

  async execute(args, context) {
    const [analysisText, file] = expectPositionals(args, 'the analysis (tornado, sobol or discover) and the scenario file', 2);
    const analysis = parseChoice('analysis', analysisText!, ANALYSES);
    const format = sensitivityFormat(args);
    const shardText = stringOption(args, 'shard');
    const shard = shardText === undefined ? undefined : parseShard(shardText);
    if (shard !== undefined && analysis === 'discover') throw new UsageError('--shard splits a tornado or a Sobol analysis; a discovery keeps every pass in memory and runs in one piece');
    if (shard !== undefined && format !== 'json') throw new UsageError('--shard writes a partial result as JSON; merge the shards with `concert merge`, then choose --format');
    const seedGiven = stringOption(args, 'seed') !== undefined || stringOption(args, 'string-seed') !== undefined;
    const seed = seedOption(args, 1);
    const workers = workersOption(args);
    const quiet = args.values['quiet'] === true;
    const out = stringOption(args, 'out');
    const settingsFile = stringOption(args, 'settings');
    const inputs = settingsFile === undefined ? [scenarioFileOf(file!, context)] : [scenarioFileOf(file!, context), settingsFile];
    if (out !== undefined) outputTarget(out, context, inputs);
    const scenario = readValidScenario(file!, context);
    const write = (text: string) => emit(text, out, context, inputs);

    if (analysis === 'tornado') {
      const settings: TornadoSettings = { passes: numberOption(args, 'passes') ?? DEFAULT_TORNADO_PASSES, seed };
      const step = numberOption(args, 'step');
      if (step !== undefined) settings.step = step;
      const parameters = listOption(args, 'parameters');
      if (parameters !== undefined) settings.parameters = parameters;
      const options = listOption(args, 'options');
      if (options !== undefined) settings.options = options;
      const measure = parseChoice('measure', stringOption(args, 'measure') ?? 'consensus', SENSITIVITY_MEASURES);
      const top = numberOption(args, 'top') ?? 15;
      if (!Number.isInteger(top) || top < 1) throw new UsageError(`invalid --top: ${top} (must be a whole number of at least 1)`);
      const plan = prepareTornado(scenario, settings);
      const range = shard === undefined ? { from: 0, to: plan.blocks } : shardRange(plan.blocks, shard);
      const progress = progressReporter(Math.min(range.to * plan.manifest.blockSize, plan.manifest.passes) - range.from * plan.manifest.blockSize, context, quiet);
      let tally: Float64Array;
      try {
        tally = await tornadoBlocksInParallel(plan, settings, range, { workers, onProgress: (done) => progress.update(done) });
      } finally {
        progress.finish();
      }
      if (shard !== undefined) {
        write(JSON.stringify({ ...toTornadoPartial(plan, settings, range, tally), shard }) + '\n');
        return EXIT_OK;
      }
      const result: TornadoResult = summarizeTornado(plan, tally);
      write(format === 'table' ? tornadoTable(result, measure, top) : renderSensitivity(result, format, args, plan.scenario.id));
      return EXIT_OK;
    }

    if (analysis === 'sobol') {
      const base = settingsFile === undefined ? {} : readJsonFile(settingsFile, context, 'the Sobol settings');
      if (typeof base !== 'object' || base === null || Array.isArray(base))
        throw new InputFailure('invalid Sobol settings', [{ path: settingsFile!, message: 'must hold a JSON object' }], 'analysis-settings');
      const settings = { ...(base as Record<string, unknown>), seed } as Record<string, unknown>;
      if (!seedGiven && 'seed' in base) settings['seed'] = (base as Record<string, unknown>)['seed'];
      const ranges = stringOption(args, 'ranges');
      if (ranges !== undefined) settings['parameters'] = parseRanges(ranges);
      const outputs = stringOption(args, 'outputs');
      if (outputs !== undefined) settings['outputs'] = parseOutputs(outputs);
      for (const [option, field] of [['samples', 'samples'], ['inner-passes', 'innerPasses'], ['bootstrap', 'bootstrap']] as const) {
        const value = numberOption(args, option);
        if (value !== undefined) settings[field] = value;
      }
      if (settings['parameters'] === undefined) throw new UsageError('sobol needs parameter ranges: --ranges name=lower:upper,... or --settings FILE');
      // The bar counts design points (each runs --inner-passes passes).
      const plan = prepareSobol(scenario, settings as SobolSettings);
      const range = shard === undefined ? { from: 0, to: plan.manifest.points } : shardRange(plan.manifest.points, shard);
      const progress = progressReporter(range.to - range.from, context, quiet);
      let values: Float64Array;
      try {
        values = await sobolPointsInParallel(plan, settings as SobolSettings, range, { workers, onPoint: (done) => progress.update(done) });
      } finally {
        progress.finish();
      }
      if (shard !== undefined) {
        write(JSON.stringify({ ...toSobolPartial(plan, settings as SobolSettings, range, values), shard }) + '\n');
        return EXIT_OK;
      }
      const result: SobolResult = summarizeSobol(plan, values);
      write(renderSensitivity(result, format, args, plan.scenario.id));
      return EXIT_OK;
    }

    const option = stringOption(args, 'option');
    if (option === undefined) throw new UsageError('discover needs --option ID (the option whose failure to explain)');
    const settings: Record<string, unknown> = {
      passes: numberOption(args, 'passes') ?? DEFAULT_TORNADO_PASSES,
      seed,
      option,
      target: parseChoice('target', stringOption(args, 'target') ?? 'failure', DISCOVERY_TARGETS),
    };
    const holdoutPasses = numberOption(args, 'holdout-passes');
    if (holdoutPasses !== undefined) settings['holdoutPasses'] = holdoutPasses;
    const minCoverage = numberOption(args, 'min-coverage');
    if (minCoverage !== undefined) settings['minCoverage'] = minCoverage;
    const treeDepth = numberOption(args, 'tree-depth');
    if (treeDepth !== undefined) settings['treeDepth'] = treeDepth;
    const maxConditions = numberOption(args, 'max-conditions');
    if (maxConditions !== undefined) settings['maxConditions'] = maxConditions;
    const result = discoverDrivers(scenario, settings as Parameters<typeof discoverDrivers>[1]);
    write(renderSensitivity(result, format, args, (scenario as { id: string }).id));
    return EXIT_OK;
  },
};
