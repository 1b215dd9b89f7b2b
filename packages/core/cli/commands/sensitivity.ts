/**
 * `concert sensitivity`: which allies and assumptions decide consensus and risk. Three analyses:
 * `tornado` (one at a time, paired), `sobol` (variance-based indices) and `discover` (the
 * conditions under which an option fails). Tornado blocks and Sobol design points run on worker
 * threads (workers/parallelSensitivity.ts); the text tables are in formats/sensitivityTables.ts.
 */
import {
  ConcertInputError,
  discoverDrivers,
  prepareSobol,
  validateScenario,
  SENSITIVITY_MEASURES,
  DISCOVERY_TARGETS,
  type SensitivityMeasure,
  type SobolResult,
  type SobolSettings,
  type TornadoResult,
  type TornadoSettings,
} from '../../src/index.js';
import { SEED_OPTIONS, WORKERS_OPTIONS, expectPositionals, parseChoice, seedOption, stringOption, workersOption } from '../args.js';
import type { Command, ParsedArgs } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT_OK, InputFailure, UsageError } from '../exitCodes.js';
import { emit, outputTarget, readJsonFile } from '../files.js';
import { jsonText } from '../output.js';
import { discoveryText, sobolTable, tornadoTable } from '../formats/sensitivityTables.js';
import { progressReporter } from '../progress.js';
import { sobolInParallel, tornadoInParallel } from '../workers/parallelSensitivity.js';

export { sensitivityPool, sobolInParallel, tornadoInParallel } from '../workers/parallelSensitivity.js';
export { discoveryText, sobolTable, tornadoTable } from '../formats/sensitivityTables.js';

/** Passes per point of a tornado when `--passes` is not given (the benchmark size). */
export const DEFAULT_TORNADO_PASSES = 20_000;

const ANALYSES = ['tornado', 'sobol', 'discover'] as const;
const FORMATS = ['json', 'table'] as const;

function numberOption(args: ParsedArgs, name: string): number | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const value = Number(text.replaceAll('_', ''));
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`invalid --${name}: ${JSON.stringify(text)} (must be a number)`);
  return value;
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
      throw new UsageError(`invalid --ranges entry ${JSON.stringify(part)} (must be name=lower:upper, e.g. allies.HU.hawkishness=0.1:0.5)`);
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

function readScenario(file: string, context: CliContext): unknown {
  const scenario = readJsonFile(file, context, 'the scenario');
  try {
    return validateScenario(scenario);
  } catch (error) {
    if (error instanceof ConcertInputError) throw new InputFailure(`invalid scenario in ${file}`, error.problems, error.kind);
    throw error;
  }
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
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    quiet: { type: 'boolean', short: 'q' },
  },
  help: `Usage: concert sensitivity <tornado|sobol|discover> <scenario.json> [options]

Which allies and assumptions decide consensus and risk. See docs/SENSITIVITY.md.

  tornado   moves each parameter down and up by --step and reports the change in every
            option's consensus, risk and viability on the same passes (common random numbers),
            with the standard error of each paired difference
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
  -f, --format F        json (default) or table (text; for discover: the conditions in words)
  -o, --out FILE        write to FILE instead of stdout
  -q, --quiet           no progress bar

tornado:
  -n, --passes N        passes per point (default ${DEFAULT_TORNADO_PASSES.toLocaleString('en-US')})
      --step X          move on each parameter's own scale (default 0.1)
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
      --ranges L        name=lower:upper,... e.g. allies.HU.hawkishness=0.1:0.5
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
  concert sensitivity tornado examples/scenarios/nato-russia-2025.json --workers 2 --format table
  concert sensitivity sobol scenario.json --ranges allies.HU.hawkishness=0.1:0.5,events.escalation.probability=0:0.4 --outputs dual-track:consensus --samples 256
  concert sensitivity discover scenario.json --option dual-track --target failure --format table
`,

  async execute(args, context) {
    const [analysisText, file] = expectPositionals(args, 'the analysis (tornado, sobol or discover) and the scenario file', 2);
    const analysis = parseChoice('analysis', analysisText!, ANALYSES);
    const format = parseChoice('format', stringOption(args, 'format') ?? 'json', FORMATS);
    const seedGiven = stringOption(args, 'seed') !== undefined || stringOption(args, 'string-seed') !== undefined;
    const seed = seedOption(args, 1);
    const workers = workersOption(args);
    const quiet = args.values['quiet'] === true;
    const out = stringOption(args, 'out');
    const settingsFile = stringOption(args, 'settings');
    const inputs = settingsFile === undefined ? [file!] : [file!, settingsFile];
    if (out !== undefined) outputTarget(out, context, inputs);
    const scenario = readScenario(file!, context);
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
      const progress = progressReporter(Number(settings.passes), context, quiet);
      let result: TornadoResult;
      try {
        result = await tornadoInParallel(scenario, settings, { workers, onProgress: (done) => progress.update(done) });
      } finally {
        progress.finish();
      }
      write(format === 'json' ? jsonText(JSON.stringify(result, null, 2) + '\n') : tornadoTable(result, measure, top));
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
      const points = prepareSobol(scenario, settings as SobolSettings).manifest.points;
      const progress = progressReporter(points, context, quiet);
      let result: SobolResult;
      try {
        result = await sobolInParallel(scenario, settings as SobolSettings, { workers, onPoint: (done) => progress.update(done) });
      } finally {
        progress.finish();
      }
      write(format === 'json' ? jsonText(JSON.stringify(result, null, 2) + '\n') : sobolTable(result));
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
    write(format === 'json' ? jsonText(JSON.stringify(result, null, 2) + '\n') : discoveryText(result));
    return EXIT_OK;
  },
};
