/**
 * Paired bootstrap intervals of a difference of mean scores between two forecasts on the same
 * issues, resampling proposals (not issues): issues of one proposal share a negotiation, so they
 * are not independent, and resampling whole proposals keeps that dependence in the interval.
 */
import { blockStream, type Seed } from '../../random/random.js';
import { quantileOfSorted } from './forecastScores.js';

/** A difference of means with its bootstrap interval. */
export interface BootstrapDifference {
  /** The difference on the issues as they are (no resampling). */
  readonly estimate: number;
  /** The 2.5% and 97.5% percentiles of the resampled differences. */
  readonly lower: number;
  readonly upper: number;
  /** The share of resamples in which the difference is below 0 (the first forecast better, for a loss). */
  readonly shareBelowZero: number;
}

/**
 * Resamples of proposals: `resamples` rows, each `proposals` proposal indices drawn uniformly with
 * replacement from the stream of `(seed, 0)`. Reuse the same plan for every comparison, so that all
 * differences are paired on the same resamples.
 *
 * @example
 * bootstrapPlan(68, 2000, 'deu3/bootstrap').length; // => 2000 * 68
 */
export function bootstrapPlan(proposals: number, resamples: number, seed: Seed): Int32Array {
  const stream = blockStream(seed, 0);
  const plan = new Int32Array(proposals * resamples);
  for (let k = 0; k < plan.length; k++) plan[k] = Math.min(proposals - 1, Math.floor(stream.uniform() * proposals));
  return plan;
}

/**
 * The paired bootstrap of `mean(first) - mean(second)` over issues grouped by proposal: `group[i]`
 * is issue `i`'s proposal index (0 .. proposals - 1); each resample takes the issues of the
 * proposals in one row of `plan` ({@link bootstrapPlan}), with repeats.
 *
 * @throws {RangeError} when the arrays differ in length or are empty.
 * @example
 * pairedBootstrap([1, 2], [2, 2], [0, 1], 2, bootstrapPlan(2, 1000, 1)).estimate; // => -0.5
 */
export function pairedBootstrap(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  group: ArrayLike<number>,
  proposals: number,
  plan: Int32Array,
): BootstrapDifference {
  const n = first.length;
  if (n === 0 || second.length !== n || group.length !== n)
    throw new RangeError(`pairedBootstrap requires equal, non-empty arrays, got ${n}, ${second.length}, ${group.length}`);
  const differenceSum = new Float64Array(proposals);
  const issueCount = new Float64Array(proposals);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const difference = first[i]! - second[i]!;
    differenceSum[group[i]!]! += difference;
    issueCount[group[i]!]! += 1;
    total += difference;
  }
  const resamples = plan.length / proposals;
  const differences = new Float64Array(resamples);
  let below = 0;
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    let count = 0;
    for (let k = r * proposals; k < (r + 1) * proposals; k++) {
      sum += differenceSum[plan[k]!]!;
      count += issueCount[plan[k]!]!;
    }
    const difference = count === 0 ? 0 : sum / count;
    differences[r] = difference;
    if (difference < 0) below++;
  }
  differences.sort();
  return {
    estimate: total / n,
    lower: quantileOfSorted(differences, 0.025),
    upper: quantileOfSorted(differences, 0.975),
    shareBelowZero: below / resamples,
  };
}
