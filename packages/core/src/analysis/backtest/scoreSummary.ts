/**
 * Scores over many issues: the mean absolute and root mean squared error of the point forecast
 * (the median), the mean CRPS, the share of outcomes inside the central 50/80/95% intervals, the
 * PIT histogram, and the mean width of the 80% interval.
 */
import type { IssueScore } from './forecastScores.js';

/** Bins of the PIT histogram (each a tenth of [0, 1]). */
export const PIT_BINS = 10;

/** A forecast's scores over a set of issues. */
export interface ScoreSummary {
  /** Issues scored. */
  readonly issues: number;
  /** Mean absolute error of the median. */
  readonly mae: number;
  /** Root mean squared error of the median. */
  readonly rmse: number;
  /** Mean CRPS (equal to the MAE for a point forecast). */
  readonly crps: number;
  /** Share of outcomes inside the central intervals, by level. */
  readonly coverage: { readonly '0.5': number; readonly '0.8': number; readonly '0.95': number };
  /** How many PITs fall in each tenth of [0, 1]. */
  readonly pitHistogram: readonly number[];
  /** Mean width of the central 80% interval. */
  readonly width80: number;
}

/**
 * Summarizes per-issue scores. With no issue, every figure is 0 and `issues` says so.
 *
 * @example
 * summarizeScores([scorePoint(30, 72, 0.5), scorePoint(50, 50, 0.5)]).mae; // => 21
 */
export function summarizeScores(scores: readonly IssueScore[]): ScoreSummary {
  const n = scores.length;
  const pitHistogram = new Array<number>(PIT_BINS).fill(0);
  if (n === 0) return { issues: 0, mae: 0, rmse: 0, crps: 0, coverage: { '0.5': 0, '0.8': 0, '0.95': 0 }, pitHistogram, width80: 0 };
  let absolute = 0;
  let squared = 0;
  let crps = 0;
  let width = 0;
  const inside = [0, 0, 0];
  for (const score of scores) {
    absolute += score.absoluteError;
    squared += score.squaredError;
    crps += score.crps;
    width += score.width80;
    if (score.covered[0.5]) inside[0]!++;
    if (score.covered[0.8]) inside[1]!++;
    if (score.covered[0.95]) inside[2]!++;
    pitHistogram[Math.min(PIT_BINS - 1, Math.floor(score.pit * PIT_BINS))]!++;
  }
  return {
    issues: n,
    mae: absolute / n,
    rmse: Math.sqrt(squared / n),
    crps: crps / n,
    coverage: { '0.5': inside[0]! / n, '0.8': inside[1]! / n, '0.95': inside[2]! / n },
    pitHistogram,
    width80: width / n,
  };
}
