/**
 * Calibration: choosing the protocol and fitting the global knobs of the issue-to-scenario mapping
 * on a training data set, with cross-validation by proposal inside, so that the reported accuracy
 * is out of fold. Seeded and reproducible: the same data, candidates and seed give the same file.
 *
 * 1. Every candidate model forecasts every issue with an outcome (`passes` passes per issue; each
 *    issue has its own streams, the same for every candidate: common random numbers).
 * 2. Proposals are shuffled with the seed's stream and dealt round-robin into `folds` folds.
 * 3. In each fold, on the other folds, the candidate with the lowest mean CRPS among those whose
 *    central 80% intervals contain 72-88% of the outcomes is chosen (the lowest CRPS of all when
 *    none does); the fold's issues are then forecast afresh with it (another seed,
 *    `evaluationPasses` passes) and scored: the out-of-fold forecasts.
 * 4. The same rule on all issues gives the shipped model, scored afresh in sample.
 */
import { ConcertInputError } from '../../problems.js';
import { blockStream, type Seed } from '../../random/random.js';
import { forecastSamplesProblem, pitUniform, scoreBacktest, type BacktestResult } from './backtest.js';
import type { BacktestModel, Calibration } from './calibrationFile.js';
import { scoredIssues, type Dataset, type Issue } from './dataset.js';
import { scoreSample } from './forecastScores.js';
import { forecastIssue } from './issueScenario.js';


/** Forecasts issues under a model: one sample per issue (the part a worker pool may share out). */
export type Forecaster = (issues: readonly Issue[], model: BacktestModel, passes: number, seed: Seed) => Promise<Float64Array[]>;

/** Forecasts in this thread. */
export const forecastInThread: Forecaster = async (issues, model, passes, seed) => issues.map((issue) => forecastIssue(issue, model, passes, seed));

/** Settings of {@link calibrate}. */
export interface CalibrationSettings {
  /** The seed (default 1): folds, grid passes and evaluation passes all derive from it. */
  readonly seed?: Seed;
  /** Passes per issue and candidate while searching (default 400). */
  readonly passes?: number;
  /** Passes per issue of the fresh forecasts that are scored (default 2000). */
  readonly evaluationPasses?: number;
  /** Folds by proposal (default 10). */
  readonly folds?: number;
  /** The candidate models (default {@link defaultCandidates}). */
  readonly candidates?: readonly Omit<BacktestModel, 'missingStatusQuo'>[];
  /** The SHA-256 of the data file, recorded in the calibration. */
  readonly datasetSha256?: string;
  /** Bootstrap resamples for the out-of-fold comparisons (default 2000). */
  readonly bootstrap?: number;
  /** Forecasts (default: in this thread). */
  readonly forecast?: Forecaster;
  /** Called after each candidate's grid forecasts and each fold. */
  readonly onProgress?: (step: string, done: number, total: number) => void;
}

/** The central-80% coverage a chosen candidate must have on the training folds. */
export const COVERAGE_BAND = { lower: 0.72, upper: 0.88 } as const;

/** The selection rule in words (recorded in the calibration). */
export const SELECTION_RULE =
  'lowest mean CRPS among candidates whose central 80% intervals contain 72-88% of the training outcomes (lowest CRPS of all when none does)';

const CHAIR_DEFAULT = { maxRounds: 3, step: 0.5, maxDrift: 0.15 };

/**
 * The candidate models searched by default: the compromise with and without recognition, with no
 * veto (every knob crossed) and under the Council's rules; the setter; the chair.
 */
export function defaultCandidates(): Omit<BacktestModel, 'missingStatusQuo'>[] {
  const candidates: Omit<BacktestModel, 'missingStatusQuo'>[] = [];
  const base = { protocol: 'compromise' as const, recognition: 0, influenceExponent: 1, positionUncertainty: 0, salienceUncertainty: 0, veto: false, solidarityCost: 0, chair: CHAIR_DEFAULT };
  for (const influenceExponent of [0, 0.5, 1])
    for (const salienceUncertainty of [0, 1, 2, 3])
      for (const positionUncertainty of [0, 0.05])
        for (const recognition of [0, 0.1, 0.2, 0.3])
          candidates.push({ ...base, influenceExponent, salienceUncertainty, positionUncertainty, recognition });
  for (const recognition of [0, 0.2])
    for (const solidarityCost of [0.5, 1, 2, 5])
      candidates.push({ ...base, influenceExponent: 0.5, salienceUncertainty: 2, recognition, veto: true, solidarityCost });
  for (const positionUncertainty of [0, 0.1, 0.2])
    for (const salienceUncertainty of [0, 2])
      for (const solidarityCost of [0, 0.2, 1])
        candidates.push({ ...base, protocol: 'setter', positionUncertainty, salienceUncertainty, veto: true, solidarityCost });
  for (const positionUncertainty of [0.1, 0.3])
    for (const solidarityCost of [0.2, 0.5, 1])
      for (const maxDrift of [0.15, 0.5, 1])
        candidates.push({ ...base, protocol: 'chair', positionUncertainty, salienceUncertainty: 0.5, veto: true, solidarityCost, chair: { ...CHAIR_DEFAULT, maxDrift } });
  return candidates;
}

/** The median of the status quo values a data set records (0 when it records none). */
export function medianStatusQuo(dataset: Dataset): number {
  const values = dataset.issues.flatMap((entry) => (entry.issue.statusQuo === null ? [] : [entry.issue.statusQuo])).sort((a, b) => a - b);
  if (values.length === 0) return 0;
  const n = values.length;
  return n % 2 === 1 ? values[(n - 1) / 2]! : (values[n / 2 - 1]! + values[n / 2]!) / 2;
}

/**
 * Folds by proposal: the distinct proposals, sorted, shuffled (Fisher-Yates) with the stream of
 * `(seed/folds, 0)`, dealt round-robin. Returns each issue's fold.
 *
 * @example
 * proposalFolds(['a', 'a', 'b'], 2, 1); // => the two issues of proposal a share a fold
 */
export function proposalFolds(proposals: readonly string[], folds: number, seed: Seed): number[] {
  const distinct = [...new Set(proposals)].sort();
  const stream = blockStream(`${String(seed)}/folds`, 0);
  for (let i = distinct.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(stream.uniform() * (i + 1)));
    [distinct[i], distinct[j]] = [distinct[j]!, distinct[i]!];
  }
  const foldOf = new Map(distinct.map((proposal, k) => [proposal, k % folds]));
  return proposals.map((proposal) => foldOf.get(proposal)!);
}

/** One candidate's scores on every issue: CRPS, whether the 80% interval covered the outcome, absolute error. */
export interface GridScores {
  readonly crps: Float64Array;
  readonly covered80: Uint8Array;
  readonly absoluteError: Float64Array;
}

/** The candidate chosen on `training` issues by {@link SELECTION_RULE}. */
export function selectCandidate(grid: readonly GridScores[], training: readonly number[]): { index: number; crps: number; coverage80: number; metBand: boolean } {
  const summary = grid.map((scores) => {
    let crps = 0;
    let covered = 0;
    for (const k of training) {
      crps += scores.crps[k]!;
      covered += scores.covered80[k]!;
    }
    return { crps: crps / training.length, coverage80: covered / training.length };
  });
  const inBand = (s: { coverage80: number }) => s.coverage80 >= COVERAGE_BAND.lower && s.coverage80 <= COVERAGE_BAND.upper;
  let best = -1;
  for (const pass of [true, false]) {
    summary.forEach((s, index) => {
      if (pass && !inBand(s)) return;
      if (best < 0 || s.crps < summary[best]!.crps) best = index;
    });
    if (best >= 0) break;
  }
  return { index: best, crps: summary[best]!.crps, coverage80: summary[best]!.coverage80, metBand: inBand(summary[best]!) };
}

/** What a calibration run gives: the calibration file, and the backtests behind its figures. */
export interface CalibrationRun {
  readonly calibration: Calibration;
  /** The out-of-fold forecasts, scored (each fold's issues forecast by the model chosen without them). */
  readonly outOfFold: BacktestResult;
  /** The shipped model's fresh forecasts of all issues, scored (in sample). */
  readonly inSample: BacktestResult;
  /** Each candidate's grid scores on all issues. */
  readonly candidates: readonly { readonly model: BacktestModel; readonly crps: number; readonly mae: number; readonly coverage80: number }[];
  /** Each fold's choice. */
  readonly folds: readonly { readonly fold: number; readonly issues: number; readonly model: BacktestModel; readonly trainingCrps: number; readonly trainingCoverage80: number; readonly metBand: boolean }[];
}

/**
 * Calibrates on a data set (see the module's comment for the procedure).
 *
 * @throws {ConcertInputError} when the data set has too few proposals for the folds, or the settings are invalid
 *   (passes of 10 to 1,000,000, and issues x passes at most `MAX_FORECAST_SAMPLES`).
 * @example
 * const run = await calibrate(readDeu3(text, 'deu3-train.tsv'), { seed: 1 });
 * run.calibration.model.protocol; // => 'compromise'
 */
export async function calibrate(dataset: Dataset, settings: CalibrationSettings = {}): Promise<CalibrationRun> {
  const { seed = 1, passes = 400, evaluationPasses = 2000, folds = 10, bootstrap = 2000, forecast = forecastInThread, onProgress } = settings;
  const scored = scoredIssues(dataset);
  const issues = scored.map((entry) => entry.issue);
  const proposals = issues.map((issue) => issue.proposal);
  const distinct = new Set(proposals).size;
  const problems = [];
  if (!Number.isInteger(folds) || folds < 2 || folds > distinct)
    problems.push({ path: 'folds', message: `must be a whole number from 2 to the number of proposals with an outcome (${distinct})`, value: folds });
  for (const [name, value] of [['passes', passes], ['evaluationPasses', evaluationPasses]] as const)
    if (!Number.isInteger(value) || value < 10 || value > 1_000_000) problems.push({ path: name, message: 'must be a whole number from 10 to 1000000', value });
    else {
      const tooMany = forecastSamplesProblem(issues.length, value, name);
      if (tooMany !== null) problems.push(tooMany);
    }
  if (problems.length > 0) throw new ConcertInputError('invalid calibration settings', problems, 'run-settings');
  const missingStatusQuo = medianStatusQuo(dataset);
  const candidates: BacktestModel[] = (settings.candidates ?? defaultCandidates()).map((c) => ({ ...c, missingStatusQuo }));

  // 1. The grid: every candidate on every issue, common random numbers.
  const gridSeed = `${String(seed)}/grid`;
  const grid: GridScores[] = [];
  for (const [c, model] of candidates.entries()) {
    const samples = await forecast(issues, model, passes, gridSeed);
    const crps = new Float64Array(issues.length);
    const covered80 = new Uint8Array(issues.length);
    const absoluteError = new Float64Array(issues.length);
    samples.forEach((sample, k) => {
      const score = scoreSample(sample, scored[k]!.observed, pitUniform(gridSeed, issues[k]!.id));
      crps[k] = score.crps;
      covered80[k] = score.covered[0.8] ? 1 : 0;
      absoluteError[k] = score.absoluteError;
    });
    grid.push({ crps, covered80, absoluteError });
    onProgress?.('grid', c + 1, candidates.length);
  }

  // 2-3. Cross-validation by proposal, each fold's issues forecast afresh.
  const foldOf = proposalFolds(proposals, folds, seed);
  const evaluationSeed = `${String(seed)}/evaluation`;
  const outOfFoldSamples: Float64Array[] = new Array(issues.length);
  const foldChoices: CalibrationRun['folds'][number][] = [];
  for (let f = 0; f < folds; f++) {
    const training = issues.flatMap((_, k) => (foldOf[k] === f ? [] : [k]));
    const testing = issues.flatMap((_, k) => (foldOf[k] === f ? [k] : []));
    const choice = selectCandidate(grid, training);
    const model = candidates[choice.index]!;
    const samples = await forecast(testing.map((k) => issues[k]!), model, evaluationPasses, evaluationSeed);
    testing.forEach((k, j) => (outOfFoldSamples[k] = samples[j]!));
    foldChoices.push({ fold: f, issues: testing.length, model, trainingCrps: choice.crps, trainingCoverage80: choice.coverage80, metBand: choice.metBand });
    onProgress?.('folds', f + 1, folds);
  }

  // 4. The shipped model: the same rule on all issues, scored afresh.
  const all = issues.map((_, k) => k);
  const shipped = selectCandidate(grid, all);
  const model = candidates[shipped.index]!;
  const inSampleSamples = await forecast(issues, model, evaluationPasses, evaluationSeed);
  const fittedOn = { dataset: dataset.source, sha256: settings.datasetSha256 ?? 'unknown' };
  const provisional: Calibration = { format: 'concert-calibration', version: 1, model };
  const scoreSettings = { passes: evaluationPasses, seed: evaluationSeed, bootstrap, calibration: provisional };
  const outOfFold = scoreBacktest(dataset, outOfFoldSamples, scoreSettings);
  const inSample = scoreBacktest(dataset, inSampleSamples, scoreSettings);
  const brief = (result: BacktestResult) => ({
    concert: result.scores.overall.concert,
    salienceWeightMean: result.scores.overall.baselines.salienceWeightMean,
    salienceMean: result.scores.overall.baselines.salienceMean,
    differenceFromSalienceWeightMean: result.scores.overall.differences?.salienceWeightMean ?? null,
  });
  const calibration: Calibration = {
    format: 'concert-calibration',
    version: 1,
    model,
    fitted: {
      ...fittedOn,
      issues: issues.length,
      proposals: distinct,
      seed,
      passes,
      evaluationPasses,
      folds,
      selection: SELECTION_RULE,
      candidates: candidates.length,
      shippedOnTraining: { crps: shipped.crps, coverage80: shipped.coverage80, metBand: shipped.metBand },
      foldChoices: foldChoices.map((choice) => ({ fold: choice.fold, issues: choice.issues, model: describeModel(choice.model), trainingCrps: choice.trainingCrps })),
      outOfFold: brief(outOfFold),
      inSample: brief(inSample),
    },
  };
  const mean = (values: ArrayLike<number>) => {
    let sum = 0;
    for (let k = 0; k < values.length; k++) sum += values[k]!;
    return sum / values.length;
  };
  return {
    calibration,
    outOfFold,
    inSample,
    candidates: candidates.map((candidate, c) => ({ model: candidate, crps: mean(grid[c]!.crps), mae: mean(grid[c]!.absoluteError), coverage80: mean(grid[c]!.covered80) })),
    folds: foldChoices,
  };
}

/**
 * A model's settings in a few words, e.g. `compromise, recognition 0.2, influence^0.5, salience
 * log-sd 2, no veto`.
 */
export function describeModel(model: BacktestModel): string {
  const parts: string[] = [model.protocol];
  if (model.protocol === 'compromise') parts.push(`recognition ${model.recognition}`, `influence^${model.influenceExponent}`);
  if (model.protocol === 'chair') parts.push(`${model.chair.maxRounds} rounds, step ${model.chair.step}, drift ${model.chair.maxDrift}`);
  parts.push(`position sd ${model.positionUncertainty}`, `salience log-sd ${model.salienceUncertainty}`);
  parts.push(model.veto ? `Council rules, cost ${model.solidarityCost}` : 'no veto');
  return parts.join(', ');
}
