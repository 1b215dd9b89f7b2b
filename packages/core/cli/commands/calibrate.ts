/**
 * `concert calibrate`: choose the protocol and fit the global knobs on a training data set, with
 * cross-validation by proposal, and write the calibration file `concert backtest --calibration`
 * reads. Seeded: the same file, seed and settings give the same calibration, byte for byte,
 * whatever --workers.
 */
import { ConcertInputError, calibrate as calibrateDataset, sha256Hex } from '../../src/index.js';
import { expectPositionals, parseSeed, parseWorkers, stringOption } from '../args.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT_OK, InputFailure, UsageError } from '../exitCodes.js';
import { emit } from '../files.js';
import { createWorkerPool } from '../workers/pool.js';
import { parallelForecaster } from '../workers/parallelBacktest.js';
import { readDatasetFile } from './backtest.js';

function wholeNumber(args: ParsedArgs, name: string, fallback: number): number {
  const text = stringOption(args, name);
  if (text === undefined) return fallback;
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isInteger(value)) throw new UsageError(`invalid --${name}: ${JSON.stringify(text)} (must be a whole number)`);
  return value;
}

export const calibrate: Command = {
  name: 'calibrate',
  summary: 'fit the backtest model (protocol and knobs) on a training data set, with cross-validation',
  options: {
    seed: { type: 'string', short: 's' },
    passes: { type: 'string', short: 'n' },
    'evaluation-passes': { type: 'string' },
    folds: { type: 'string' },
    workers: { type: 'string', short: 'w' },
    layout: { type: 'string' },
    out: { type: 'string', short: 'o' },
    quiet: { type: 'boolean', short: 'q' },
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
  -s, --seed S              seed (default 1)
  -n, --passes N            passes per issue and candidate while searching (default 400)
      --evaluation-passes N passes per issue of the scored forecasts (default 2000)
      --folds K             folds by proposal (default 10)
  -w, --workers K           worker threads, or "auto" (default 1); the file does not depend on it
      --layout L            deu3 or tidy (default: told from the header)
  -o, --out FILE            write to FILE (via a temporary file) instead of stdout
  -q, --quiet               no progress on stderr
  -h, --help                this help

Exit status: 0 written, 1 invalid or unreadable data set, 2 bad usage.

Examples:
  concert calibrate deu3-train --workers 2 --out my-calibration.json
`,

  async execute(args, context) {
    const [file] = expectPositionals(args, 'the training data file (concert calibrate <data file>)', 1);
    const seedText = stringOption(args, 'seed');
    const seed = seedText === undefined ? 1 : parseSeed(seedText);
    const workersText = stringOption(args, 'workers');
    const workers = workersText === undefined ? 1 : parseWorkers(workersText);
    const layoutText = stringOption(args, 'layout');
    if (layoutText !== undefined && layoutText !== 'deu3' && layoutText !== 'tidy')
      throw new UsageError(`invalid --layout: ${JSON.stringify(layoutText)} (must be deu3 or tidy)`);
    const quiet = args.values['quiet'] === true;
    const { dataset, text } = readDatasetFile(file!, context, layoutText);
    const pool = workers > 1 ? createWorkerPool(workers) : undefined;
    try {
      const run = await calibrateDataset(dataset, {
        seed,
        passes: wholeNumber(args, 'passes', 400),
        evaluationPasses: wholeNumber(args, 'evaluation-passes', 2000),
        folds: wholeNumber(args, 'folds', 10),
        datasetSha256: sha256Hex(text),
        forecast: parallelForecaster({ workers, ...(pool === undefined ? {} : { pool }) }),
        onProgress: (step, done, total) => {
          if (!quiet && context.stderr.isTTY === true) context.stderr.write(`\r${step}: ${done}/${total}\x1b[K`);
        },
      });
      if (!quiet && context.stderr.isTTY === true) context.stderr.write('\r\x1b[K');
      emit(JSON.stringify(run.calibration, null, 2) + '\n', stringOption(args, 'out'), context);
    } catch (error) {
      if (error instanceof ConcertInputError) throw new InputFailure('invalid calibration settings', error.problems, error.kind);
      throw error;
    } finally {
      await pool?.destroy();
    }
    return EXIT_OK;
  },
};
