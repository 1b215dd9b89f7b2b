/** Interval estimates and histogram summaries used by the results. */

/** The 97.5% standard normal quantile: 95% two-sided intervals. */
export const Z_95 = 1.959963984540054;

/** A probability estimate with a confidence interval. */
export interface Estimate {
  /** The share of passes, `successes / trials`. */
  readonly estimate: number;
  /** Lower end of the 95% Wilson score interval. */
  readonly lower: number;
  /** Upper end of the 95% Wilson score interval. */
  readonly upper: number;
}

/**
 * The Wilson score interval for a binomial proportion: well behaved near 0 and 1, where the
 * normal-approximation interval is not. With no trials the interval is all of [0, 1] and the
 * estimate 0.
 *
 * @throws {RangeError} when the counts are not whole numbers with 0 <= successes <= trials.
 * @example
 * wilsonInterval(50, 100); // => { estimate: 0.5, lower: 0.4038..., upper: 0.5961... }
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Estimate {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || successes > trials)
    throw new RangeError(`wilsonInterval requires whole numbers 0 <= successes <= trials, got ${successes} of ${trials}`);
  if (trials === 0) return { estimate: 0, lower: 0, upper: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return {
    estimate: p,
    lower: successes === 0 ? 0 : Math.max(0, center - half),
    upper: successes === trials ? 1 : Math.min(1, center + half),
  };
}

/**
 * The `p`-quantile of a distribution on [0, 1] given as counts in equal bins, interpolating
 * linearly within the bin where the quantile falls. Returns null when the counts are all zero.
 *
 * @example
 * histogramQuantile([1, 1, 1, 1], 0.5); // => 0.5
 */
export function histogramQuantile(counts: ArrayLike<number>, p: number, offset = 0, bins = counts.length - offset): number | null {
  let total = 0;
  for (let k = 0; k < bins; k++) total += counts[offset + k]!;
  if (total === 0) return null;
  const target = p * total;
  let cumulative = 0;
  for (let k = 0; k < bins; k++) {
    const count = counts[offset + k]!;
    if (count > 0 && cumulative + count >= target) {
      const within = (target - cumulative) / count;
      return (k + within) / bins;
    }
    cumulative += count;
  }
  return 1;
}
