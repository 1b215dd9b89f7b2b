/**
 * `concert calibrate`: choose the protocol and fit the global knobs on a training data set, with
 * cross-validation by proposal, and write the calibration file `concert backtest --calibration`
 * reads. Seeded: the same file, seed and settings give the same calibration, byte for byte,
 * whatever --workers.
 */
import { calibrate as calibrateDataset, sha256Hex } from '../../src/index.js';
import { PASSES_OPTION, QUIET_OPTION, SEED_OPTIONS, WORKERS_HELP, WORKERS_OPTIONS, expectPositionals, parseChoice, quietOption, seedHelp, seedOption, stringOption, workersOption } from '../args.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT_OK, UsageError, rethrowAsFailure } from '../exitCodes.js';
import { outputWriter } from '../files.js';
import { prettyJson } from '../output.js';
import { createWorkerPool } from '../workers/pool.js';
import { parallelForecaster } from '../workers/parallelBacktest.js';
import { builtInFileOr } from '../scenarios.js';
import { DATA_LAYOUTS, readDatasetFile } from './backtest.js';

/** A whole-number option (`_` allowed as a digit separator), or `fallback`; its range is the core's to check. */
function wholeNumber(args: ParsedArgs, name: string, fallback: number): number {
  const text = stringOption(args, name);
  if (text === undefined) return fallback;
  const value = Number(text.replaceAll('_', ''));
  if (text.trim() === '' || !Number.isSafeInteger(value)) throw new UsageError(`invalid --${name}: ${JSON.stringify(text)} (must be a whole number)`);
  return value;
}

export const calibrate: Command = {
  name: 'calibrate',
  summary: 'fit the backtest model (protocol and knobs) on a training data set, with cross-validation',
  options: {
    ...SEED_OPTIONS,
    ...PASSES_OPTION,
    'evaluation-passes': { type: 'string' },
    folds: { type: 'string' },
    ...WORKERS_OPTIONS,
    layout: { type: 'string' },
    out: { type: 'string', short: 'o' },
    ...QUIET_OPTION,
  },
  help: `Usage: concert calibrate <training data file> [options]

Chooses the bargaining protocol and fits the global knobs of the backtest model (stance
uncertainty, costs, rounds, protocol parameters) on a training data set, and writes the
calibration as JSON. Every candidate forecasts every issue; folds are drawn by proposal; in each
fold the candidate with the lowest CRPS among those whose 80% intervals contain 72-88% of the
training outcomes is chosen on the other folds and scored, afresh, on the fold: the file records
these out-of-fold scores, the choice made on all issues and its in-sample scores.
The data file may be \`deu3-train\`, the training half of DEU III that ships with Concert.
See docs/VALIDATION.md. Never run it on the data you will report accuracy on.

Options:
${seedHelp('1')}
  -n, --passes N            passes per issue and candidate while searching (default 400;
                            10 to 1e6, and issues x passes at most 5e7)
      --evaluation-passes N passes per issue of the scored forecasts (default 2000; likewise)
      --folds K             folds by proposal (default 10)
${WORKERS_HELP}
                      (the file does not depend on the workers)
      --layout L            deu3 or tidy (default: told from the header)
  -o, --out FILE            write to FILE (via a temporary file) instead of stdout; never the
                            data file or a read-only file
  -q, --quiet               no progress on stderr
  -h, --help                this help

Exit status: 0 written, 1 invalid or unreadable data set, 2 bad usage.

Examples:
  concert calibrate deu3-train --workers 2 --out my-calibration.json
`,

  async execute(args, context) {
    const [file] = expectPositionals(args, 'the training data file (concert calibrate <data file>)', 1);
    const seed = seedOption(args, 1);
    const workers = workersOption(args);
    const layoutText = stringOption(args, 'layout');
    const layout = layoutText === undefined ? undefined : parseChoice('layout', layoutText, DATA_LAYOUTS);
    const quiet = quietOption(args);
    const passes = wholeNumber(args, 'passes', 400);
    const evaluationPasses = wholeNumber(args, 'evaluation-passes', 2000);
    const folds = wholeNumber(args, 'folds', 10);
    const write = outputWriter(stringOption(args, 'out'), context, [builtInFileOr(file!, 'datasets', ['.tsv'], context)]);
    const { dataset, text } = readDatasetFile(file!, context, layout);
    const pool = workers > 1 ? createWorkerPool(workers) : undefined;
    try {
      const run = await calibrateDataset(dataset, {
        seed,
        passes,
        evaluationPasses,
        folds,
        datasetSha256: sha256Hex(text),
        forecast: parallelForecaster({ workers, ...(pool === undefined ? {} : { pool }) }),
        onProgress: (step, done, total) => {
          if (!quiet && context.stderr.isTTY === true) context.stderr.write(`\r${step}: ${done}/${total}\x1b[K`);
        },
      });
      if (!quiet && context.stderr.isTTY === true) context.stderr.write('\r\x1b[K');
      write(prettyJson(run.calibration));
    } catch (error) {
      return rethrowAsFailure(error, (what) => (what === 'invalid calibration settings' ? 'invalid calibration settings' : `${what} (calibrating on ${file})`));
    } finally {
      await pool?.destroy();
    }
    return EXIT_OK;
  },
};
