/**
 * Backtests: Concert's forecasts of real negotiated outcomes, scored against what was observed
 * and against the baselines on exactly the same issues. Every issue is forecast from its
 * {@link Issue} alone ({@link forecastIssue}); the outcome is read afterwards, to score.
 */
import { MAX_FORECAST_SAMPLES } from '../../budgets.js';
import { ConcertInputError, type Problem } from '../../problems.js';
import { blockStream, type Seed } from '../../random/random.js';
import { runSettingsProblems } from '../../run/prepare.js';
import { ENGINE_VERSION, MODEL_VERSION_2 } from '../../version.js';
import { BASELINE_LABELS, BASELINE_NAMES, baselineForecasts, type BaselineName } from './baselines.js';
import type { BacktestModel, Calibration } from './calibrationFile.js';
import { scoredIssues, type Dataset, type ObservedIssue } from './dataset.js';
import { scorePoint, scoreSample, type IssueScore } from './forecastScores.js';
import { forecastIssue } from './issueScenario.js';
import { bootstrapPlan, pairedBootstrap, type BootstrapDifference } from './pairedBootstrap.js';
import { summarizeScores, type ScoreSummary } from './scoreSummary.js';

/** Settings of a backtest. */
export interface BacktestSettings {
  /** Passes per issue (default 2000). */
  readonly passes?: number;
  /** The seed (default 1). Each issue's passes use its own streams, from this seed and its id. */
  readonly seed?: Seed;
  /** The calibration whose model is used as it is. */
  readonly calibration: Calibration;
  /** Bootstrap resamples of proposals for the paired differences (default 2000; 0: none). */
  readonly bootstrap?: number;
  /** Called after each issue is forecast. */
  readonly onIssue?: (done: number, total: number) => void;
}

/** Default passes per issue of a backtest. */
export const DEFAULT_BACKTEST_PASSES = 2000;
/** Default bootstrap resamples of a backtest. */
export const DEFAULT_BOOTSTRAP = 2000;

/** One scored issue of a backtest, all on the data set's 0-100 scale. */
export interface BacktestIssue {
  /** The data set's issue id, e.g. `d00032i1`. */
  readonly id: string;
  readonly proposal: string;
  readonly procedure: string;
  readonly votingRule: string;
  readonly observed: number;
  readonly median: number;
  readonly mean: number;
  /** The forecast's quantiles at `"0.05"`, `"0.10"`, ... `"0.95"`. */
  readonly quantiles: Readonly<Record<string, number>>;
  readonly crps: number;
  /** The randomized PIT of the outcome. */
  readonly pit: number;
  /** Each baseline's point forecast. */
  readonly baselines: Readonly<Record<BaselineName, number>>;
}

/** Scores of Concert and of each baseline over one set of issues. */
export interface ScoreTable {
  readonly concert: ScoreSummary;
  readonly baselines: Readonly<Record<BaselineName, ScoreSummary>>;
  /**
   * Concert minus each baseline on the same issues, with paired bootstrap intervals over
   * proposals: `crps` is Concert's CRPS minus the baseline's absolute error, `mae` the difference
   * of the absolute errors of the point forecasts (negative: Concert better).
   */
  readonly differences: Readonly<Record<BaselineName, { readonly crps: BootstrapDifference; readonly mae: BootstrapDifference }>> | null;
}

/** The result of a backtest. */
export interface BacktestResult {
  readonly format: 'concert-backtest';
  readonly version: 1;
  readonly manifest: {
    readonly dataset: string;
    readonly datasetFormat: 'deu3' | 'tidy';
    /** Issues in the file, and those with an outcome (scored). */
    readonly issues: number;
    readonly scored: number;
    readonly proposals: number;
    readonly passes: number;
    readonly seed: Seed;
    readonly bootstrap: number;
    readonly model: BacktestModel;
    /** What the calibration was fitted on (`null` when it says nothing). */
    readonly calibratedOn: string | null;
    readonly engineVersion: string;
    readonly modelVersion: string;
  };
  /** One per issue with an outcome, in file order. */
  readonly issues: readonly BacktestIssue[];
  /** Overall and by subset (`votingRule:unanimity`, `votingRule:qualifiedMajority`, `procedure:<name>`). */
  readonly scores: { readonly overall: ScoreTable; readonly bySubset: Readonly<Record<string, ScoreTable>> };
}

/** The uniform that randomizes an issue's PIT, from its own stream (never from the forecast's). */
export function pitUniform(seed: Seed, issueId: string): number {
  return blockStream(`${String(seed)}/${issueId}/pit`, 0).uniform();
}

/**
 * The problem with forecasting `issues` issues at `passes` passes each (named `path`), or null:
 * the samples of all of them are held at once, so issues x passes is at most
 * {@link MAX_FORECAST_SAMPLES}.
 *
 * @example
 * forecastSamplesProblem(180, 1e9, 'passes');
 * // => { path: 'passes', message: 'must be at most 277,777 for 180 issues (...)', value: 1e9 }
 */
export function forecastSamplesProblem(issues: number, passes: number, path = 'passes'): Problem | null {
  if (issues * passes <= MAX_FORECAST_SAMPLES) return null;
  const most = Math.floor(MAX_FORECAST_SAMPLES / Math.max(1, issues));
  return {
    path,
    message: `must be at most ${most.toLocaleString('en-US')} for ${issues.toLocaleString('en-US')} issues (issues x passes, the forecast samples held at once, is at most ${MAX_FORECAST_SAMPLES.toLocaleString('en-US')}: run fewer passes or a smaller data set)`,
    value: passes,
  };
}

/**
 * Checks a backtest's settings.
 *
 * @throws {ConcertInputError} (kind `run-settings`) listing every problem.
 */
export function checkBacktestSettings(settings: { passes?: unknown; seed?: unknown; bootstrap?: unknown }): void {
  const problems = runSettingsProblems({ passes: settings.passes ?? DEFAULT_BACKTEST_PASSES, seed: settings.seed ?? 1 });
  const bootstrap = settings.bootstrap ?? DEFAULT_BOOTSTRAP;
  if (typeof bootstrap !== 'number' || !Number.isInteger(bootstrap) || bootstrap < 0 || bootstrap > 100_000)
    problems.push({ path: 'bootstrap', message: 'must be a whole number from 0 to 100000', value: bootstrap });
  if (problems.length > 0) throw new ConcertInputError('invalid backtest settings', problems, 'run-settings');
}

/** Scores one forecast table over a set of entries with their per-issue scores. */
function scoreTable(
  entries: readonly number[],
  concert: readonly IssueScore[],
  baselines: Readonly<Record<BaselineName, readonly IssueScore[]>>,
  proposalOf: readonly string[],
  resamples: number,
  seed: Seed,
  subset: string,
): ScoreTable {
  const pick = (scores: readonly IssueScore[]) => entries.map((k) => scores[k]!);
  const concertScores = pick(concert);
  const baselineSummaries = Object.fromEntries(BASELINE_NAMES.map((name) => [name, summarizeScores(pick(baselines[name]))])) as Record<
    BaselineName,
    ScoreSummary
  >;
  let differences: ScoreTable['differences'] = null;
  if (resamples > 0 && entries.length > 0) {
    const proposals = [...new Set(entries.map((k) => proposalOf[k]!))];
    const index = new Map(proposals.map((p, j) => [p, j]));
    const group = entries.map((k) => index.get(proposalOf[k]!)!);
    const plan = bootstrapPlan(proposals.length, resamples, `${String(seed)}/bootstrap/${subset}`);
    const crps = concertScores.map((s) => s.crps);
    const absolute = concertScores.map((s) => s.absoluteError);
    differences = Object.fromEntries(
      BASELINE_NAMES.map((name) => {
        const other = pick(baselines[name]).map((s) => s.absoluteError);
        return [name, { crps: pairedBootstrap(crps, other, group, proposals.length, plan), mae: pairedBootstrap(absolute, other, group, proposals.length, plan) }];
      }),
    ) as ScoreTable['differences'];
  }
  return { concert: summarizeScores(concertScores), baselines: baselineSummaries, differences };
}

/**
 * Scores forecasts already made: `samples[k]` is the forecast sample of the `k`-th issue with an
 * outcome (in file order), as {@link forecastIssue} gives it. This is where the outcome is read.
 *
 * @throws {ConcertInputError} when the settings are invalid or the samples do not match the issues.
 */
export function scoreBacktest(dataset: Dataset, samples: readonly Float64Array[], settings: BacktestSettings): BacktestResult {
  checkBacktestSettings(settings);
  const { passes = DEFAULT_BACKTEST_PASSES, seed = 1, bootstrap = DEFAULT_BOOTSTRAP, calibration } = settings;
  const scored = scoredIssues(dataset);
  if (samples.length !== scored.length)
    throw new ConcertInputError('backtest samples do not match the data set', [{ path: 'samples', message: `must hold one sample per scored issue (${scored.length})`, value: samples.length }]);
  const model = calibration.model;
  const concert = scored.map((entry, k) => scoreSample(samples[k]!, entry.observed, pitUniform(seed, entry.issue.id)));
  const points = scored.map((entry) => baselineForecasts(entry.issue, model.missingStatusQuo));
  const baselines = Object.fromEntries(
    BASELINE_NAMES.map((name) => [name, scored.map((entry, k) => scorePoint(points[k]![name], entry.observed, pitUniform(seed, entry.issue.id)))]),
  ) as Record<BaselineName, IssueScore[]>;
  const proposalOf = scored.map((entry) => entry.issue.proposal);
  const all = scored.map((_, k) => k);
  const subsets = new Map<string, number[]>();
  const add = (name: string, k: number) => subsets.set(name, [...(subsets.get(name) ?? []), k]);
  scored.forEach((entry, k) => add(`votingRule:${entry.issue.votingRule}`, k));
  scored.forEach((entry, k) => add(`procedure:${entry.issue.procedure === '' ? '(none)' : entry.issue.procedure}`, k));
  const bySubset = Object.fromEntries(
    [...subsets.keys()].sort().map((name) => [name, scoreTable(subsets.get(name)!, concert, baselines, proposalOf, bootstrap, seed, name)]),
  );
  return {
    format: 'concert-backtest',
    version: 1,
    manifest: {
      dataset: dataset.source,
      datasetFormat: dataset.format,
      issues: dataset.issues.length,
      scored: scored.length,
      proposals: new Set(proposalOf).size,
      passes,
      seed,
      bootstrap,
      model,
      calibratedOn: calibration.fitted === undefined ? null : `${calibration.fitted.dataset} (sha256 ${calibration.fitted.sha256})`,
      engineVersion: ENGINE_VERSION,
      modelVersion: MODEL_VERSION_2,
    },
    issues: scored.map((entry, k) => {
      const score = concert[k]!;
      return {
        id: entry.issue.id,
        proposal: entry.issue.proposal,
        procedure: entry.issue.procedure,
        votingRule: entry.issue.votingRule,
        observed: entry.observed,
        median: score.median,
        mean: score.mean,
        quantiles: score.quantiles,
        crps: score.crps,
        pit: score.pit,
        baselines: points[k]!,
      };
    }),
    scores: { overall: scoreTable(all, concert, baselines, proposalOf, bootstrap, seed, 'overall'), bySubset },
  };
}

/**
 * Forecasts the issues with an outcome, in file order (the part a worker pool may share out:
 * each issue depends on its own seed alone).
 *
 * @example
 * const samples = forecastScoredIssues(dataset, calibration.model, 2000, 1);
 */
export function forecastScoredIssues(
  dataset: Dataset,
  model: BacktestModel,
  passes: number,
  seed: Seed,
  onIssue?: (done: number, total: number) => void,
): Float64Array[] {
  const scored: readonly ObservedIssue[] = scoredIssues(dataset);
  return scored.map((entry, k) => {
    const sample = forecastIssue(entry.issue, model, passes, seed);
    onIssue?.(k + 1, scored.length);
    return sample;
  });
}

/**
 * Backtests a calibration on a data set: forecasts every issue with an outcome from the issue
 * alone, then scores Concert and the baselines (salience-weighted mean, salience x economic-weight
 * mean, median actor, proposer's position, status quo, midpoint) on exactly those issues, overall
 * and by subset, with paired bootstrap intervals of the differences. Reproducible from the seed.
 *
 * @throws {ConcertInputError} when the settings are invalid.
 * @example
 * const result = backtest(readDeu3(text, 'deu3-train.tsv'), { calibration, passes: 2000, seed: 1 });
 * result.scores.overall.concert.crps; // => about 13.8 on the DEU III training half
 */
export function backtest(dataset: Dataset, settings: BacktestSettings): BacktestResult {
  checkBacktestSettings(settings);
  const { passes = DEFAULT_BACKTEST_PASSES, seed = 1, calibration, onIssue } = settings;
  return scoreBacktest(dataset, forecastScoredIssues(dataset, calibration.model, passes, seed, onIssue), settings);
}

/** The label of a baseline, for tables. */
export function baselineLabel(name: BaselineName): string {
  return BASELINE_LABELS[name];
}
