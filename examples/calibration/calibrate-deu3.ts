/**
 * `pnpm calibrate`: fits the backtest model on the DEU III training half
 * (examples/data/deu3/deu3-train.tsv) and writes the calibration that `concert backtest` uses by
 * default: examples/calibration/deu3.json, and the same object as a module of the core
 * (packages/core/src/analysis/backtest/deu3Calibration.ts), so the installed command has it too.
 * Seeded: run it again and both files come out byte for byte the same (tests check the two agree).
 *
 *   pnpm calibrate [--workers K]     (default 2)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { calibrate, readDeu3, sha256Hex, type CalibrationRun } from '../../packages/core/src/index.js';
import { createWorkerPool } from '../../packages/core/cli/workers/pool.js';
import { parallelForecaster } from '../../packages/core/cli/workers/parallelBacktest.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The training file, its name as recorded, and the seed of the shipped calibration. */
export const TRAINING_FILE = 'examples/data/deu3/deu3-train.tsv';
export const CALIBRATION_SEED = 1;
export const CALIBRATION_JSON = 'examples/calibration/deu3.json';
export const CALIBRATION_MODULE = 'packages/core/src/analysis/backtest/deu3Calibration.ts';

/** Runs the calibration of the DEU III training half on `workers` threads. */
export async function calibrateDeu3(workers: number, log: (line: string) => void = () => {}): Promise<CalibrationRun> {
  const text = readFileSync(root + TRAINING_FILE, 'utf8');
  const dataset = readDeu3(text, 'deu3-train.tsv');
  const pool = workers > 1 ? createWorkerPool(workers) : undefined;
  try {
    return await calibrate(dataset, {
      seed: CALIBRATION_SEED,
      datasetSha256: sha256Hex(text),
      forecast: parallelForecaster({ workers, ...(pool === undefined ? {} : { pool }) }),
      onProgress: (step, done, total) => {
        if (done === total || done % 20 === 0) log(`${step}: ${done}/${total}`);
      },
    });
  } finally {
    await pool?.destroy();
  }
}

/** The calibration as the module's source text. */
export function calibrationModule(run: CalibrationRun): string {
  return `/**
 * The default calibration of \`concert backtest\`: the backtest model fitted on the DEU III training
 * half (odd-numbered proposals) by \`pnpm calibrate\` (examples/calibration/calibrate-deu3.ts), with
 * cross-validation by proposal. Generated: do not edit; the same object is
 * examples/calibration/deu3.json (a test checks that they agree).
 */
import type { Calibration } from './calibrationFile.js';

/** The calibration fitted on the DEU III training half (examples/calibration/deu3.json). */
export const DEU3_CALIBRATION: Calibration = ${JSON.stringify(run.calibration, null, 2)};
`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const k = process.argv.indexOf('--workers');
  const workers = k > 0 ? Number(process.argv[k + 1]) : 2;
  const run = await calibrateDeu3(workers, (line) => process.stderr.write(`${line}\n`));
  writeFileSync(root + CALIBRATION_JSON, JSON.stringify(run.calibration, null, 2) + '\n');
  writeFileSync(root + CALIBRATION_MODULE, calibrationModule(run));
  process.stderr.write(`wrote ${CALIBRATION_JSON} and ${CALIBRATION_MODULE}\n`);
}
