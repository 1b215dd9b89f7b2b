/**
 * `concert sensitivity`: which allies and assumptions decide consensus and risk. Three analyses:
 * `tornado` (one at a time, paired), `sobol` (variance-based indices) and `discover` (the
 * conditions under which an option fails). Tornado blocks and Sobol design points run on worker
 * threads; this module is also the workers' task module (its default export).
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import {
  ConcertInputError,
  discoverDrivers,
  evaluateSobolPoints,
  prepareSobol,
  prepareTornado,
  runTornadoBlocks,
  summarizeSobol,
  summarizeTornado,
  tornadoBars,
  validateScenario,
  BLOCK_SIZE,
  SENSITIVITY_MEASURES,
  DISCOVERY_TARGETS,
  type DiscoveryResult,
  type SensitivityMeasure,
  type SobolPlan,
  type SobolResult,
  type SobolSettings,
  type TornadoPlan,
  type TornadoResult,
  type TornadoSettings,
} from '../../src/index.js';
import { expectPositionals, parseChoice, parseSeed, parseWorkers, stringOption } from '../args.js';
import type { Command, ParsedArgs } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT_OK, InputFailure, UsageError } from '../exitCodes.js';
import { emit, readJsonFile } from '../files.js';
import { progressReporter } from '../progress.js';
import { readScenarioArgument } from '../scenarios.js';

/** Passes per point of a tornado when `--passes` is not given (the issue's benchmark size). */
export const DEFAULT_TORNADO_PASSES = 20_000;

/** The work one worker thread does: blocks of a tornado or points of a Sobol design. */
export type SensitivityTask =
  | { readonly kind: 'tornado'; readonly key: string; readonly scenario: unknown; readonly settings: TornadoSettings; readonly from: number; readonly to: number }
  | { readonly kind: 'sobol'; readonly key: string; readonly scenario: unknown; readonly settings: SobolSettings; readonly from: number; readonly to: number };

let cachedPlan: { key: string; plan: TornadoPlan | SobolPlan } | undefined;

/**
 * The worker threads' task (piscina calls the default export): tallies tornado blocks
 * `[from, to)` or evaluates Sobol design points `[from, to)`. The plan is built once per worker.
 */
export default function sensitivityTask(task: SensitivityTask): Float64Array {
  if (cachedPlan?.key !== task.key)
    cachedPlan = { key: task.key, plan: task.kind === 'tornado' ? prepareTornado(task.scenario, task.settings) : prepareSobol(task.scenario, task.settings) };
  const range = { from: task.from, to: task.to };
  return task.kind === 'tornado' ? runTornadoBlocks(cachedPlan.plan as TornadoPlan, range) : evaluateSobolPoints(cachedPlan.plan as SobolPlan, range);
}

/** How worker threads load this module: under tsx they need its loader (see workers/parallelRun.ts). */
function workerModule(): { filename: string; execArgv?: string[] } {
  const filename = import.meta.url;
  const extension = extname(fileURLToPath(filename));
  if (extension !== '.ts' || process.execArgv.some((arg) => arg.includes('tsx'))) return { filename };
  return { filename, execArgv: [...process.execArgv, '--import', import.meta.resolve('tsx')] };
}

/** Worker threads for sensitivity analyses, reusable across analyses (starting a thread under tsx takes seconds). */
export type SensitivityPool = Piscina<SensitivityTask, Float64Array>;

/**
 * Starts `workers` worker threads for {@link tornadoInParallel} and {@link sobolInParallel}; pass
 * it as `pool` to reuse the threads, and `destroy()` it when done.
 *
 * @example
 * const pool = sensitivityPool(2);
 * try { await tornadoInParallel(scenario, settings, { workers: 2, pool }); } finally { await pool.destroy(); }
 */
export function sensitivityPool(workers: number): SensitivityPool {
  return new Piscina<SensitivityTask, Float64Array>({ ...workerModule(), minThreads: workers, maxThreads: workers, idleTimeout: 1000 });
}

/**
 * Runs tasks over `[0, count)` in chunks on `workers` threads (of `pool` when given, else of a
 * pool started and stopped here), handing each chunk's numbers to `take`.
 */
async function runChunks(
  count: number,
  chunk: number,
  workers: number,
  pool: SensitivityPool | undefined,
  task: (from: number, to: number) => SensitivityTask,
  take: (from: number, to: number, values: Float64Array) => void,
): Promise<void> {
  const threads = Math.max(1, Math.min(workers, Math.ceil(count / chunk)));
  const threadPool = pool ?? sensitivityPool(threads);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const from = next;
      const to = Math.min(count, from + chunk);
      next = to;
      take(from, to, await threadPool.run(task(from, to)));
    }
  };
  try {
    await Promise.all(Array.from({ length: 2 * threads }, lane));
  } finally {
    if (pool === undefined) await threadPool.destroy();
  }
}

/**
 * A tornado on `workers` threads (in this thread when 1). Block tallies hold whole numbers and are
 * added, so the result is byte-identical whatever the number of workers.
 *
 * @throws {ConcertInputError} for an invalid scenario or settings.
 * @example
 * const result = await tornadoInParallel(scenario, { passes: 20_000, seed: 1 }, { workers: 2 });
 */
export async function tornadoInParallel(
  scenario: unknown,
  settings: TornadoSettings,
  { workers = 1, onProgress, pool }: { workers?: number; onProgress?: (passesDone: number) => void; pool?: SensitivityPool } = {},
): Promise<TornadoResult> {
  const plan = prepareTornado(scenario, settings);
  if (workers <= 1 || plan.blocks <= 1) {
    const tally = runTornadoBlocks(plan, { from: 0, to: plan.blocks }, { onProgress: (progress) => onProgress?.(progress.passesDone) });
    return summarizeTornado(plan, tally);
  }
  const tally = new Float64Array(plan.tallySize);
  const key = `tornado/${plan.manifest.scenarioHash}/${JSON.stringify(settings)}`;
  let passesDone = 0;
  const chunk = Math.max(1, Math.min(20, Math.ceil(plan.blocks / (workers * 8))));
  await runChunks(
    plan.blocks,
    chunk,
    workers,
    pool,
    (from, to) => ({ kind: 'tornado', key, scenario: plan.scenario, settings, from, to }),
    (from, to, part) => {
      for (let k = 0; k < tally.length; k++) tally[k]! += part[k]!;
      passesDone += Math.min(to * BLOCK_SIZE, plan.manifest.passes) - from * BLOCK_SIZE;
      onProgress?.(passesDone);
    },
  );
  return summarizeTornado(plan, tally);
}

/**
 * A Sobol analysis with its design points spread over `workers` threads (in this thread when 1).
 * Each point's inner run depends on the point alone, so the result is the same whatever the split.
 *
 * @throws {ConcertInputError} for an invalid scenario or settings.
 */
export async function sobolInParallel(
  scenario: unknown,
  settings: SobolSettings,
  { workers = 1, onPoint, pool }: { workers?: number; onPoint?: (pointsDone: number) => void; pool?: SensitivityPool } = {},
): Promise<SobolResult> {
  const plan = prepareSobol(scenario, settings);
  const points = plan.manifest.points;
  if (workers <= 1) return summarizeSobol(plan, evaluateSobolPoints(plan, { from: 0, to: points }, onPoint === undefined ? {} : { onPoint }));
  const stride = plan.outputs.length;
  const values = new Float64Array(points * stride);
  const key = `sobol/${plan.manifest.scenarioHash}/${JSON.stringify(settings)}`;
  let done = 0;
  await runChunks(
    points,
    Math.max(1, Math.min(64, Math.ceil(points / (workers * 16)))),
    workers,
    pool,
    (from, to) => ({ kind: 'sobol', key, scenario: plan.scenario, settings, from, to }),
    (from, to, part) => {
      values.set(part, from * stride);
      done += to - from;
      onPoint?.(done);
    },
  );
  return summarizeSobol(plan, values);
}

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

const signed = (x: number) => `${x >= 0 ? '+' : '-'}${Math.abs(x).toFixed(4)}`;
const fixed = (x: number, digits = 3) => x.toFixed(digits);

/** A tornado as text: per option, its base estimates and its largest bars. */
export function tornadoTable(result: TornadoResult, measure: SensitivityMeasure, top: number): string {
  const lines: string[] = [
    `Tornado: each parameter moved by ${result.manifest.step} down and up on ${result.manifest.passes.toLocaleString('en-US')} paired passes (seed ${JSON.stringify(result.manifest.seed)}); change in ${measure} ± standard error; * = clamped`,
  ];
  for (const option of result.options) {
    const base = option[measure];
    lines.push('', `${option.name} (${option.id}): ${measure} ${fixed(base.estimate)} [${fixed(base.lower)}, ${fixed(base.upper)}]`);
    const bars = tornadoBars(result, { option: option.id, measure, top });
    const width = Math.max(9, ...bars.map((bar) => bar.label.length));
    lines.push(`  ${'parameter'.padEnd(width)}  ${'base'.padStart(5)}  ${'low'.padStart(6)}  ${'change'.padStart(17)}  ${'high'.padStart(6)}  ${'change'.padStart(17)}`);
    for (const bar of bars)
      lines.push(
        `  ${bar.label.padEnd(width)}  ${fixed(bar.baseValue, 2).padStart(5)}  ${(fixed(bar.lowValue, 2) + (bar.lowClamped ? '*' : ' ')).padStart(6)}  ${`${signed(bar.low.estimate)} ± ${bar.low.standardError.toFixed(4)}`.padStart(17)}  ${(fixed(bar.highValue, 2) + (bar.highClamped ? '*' : ' ')).padStart(6)}  ${`${signed(bar.high.estimate)} ± ${bar.high.standardError.toFixed(4)}`.padStart(17)}`,
      );
  }
  return lines.join('\n') + '\n';
}

/** A Sobol analysis as text: per output, each parameter's first-order and total index with intervals. */
export function sobolTable(result: SobolResult): string {
  const { manifest } = result;
  const lines: string[] = [
    `Sobol indices: ${manifest.samples} base rows x ${manifest.parameters.length + 2} = ${manifest.points} points, ${manifest.innerPasses} passes each (seed ${JSON.stringify(manifest.seed)}); ${Math.round(manifest.confidence * 100)}% bootstrap intervals (${manifest.bootstrap} resamples)`,
  ];
  const interval = (index: { estimate: number; lower: number; upper: number } | null) =>
    index === null ? 'undefined (output constant)' : `${fixed(index.estimate)} [${fixed(index.lower)}, ${fixed(index.upper)}]`;
  for (const output of result.outputs) {
    lines.push('', `${output.option} ${output.measure}: mean ${fixed(output.mean)}, variance ${output.variance.toExponential(3)}, inner noise ${output.noiseShare === null ? 'n/a' : `${(output.noiseShare * 100).toFixed(1)}% of it`}`);
    const width = Math.max(9, ...output.indices.map((index) => index.label.length));
    lines.push(`  ${'parameter'.padEnd(width)}  ${'first order'.padEnd(24)}  total`);
    for (const index of output.indices) lines.push(`  ${index.label.padEnd(width)}  ${interval(index.first).padEnd(24)}  ${interval(index.total)}`);
  }
  return lines.join('\n') + '\n';
}

/** A discovery as text: the sentence, then the box's conditions and figures. */
export function discoveryText(result: DiscoveryResult): string {
  const { box } = result;
  if (result.cases === 0) return result.summary + '\n';
  const lines = [result.summary, ''];
  if (box.conditions.length > 0) {
    lines.push('Conditions:');
    for (const condition of box.conditions) lines.push(`  - ${condition.text}`);
  }
  lines.push(
    `Coverage ${fixed(box.coverage)} (share of the ${result.cases} cases inside), density ${fixed(box.density)} (share of the ${box.points} passes inside that are cases), mass ${fixed(box.mass)}; base rate ${fixed(result.baseRate)} over ${result.passes} passes.`,
  );
  const { holdout } = result;
  if (holdout !== null) {
    const interval = (e: { estimate: number; lower: number; upper: number }) => `${fixed(e.estimate)} [${fixed(e.lower)}, ${fixed(e.upper)}]`;
    lines.push(`On ${holdout.passes} fresh passes: coverage ${interval(holdout.coverage)}, density ${interval(holdout.density)}, mass ${interval(holdout.mass)} (95% Wilson intervals).`);
  }
  if (result.tree !== null && result.tree.length > 1) {
    lines.push('', `A decision tree of depth ${result.manifest.treeDepth} splits the passes into (densest first):`);
    for (const leaf of result.tree)
      lines.push(`  - ${leaf.text}: ${(leaf.density * 100).toFixed(0)}% of its ${leaf.points} passes (coverage ${(leaf.coverage * 100).toFixed(0)}%)`);
  }
  return lines.join('\n') + '\n';
}

function readScenario(file: string, context: CliContext): unknown {
  const scenario = readScenarioArgument(file, context);
  try {
    return validateScenario(scenario);
  } catch (error) {
    if (error instanceof ConcertInputError) throw new InputFailure(`invalid scenario in ${file}`, error.problems);
    throw error;
  }
}

export const sensitivity: Command = {
  name: 'sensitivity',
  summary: 'which allies and assumptions decide consensus and risk (tornado, Sobol, discover)',
  options: {
    passes: { type: 'string', short: 'n' },
    seed: { type: 'string', short: 's' },
    workers: { type: 'string', short: 'w' },
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
  help: `Usage: concert sensitivity <tornado|sobol|discover> <scenario.json | built-in name> [options]

Which allies and assumptions decide consensus and risk. See docs/SENSITIVITY.md.

  tornado   moves each parameter down and up by --step and reports the change in every
            option's consensus, risk and viability on the same passes (common random numbers),
            with the standard error of each paired difference
  sobol     Sobol first-order and total indices over parameter ranges (Saltelli design,
            Jansen estimators, bootstrap intervals)
  discover  the conditions (events, sampled stances, threshold) under which an option fails,
            found by PRIM, with coverage and density

Common options:
  -s, --seed S          seed (default 1; digits make a whole-number seed)
  -w, --workers K       worker threads for tornado and sobol, or "auto" (default 1)
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
`,

  async execute(args, context) {
    const [analysisText, file] = expectPositionals(args, 'the analysis (tornado, sobol or discover) and the scenario file', 2);
    const analysis = parseChoice('analysis', analysisText!, ANALYSES);
    const format = parseChoice('format', stringOption(args, 'format') ?? 'json', FORMATS);
    const seedText = stringOption(args, 'seed');
    const seed = seedText === undefined ? 1 : parseSeed(seedText);
    const workersText = stringOption(args, 'workers');
    const workers = workersText === undefined ? 1 : parseWorkers(workersText);
    const quiet = args.values['quiet'] === true;
    const scenario = readScenario(file!, context);
    const out = stringOption(args, 'out');

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
      emit(format === 'json' ? JSON.stringify(result, null, 2) + '\n' : tornadoTable(result, measure, top), out, context);
      return EXIT_OK;
    }

    if (analysis === 'sobol') {
      const settingsFile = stringOption(args, 'settings');
      const base = settingsFile === undefined ? {} : readJsonFile(settingsFile, context, 'the Sobol settings');
      if (typeof base !== 'object' || base === null || Array.isArray(base))
        throw new InputFailure('invalid Sobol settings', [{ path: settingsFile!, message: 'must hold a JSON object' }]);
      const settings = { ...(base as Record<string, unknown>), seed } as Record<string, unknown>;
      if (seedText === undefined && 'seed' in base) settings['seed'] = (base as Record<string, unknown>)['seed'];
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
      emit(format === 'json' ? JSON.stringify(result, null, 2) + '\n' : sobolTable(result), out, context);
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
    emit(format === 'json' ? JSON.stringify(result, null, 2) + '\n' : discoveryText(result), out, context);
    return EXIT_OK;
  },
};
