/**
 * A backtest as text for a terminal (the score table, the differences from each baseline with
 * their bootstrap intervals, the subsets) and as tidy CSV (one row per issue).
 */
import { BASELINE_LABELS, BASELINE_NAMES, QUANTILE_KEYS, csvField, describeModel, escapeControlCharacters, type BacktestResult, type ScoreSummary } from '../../src/index.js';

const number = (value: number, digits = 2) => {
  const text = value.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : text;
};
const percent = (value: number) => `${(100 * value).toFixed(0)}%`;

function aligned(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd())
    .join('\n');
}

function scoreRow(name: string, summary: ScoreSummary): string[] {
  return [
    name,
    String(summary.issues),
    number(summary.mae),
    number(summary.rmse),
    number(summary.crps),
    percent(summary.coverage['0.5']),
    percent(summary.coverage['0.8']),
    percent(summary.coverage['0.95']),
    number(summary.width80, 1),
  ];
}

/**
 * The backtest as text: what was run, the scores of Concert and the baselines, Concert minus each
 * baseline with 95% bootstrap intervals, and Concert against the salience x economic-weight mean
 * by subset.
 *
 * @example
 * backtestTable(result); // => 'Backtest of deu3-train.tsv: 180 issues with an outcome ...'
 */
export function backtestTable(result: BacktestResult): string {
  const { manifest, scores } = result;
  const lines: string[] = [];
  lines.push(
    `Backtest of ${escapeControlCharacters(manifest.dataset)} (${manifest.datasetFormat}): ${manifest.scored} issues with an outcome (of ${manifest.issues}), ${manifest.proposals} proposals`,
    `${manifest.passes.toLocaleString('en-US')} passes per issue, seed ${JSON.stringify(manifest.seed)}, model ${manifest.modelVersion}, engine ${manifest.engineVersion}`,
    `model: ${describeModel(manifest.model)}; calibrated on ${escapeControlCharacters(manifest.calibratedOn ?? 'an unrecorded data set')}`,
    '',
    aligned([
      ['forecast', 'issues', 'MAE', 'RMSE', 'CRPS', 'cov50', 'cov80', 'cov95', 'width80'],
      scoreRow('Concert (median; CRPS of the distribution)', scores.overall.concert),
      ...BASELINE_NAMES.map((name) => scoreRow(BASELINE_LABELS[name], scores.overall.baselines[name])),
    ]),
  );
  const differences = scores.overall.differences;
  if (differences !== null) {
    const interval = (d: { estimate: number; lower: number; upper: number }) => `${number(d.estimate)} [${number(d.lower)}, ${number(d.upper)}]`;
    lines.push(
      '',
      `Concert minus each baseline (negative: Concert better), 95% paired bootstrap over proposals (${manifest.bootstrap} resamples):`,
      aligned([
        ['baseline', 'CRPS - its abs. error', 'MAE difference', 'share < 0'],
        ...BASELINE_NAMES.map((name) => [BASELINE_LABELS[name], interval(differences[name].crps), interval(differences[name].mae), percent(differences[name].mae.shareBelowZero)]),
      ]),
    );
  }
  lines.push(
    '',
    'By subset (Concert against the salience x economic-weight mean):',
    aligned([
      ['subset', 'issues', 'CRPS', 'MAE', 'cov80', 'weighted-mean MAE'],
      ...Object.entries(scores.bySubset).map(([name, table]) => [
        // Subsets are named by the data file's procedures: text from the input.
        escapeControlCharacters(name),
        String(table.concert.issues),
        number(table.concert.crps),
        number(table.concert.mae),
        percent(table.concert.coverage['0.8']),
        number(table.baselines.salienceWeightMean.mae),
      ]),
    ]),
    '',
    `PIT histogram (tenths of [0, 1]): ${scores.overall.concert.pitHistogram.join(' ')}`,
  );
  return lines.join('\n') + '\n';
}

/** The columns of {@link backtestCsv}. */
export const BACKTEST_CSV_COLUMNS: readonly string[] = [
  'id',
  'proposal',
  'procedure',
  'votingRule',
  'observed',
  'median',
  'mean',
  ...QUANTILE_KEYS.map((key) => `q${key}`),
  'crps',
  'pit',
  ...BASELINE_NAMES,
];

/**
 * One row per scored issue: the forecast (median, mean, the 19 quantiles), its CRPS and PIT, and
 * every baseline's point forecast.
 */
export function backtestCsv(result: BacktestResult): string {
  const rows = result.issues.map((issue) =>
    [
      issue.id,
      issue.proposal,
      issue.procedure,
      issue.votingRule,
      issue.observed,
      issue.median,
      issue.mean,
      ...QUANTILE_KEYS.map((key) => issue.quantiles[key]!),
      issue.crps,
      issue.pit,
      ...BASELINE_NAMES.map((name) => issue.baselines[name]),
    ].map(csvField).join(','),
  );
  return [BACKTEST_CSV_COLUMNS.join(','), ...rows].join('\n') + '\n';
}
