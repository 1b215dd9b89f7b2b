/** `concert replay`: rerun a result from its manifest and embedded scenario, and compare every figure. */
import {
  ENGINE_VERSION,
  MAX_RESULT_FILE_BYTES,
  escapeControlCharacters,
  modelVersionOf,
  parseScenario,
  scenarioHash,
  resultOf,
  type SimulationResult,
} from '../../src/index.js';
import { WORKERS_HELP, WORKERS_OPTIONS, expectPositionals, workersOption } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_INVALID_INPUT, EXIT_OK, InputFailure } from '../exitCodes.js';
import { readJsonFile } from '../files.js';
import { isExperimentFile, replayExperiment } from './experiment.js';
import { progressReporter } from '../progress.js';
import { prepareRunFromFileContents } from '../runSettings.js';
import { runBlocksInParallel } from '../workers/parallelRun.js';

/** The figures compared for each option, in the order of the result. */
export const OPTION_FIGURES = [
  'name', 'proposed', 'consensus', 'firstRoundConsensus', 'risk', 'viability', 'meanRounds',
  'adoptedFirmness', 'adoptedEngagement', 'dilution', 'signal', 'allies',
] as const;

/** One compared figure: where it is and whether the stored and replayed values are equal. */
export interface FigureComparison {
  readonly figure: string;
  readonly matches: boolean;
  readonly stored: unknown;
  readonly replayed: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const asRecord = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {});

/**
 * Compares a stored result with its replay, figure by figure: the manifest, each option's figures
 * (by option id), and the convergence trace.
 */
export function compareResults(stored: unknown, replayed: SimulationResult): FigureComparison[] {
  const storedResult = asRecord(stored);
  const comparisons: FigureComparison[] = [];
  const compare = (figure: string, a: unknown, b: unknown) => comparisons.push({ figure, matches: same(a, b), stored: a, replayed: b });
  compare('manifest', storedResult['manifest'], replayed.manifest);
  const storedOptions = Array.isArray(storedResult['options']) ? (storedResult['options'] as unknown[]).map(asRecord) : [];
  for (const option of replayed.options) {
    const storedOption = storedOptions.find((candidate) => candidate['id'] === option.id);
    for (const figure of OPTION_FIGURES) compare(`${option.id}.${figure}`, storedOption?.[figure], option[figure]);
  }
  for (const storedOption of storedOptions)
    if (!replayed.options.some((option) => option.id === storedOption['id'])) compare(`${String(storedOption['id'])}`, storedOption, undefined);
  compare('convergence', storedResult['convergence'], replayed.convergence);
  return comparisons;
}

function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 70 ? `${text.slice(0, 67)}...` : text;
}

export const replay: Command = {
  name: 'replay',
  summary: 'rerun a result from its manifest and check every figure matches',
  options: { ...WORKERS_OPTIONS, quiet: { type: 'boolean', short: 'q' } },
  help: `Usage: concert replay <result.json> [options]

Reruns a result from what it carries: the embedded scenario and the manifest (seed, passes).
Prints, per option and figure, whether the replayed value matches the stored one, then a summary.
An experiment's result (JSON, or its Arrow file) is rerun from its embedded design, scenarios
and manifest, and every row compared.
A result made by another engine or model version may legitimately differ; replay says so.

Options:
${WORKERS_HELP}
                      (the replay is the same for any K)
  -q, --quiet         no progress bar
  -h, --help          this help

Exit status: 0 every figure matches, 1 a figure differs or the file is not a valid result,
2 bad usage.

Examples:
  concert replay result.json
  concert replay published/figure-3.json --workers auto
  concert replay hawks.feather --workers auto
`,

  async execute(args, context) {
    const [file] = expectPositionals(args, 'the result file (concert replay <result.json>)', 1);
    const workers = workersOption(args);
    if (isExperimentFile(file!, context)) return replayExperiment(file!, context, { workers, quiet: args.values['quiet'] === true });
    // The stored file may hold anything: what is printed from it has its control characters escaped.
    const write = (sink: { write(text: string): unknown }, text: string) => sink.write(escapeControlCharacters(text, '\n'));
    const stored = asRecord(readJsonFile(file!, context, 'the result', MAX_RESULT_FILE_BYTES));
    if (stored['format'] === 'concert-partial')
      throw new InputFailure(`cannot replay ${file}`, [{ path: 'format', message: 'must be "concert-result": this is a shard\'s partial result; merge the shards first (concert merge)', value: stored['format'] }], 'replay');
    if (stored['format'] !== 'concert-result')
      throw new InputFailure(`cannot replay ${file}`, [{ path: 'format', message: 'must be "concert-result" (a result written by concert run or merge)', value: stored['format'] }], 'replay');
    const manifest = asRecord(stored['manifest']);
    const parsed = parseScenario(stored['scenario']);
    if (!parsed.success) throw new InputFailure(`cannot replay ${file}: its embedded scenario is invalid`, parsed.problems.map((p) => ({ ...p, path: `scenario.${p.path}` })), 'scenario');
    if (scenarioHash(parsed.data) !== manifest['scenarioHash'])
      throw new InputFailure(`cannot replay ${file}`, [{ path: 'manifest.scenarioHash', message: 'must be the SHA-256 of the embedded scenario (the file was edited or corrupted)', value: manifest['scenarioHash'] }], 'replay');
    // The model version this engine gives the embedded scenario (1, or 2 when it uses model 2's fields).
    const modelVersion = modelVersionOf(parsed.data);
    if (manifest['engineVersion'] !== ENGINE_VERSION || manifest['modelVersion'] !== modelVersion)
      write(context.stderr, `concert replay: note: ${file} was made by engine ${String(manifest['engineVersion'])}, model ${String(manifest['modelVersion'])}; this is engine ${ENGINE_VERSION}, model ${modelVersion}, so figures may legitimately differ\n`);

    const prepared = prepareRunFromFileContents(file!, parsed.data, { passes: manifest['passes'], seed: manifest['seed'] });
    const progress = progressReporter(prepared.manifest.passes, context, args.values['quiet'] === true);
    let tally: Float64Array;
    try {
      tally = await runBlocksInParallel(prepared, { from: 0, to: prepared.blocks }, { workers, onProgress: (done) => progress.update(done) });
    } finally {
      progress.finish();
    }
    const replayed = resultOf(prepared, tally);
    const comparisons = compareResults(stored, replayed);
    const width = Math.max(...comparisons.map((c) => c.figure.length));
    write(context.stdout, `replay of ${escapeControlCharacters(String(file))}: scenario ${escapeControlCharacters(String(parsed.data.id))}, ${prepared.manifest.passes.toLocaleString('en-US')} passes, seed ${JSON.stringify(prepared.manifest.seed)}\n`);
    for (const c of comparisons)
      write(context.stdout, c.matches ? `  match    ${c.figure}\n` : `  DIFFERS  ${c.figure.padEnd(width)}  stored ${brief(c.stored)}  replayed ${brief(c.replayed)}\n`);
    const differing = comparisons.filter((c) => !c.matches).length;
    const identical = JSON.stringify(stored) === JSON.stringify(replayed);
    if (differing === 0 && identical) {
      write(context.stdout, `replay: all ${comparisons.length} figures match; the result is reproduced exactly\n`);
      return EXIT_OK;
    }
    write(
      context.stdout,
      differing === 0
        ? `replay: all ${comparisons.length} figures match, but the file differs elsewhere (extra or reordered fields)\n`
        : `replay: ${differing} of ${comparisons.length} figures differ\n`,
    );
    return EXIT_INVALID_INPUT;
  },
};

