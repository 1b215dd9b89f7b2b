/**
 * `concert backtest`: forecast the issues of a data set of real negotiations (the DEU III layout,
 * or Concert's tidy format) with a calibration, and score the forecasts against the observed
 * outcomes and the baselines. The calibration is used as it is: nothing is fitted on the file.
 */
import {
  DEFAULT_BACKTEST_PASSES,
  DEFAULT_BOOTSTRAP,
  DEU3_CALIBRATION,
  MAX_DATASET_FILE_BYTES,
  checkBacktestSettings,
  forecastSamplesProblem,
  parseCalibration,
  readDataset,
  scoreBacktest,
  scoredIssues,
  type Calibration,
  type Dataset,
} from '../../src/index.js';
import {
  PASSES_OPTION,
  QUIET_OPTION,
  SEED_OPTIONS,
  WORKERS_HELP,
  WORKERS_OPTIONS,
  expectPositionals,
  parseChoice,
  passesOption,
  quietOption,
  seedHelp,
  seedOption,
  stringOption,
  workersOption,
} from '../args.js';
import type { Command } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT_OK, InputFailure, UsageError, rethrowAsFailure } from '../exitCodes.js';
import { outputWriter, readJsonFile, readTextFile } from '../files.js';
import { builtInFileOr } from '../scenarios.js';
import { backtestCsv, backtestTable } from '../formats/backtestTables.js';
import { prettyJson } from '../output.js';
import { progressReporter } from '../progress.js';
import { parallelForecaster } from '../workers/parallelBacktest.js';

const FORMATS = ['json', 'csv', 'table'] as const;

/**
 * Reads a data file (either layout).
 *
 * @throws {InputFailure} naming the file when it cannot be read, and every problem with its row and column.
 */
export function readDatasetFile(argument: string, context: CliContext, format?: 'deu3' | 'tidy'): { dataset: Dataset; text: string } {
  const file = builtInFileOr(argument, 'datasets', ['.tsv'], context);
  const text = readTextFile(file, context, 'the data set', MAX_DATASET_FILE_BYTES);
  try {
    return { dataset: readDataset(text, file, format), text };
  } catch (error) {
    return rethrowAsFailure(error, () => `invalid data set ${file}`);
  }
}

/** The layouts of a data file, for `--layout`. */
export const DATA_LAYOUTS = ['deu3', 'tidy'] as const;

/**
 * Checks that `passes` passes of every issue of a data set can be held at once (issues x passes
 * at most `MAX_FORECAST_SAMPLES`).
 *
 * @throws {InputFailure} naming the option, the value and the most passes this data set allows.
 */
export function checkForecastSize(file: string, issues: number, passes: number, option = '--passes'): void {
  const problem = forecastSamplesProblem(issues, passes, option);
  if (problem !== null) throw new InputFailure(`too many passes for the data set ${file}`, [problem], 'run-settings');
}

/** Reads a calibration file, or gives the default (the DEU III training calibration). */
export function readCalibrationFile(file: string | undefined, context: CliContext): Calibration {
  if (file === undefined) return DEU3_CALIBRATION;
  try {
    return parseCalibration(readJsonFile(file, context, 'the calibration'));
  } catch (error) {
    return rethrowAsFailure(error, () => `invalid calibration in ${file}`);
  }
}

export const backtest: Command = {
  name: 'backtest',
  summary: 'forecast real negotiated outcomes (DEU III or a tidy file) and score them against baselines',
  options: {
    ...PASSES_OPTION,
    ...SEED_OPTIONS,
    ...WORKERS_OPTIONS,
    calibration: { type: 'string', short: 'c' },
    bootstrap: { type: 'string' },
    layout: { type: 'string' },
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    ...QUIET_OPTION,
  },
  help: `Usage: concert backtest <data file> [options]

Forecasts every issue of a data set of real negotiations that has an observed outcome, from the
issue alone (its actors' positions, saliences and weights, its rule and status quo: never the
outcome), and scores the forecasts: MAE and RMSE of the median, CRPS of the distribution,
coverage of the central 50/80/95% intervals, the PIT histogram, and the same for the baselines
(salience-weighted mean, salience x economic-weight mean, median actor, proposer's position,
status quo, midpoint) on exactly the same issues, with paired bootstrap intervals over proposals,
overall and by subset. The data file may be \`deu3-train\`, the training half of DEU III that
ships with Concert (CC BY 4.0; cite Arregui and Perarnaud 2021). See docs/VALIDATION.md.

The data file is in the DEU III layout as published (tab-separated, line 2 the economic weights)
or in Concert's tidy format (one row per issue and actor; docs/VALIDATION.md). A file with any
problem is refused whole, every problem named by file, row and column.

Options:
  -c, --calibration FILE  the calibration to use, as it is (default: the committed DEU III
                      calibration, examples/calibration/deu3.json, fitted on the training half)
  -n, --passes N      passes per issue (default ${DEFAULT_BACKTEST_PASSES.toLocaleString('en-US')})
${seedHelp('1')}
                      (each issue has its own streams from the seed and its id)
${WORKERS_HELP}
                      (the result does not depend on the workers)
      --bootstrap B   bootstrap resamples of proposals (default ${DEFAULT_BOOTSTRAP.toLocaleString('en-US')}; 0: none)
      --layout L      deu3 or tidy (default: told from the header)
  -f, --format F      json (default): issues[] (id, observed, median, mean, the 19 quantiles
                      "0.05" ... "0.95", on the data set's 0-100 scale) and scores;
                      csv: one row per issue; table: the scores as text
  -o, --out FILE      write to FILE (via a temporary file) instead of stdout; never the data
                      file, the calibration or a read-only file
  -q, --quiet         no progress bar on stderr
  -h, --help          this help

Exit status: 0 done, 1 invalid or unreadable data set or calibration (every problem listed),
2 bad usage.

Examples:
  concert backtest deu3-train --format table
  concert backtest held-out.tsv --format json --workers 2 --out backtest.json
  concert backtest my-negotiations.csv --calibration my-calibration.json --format csv
`,

  async execute(args, context) {
    const [file] = expectPositionals(args, 'the data file (concert backtest <data file>)', 1);
    const format = parseChoice('format', stringOption(args, 'format') ?? 'json', FORMATS);
    const layoutText = stringOption(args, 'layout');
    const layout = layoutText === undefined ? undefined : parseChoice('layout', layoutText, DATA_LAYOUTS);
    const passes = passesOption(args, DEFAULT_BACKTEST_PASSES);
    const seed = seedOption(args, 1);
    const workers = workersOption(args);
    const bootstrapText = stringOption(args, 'bootstrap');
    const bootstrap = bootstrapText === undefined ? DEFAULT_BOOTSTRAP : Number(bootstrapText.replaceAll('_', ''));
    if (bootstrapText?.trim() === '' || !Number.isInteger(bootstrap) || bootstrap < 0 || bootstrap > 100_000)
      throw new UsageError(`invalid --bootstrap: ${JSON.stringify(bootstrapText)} (must be a whole number from 0 to 100000)`);
    const calibrationFile = stringOption(args, 'calibration');
    const dataFile = builtInFileOr(file!, 'datasets', ['.tsv'], context);
    const write = outputWriter(stringOption(args, 'out'), context, calibrationFile === undefined ? [dataFile] : [dataFile, calibrationFile]);
    const calibration = readCalibrationFile(calibrationFile, context);
    const settings = { passes, seed, bootstrap, calibration };
    try {
      checkBacktestSettings(settings);
    } catch (error) {
      rethrowAsFailure(error, () => 'invalid backtest settings');
    }
    const { dataset } = readDatasetFile(file!, context, layout);
    const issues = scoredIssues(dataset).map((entry) => entry.issue);
    checkForecastSize(file!, issues.length, passes);
    const progress = progressReporter(issues.length * passes, context, quietOption(args));
    let done = 0;
    let samples: Float64Array[];
    try {
      const forecast = parallelForecaster({ workers, onIssues: (count) => progress.update((done += count) * passes) });
      samples = await forecast(issues, calibration.model, passes, seed);
    } finally {
      progress.finish();
    }
    const result = scoreBacktest(dataset, samples, settings);
    write(format === 'json' ? prettyJson(result) : format === 'csv' ? backtestCsv(result) : backtestTable(result));
    return EXIT_OK;
  },
};
