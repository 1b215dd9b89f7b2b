/**
 * Backtests and calibration as features: reproducible from the seed (same bytes; one worker or
 * two), forecasts that never depend on the outcome column, the JSON layout the held-out check
 * reads, calibration reproducible from its seed, the committed default calibration, and the
 * command line (refusals naming file, row and column; snapshots of the help and a small table,
 * labelled as regression guards).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEU3_CALIBRATION,
  QUANTILE_KEYS,
  backtest,
  calibrate,
  defaultCandidates,
  parseCalibration,
  readDeu3,
  type BacktestResult,
} from '../../packages/core/src/index.js';
import { ROOT, runCli, temporaryDirectory } from '../cli/helpers.js';

const TRAINING = readFileSync(join(ROOT, 'examples/data/deu3/deu3-train.tsv'), 'utf8');
/** The header, the weight line and the first 24 issue rows of the training half (6 proposals). */
const SMALL = TRAINING.split('\n').slice(0, 26).join('\n') + '\n';
const directory = temporaryDirectory();
const SMALL_FILE = join(directory, 'deu3-small.tsv');
writeFileSync(SMALL_FILE, SMALL);

describe('backtest(dataset, settings)', () => {
  const dataset = readDeu3(SMALL, 'deu3-small.tsv');
  const settings = { calibration: DEU3_CALIBRATION, passes: 300, seed: 7, bootstrap: 200 };

  it('gives the same bytes for the same seed, and issues[] with id, observed, median, mean and the 19 quantiles', () => {
    const first = JSON.stringify(backtest(dataset, settings));
    expect(JSON.stringify(backtest(dataset, settings))).toBe(first);
    const result = JSON.parse(first) as BacktestResult;
    expect(result.issues.length).toBe(dataset.issues.filter((e) => e.observed !== null).length);
    const issue = result.issues[0]!;
    expect(issue.id).toBe('d00032i1');
    expect(Object.keys(issue.quantiles)).toEqual(QUANTILE_KEYS);
    for (const key of QUANTILE_KEYS) expect(issue.quantiles[key]).toBeGreaterThanOrEqual(0);
    expect(issue.quantiles['0.05']).toBeLessThanOrEqual(issue.median);
    expect(issue.median).toBeLessThanOrEqual(issue.quantiles['0.95']!);
    expect(Object.keys(result.scores.bySubset).sort()).toEqual(['procedure:CNS', 'procedure:COD', 'votingRule:qualifiedMajority', 'votingRule:unanimity'].filter((k) => k in result.scores.bySubset));
    expect(result.scores.overall.baselines.salienceWeightMean.issues).toBe(result.scores.overall.concert.issues);
  });

  it('never lets the outcome move a forecast: rewriting every outcome changes the scores, not one quantile', () => {
    const lines = SMALL.split('\n');
    const out = lines[0]!.split('\t').findIndex((c) => c.replace(/"/g, '') === 'out');
    const rewritten = lines
      .map((line, k) => {
        if (k < 2 || line === '') return line;
        const cells = line.split('\t');
        if (cells[out] !== '') cells[out] = String(100 - Number(cells[out]!.replace(/"/g, '')));
        return cells.join('\t');
      })
      .join('\n');
    const a = backtest(dataset, settings);
    const b = backtest(readDeu3(rewritten, 'deu3-small.tsv'), settings);
    expect(b.issues.map((i) => [i.median, i.mean, i.quantiles])).toEqual(a.issues.map((i) => [i.median, i.mean, i.quantiles]));
    expect(b.scores.overall.concert.crps).not.toBe(a.scores.overall.concert.crps);
  });
});

describe('concert backtest', () => {
  it('gives the same JSON with one worker or two', async () => {
    const args = ['backtest', SMALL_FILE, '--passes', '250', '--seed', '3', '--bootstrap', '100'];
    const one = await runCli([...args, '--workers', '1']);
    const two = await runCli([...args, '--workers', '2']);
    expect(one.status, one.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('refuses a malformed file, naming the file, row and column, and scores nothing', async () => {
    const bad = join(directory, 'bad.tsv');
    const lines = SMALL.split('\n');
    lines[5] = lines[5]!.replace(/\t100\t/, '\t130\t');
    writeFileSync(bad, lines.join('\n'));
    const outcome = await runCli(['backtest', bad]);
    expect(outcome.status).toBe(1);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toMatch(/bad\.tsv, row 6, column p[a-z]+: must be a position from 0 to 100, got "130"/);
  });

  it('--help matches its snapshot (regression guard)', async () => {
    const outcome = await runCli(['backtest', '--help']);
    expect(outcome.status).toBe(0);
    expect(outcome.stdout).toMatchSnapshot();
  });

  it('a small table matches its snapshot (regression guard: changes with the model or the default calibration)', async () => {
    const outcome = await runCli(['backtest', 'deu3-small.tsv', '--passes', '200', '--seed', '1', '--bootstrap', '200', '--format', 'table'], { cwd: directory });
    expect(outcome.status, outcome.stderr).toBe(0);
    expect(outcome.stdout.replace(/calibrated on .*$/m, 'calibrated on (the default calibration)')).toMatchSnapshot();
  });
});

describe('calibrate(dataset, settings)', () => {
  it('gives the same calibration for the same seed (a small grid)', async () => {
    const dataset = readDeu3(SMALL, 'deu3-small.tsv');
    const candidates = defaultCandidates().filter((c) => c.protocol === 'compromise' && !c.veto && c.positionUncertainty === 0 && c.influenceExponent === 1 && c.salienceUncertainty === 2);
    const settings = { seed: 5, passes: 60, evaluationPasses: 120, folds: 3, bootstrap: 100, candidates };
    const first = await calibrate(dataset, settings);
    const second = await calibrate(dataset, settings);
    expect(JSON.stringify(second.calibration)).toBe(JSON.stringify(first.calibration));
    expect(first.folds.length).toBe(3);
    expect(candidates.some((c) => c.recognition === first.calibration.model.recognition)).toBe(true);
  });
});

describe('the default calibration', () => {
  it('is the committed examples/calibration/deu3.json, fitted on the training half, and valid', () => {
    const file = parseCalibration(JSON.parse(readFileSync(join(ROOT, 'examples/calibration/deu3.json'), 'utf8')));
    expect(DEU3_CALIBRATION).toEqual(file);
    expect(file.fitted?.dataset).toBe('deu3-train.tsv');
    expect(file.fitted?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
