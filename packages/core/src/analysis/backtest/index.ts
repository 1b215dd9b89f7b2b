/**
 * Backtests of real negotiated outcomes (docs/VALIDATION.md): data sets (the DEU III layout and
 * Concert's tidy format), the issue-to-scenario mapping, scores (MAE, RMSE, CRPS, coverage, PIT,
 * paired bootstrap), the baselines, and calibration with cross-validation by proposal.
 */
export {
  SCALE_MIN,
  SCALE_MAX,
  ACTOR_ROLES,
  scoredIssues,
  type ActorRole,
  type IssueActor,
  type Quota as IssueQuota,
  type IssueRule,
  type Issue,
  type ObservedIssue,
  type Dataset,
} from './dataset.js';
export { readDelimited, dataPath, dataProblem, numberCell, type DelimitedRow } from './delimited.js';
export { readDeu3, parseDeuDate, DEU_ACTORS, DEU_REQUIRED_COLUMNS } from './deu3.js';
export { readTidy, detectDatasetFormat, TIDY_COLUMNS } from './tidy.js';
export { readDataset } from './readDataset.js';
export {
  councilRule,
  membersOn,
  DEU_MEMBER_STATES,
  VOTES_1995,
  VOTES_MAY_2004,
  VOTES_NICE,
  POPULATION_2017,
  RULE_PERIOD_STARTS,
  type CalendarDate,
} from './councilRules.js';
export {
  QUANTILE_KEYS,
  CENTRAL_INTERVALS,
  quantileOfSorted,
  crpsOfSorted,
  pitOfSorted,
  scoreSample,
  scorePoint,
  type IssueScore,
} from './forecastScores.js';
export { summarizeScores, PIT_BINS, type ScoreSummary } from './scoreSummary.js';
export { bootstrapPlan, pairedBootstrap, type BootstrapDifference } from './pairedBootstrap.js';
export {
  BASELINE_NAMES,
  BASELINE_LABELS,
  baselineForecasts,
  weightedMeanPosition,
  medianPosition,
  proposerPosition,
  type BaselineName,
} from './baselines.js';
export { BacktestModelSchema, CalibrationSchema, parseCalibration, type BacktestModel, type Calibration } from './calibrationFile.js';
export { issueScenario, issueSeed, forecastIssue } from './issueScenario.js';
export {
  backtest,
  scoreBacktest,
  forecastScoredIssues,
  checkBacktestSettings,
  forecastSamplesProblem,
  pitUniform,
  baselineLabel,
  DEFAULT_BACKTEST_PASSES,
  DEFAULT_BOOTSTRAP,
  type BacktestSettings,
  type BacktestIssue,
  type BacktestResult,
  type ScoreTable,
} from './backtest.js';
export {
  calibrate,
  defaultCandidates,
  medianStatusQuo,
  proposalFolds,
  selectCandidate,
  describeModel,
  forecastInThread,
  COVERAGE_BAND,
  SELECTION_RULE,
  type CalibrationSettings,
  type CalibrationRun,
  type Forecaster,
  type GridScores,
} from './calibrate.js';
export { DEU3_CALIBRATION } from './deu3Calibration.js';
