/**
 * The yardsticks a forecast of negotiated outcomes must beat: one-line point forecasts from an
 * issue's actors. Each reads an {@link Issue} only (never the outcome). The conventions reproduce
 * the figures the literature and the DEU III README give (docs/VALIDATION.md): every actor with a
 * position takes part (the Commission and the Parliament too), a salience of 0 weighs nothing, and
 * the economic weights are used as the data set gives them.
 */
import type { Issue } from './dataset.js';

/** The names of the baselines, in the order tables list them. */
export const BASELINE_NAMES = ['salienceMean', 'salienceWeightMean', 'medianActor', 'proposer', 'statusQuo', 'midpoint'] as const;
export type BaselineName = (typeof BASELINE_NAMES)[number];

/** What each baseline is, in words. */
export const BASELINE_LABELS: Readonly<Record<BaselineName, string>> = {
  salienceMean: 'salience-weighted mean',
  salienceWeightMean: 'salience x economic-weight mean',
  medianActor: 'median actor',
  proposer: "proposer's position",
  statusQuo: 'status quo',
  midpoint: 'midpoint (50)',
};

/**
 * The weighted mean of the positions on record, with weights `salience * weight ^ exponent`
 * (exponent 0: salience alone). When every weight is 0 (no actor has a stake) it is the plain mean.
 *
 * @example
 * weightedMeanPosition(issue, 1); // the salience x economic-weight mean, the "compromise model"
 */
export function weightedMeanPosition(issue: Issue, exponent: number): number {
  let weightSum = 0;
  let sum = 0;
  let plain = 0;
  let count = 0;
  for (const actor of issue.actors) {
    if (actor.position === null) continue;
    const w = actor.salience * (exponent === 0 ? 1 : Math.pow(actor.weight, exponent));
    weightSum += w;
    sum += w * actor.position;
    plain += actor.position;
    count++;
  }
  return weightSum > 0 ? sum / weightSum : plain / count;
}

/**
 * The median of the positions on record, salience ignored (the mean of the two middle ones for an
 * even count).
 *
 * @example
 * medianPosition(issue); // => 40 for positions 0, 40, 100
 */
export function medianPosition(issue: Issue): number {
  const positions = issue.actors.flatMap((a) => (a.position === null ? [] : [a.position])).sort((a, b) => a - b);
  const n = positions.length;
  return n % 2 === 1 ? positions[(n - 1) / 2]! : (positions[n / 2 - 1]! + positions[n / 2]!) / 2;
}

/** The proposer's position, or `null` when the issue has no proposer with a position on record. */
export function proposerPosition(issue: Issue): number | null {
  return issue.actors.find((a) => a.role === 'proposer' && a.position !== null)?.position ?? null;
}

/**
 * The point forecasts of every baseline for an issue. `missingStatusQuo` stands in for a status
 * quo the data set does not record (the calibration's value, fitted on the training data), and the
 * status quo stands in for a proposal when no proposer position is on record.
 *
 * @example
 * baselineForecasts(issue, 0).midpoint; // => 50
 */
export function baselineForecasts(issue: Issue, missingStatusQuo: number): Record<BaselineName, number> {
  const statusQuo = issue.statusQuo ?? missingStatusQuo;
  return {
    salienceMean: weightedMeanPosition(issue, 0),
    salienceWeightMean: weightedMeanPosition(issue, 1),
    medianActor: medianPosition(issue),
    proposer: proposerPosition(issue) ?? statusQuo,
    statusQuo,
    midpoint: 50,
  };
}
