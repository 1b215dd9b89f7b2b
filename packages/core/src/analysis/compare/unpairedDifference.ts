/**
 * The difference of two probabilities estimated on independent passes, with Newcombe's interval
 * built from the two Wilson intervals (Newcombe 1998, method 10: "hybrid score").
 */
import { wilsonInterval } from '../../statistics.js';

/** A change in a probability between two independent runs. */
export interface UnpairedDifference {
  /** Second minus first probability. */
  readonly estimate: number;
  /** `sqrt(p1 (1 - p1) / n1 + p2 (1 - p2) / n2)`: the Wald standard error of the difference. */
  readonly standardError: number;
  /** Newcombe's 95% interval from the two Wilson intervals (well behaved near 0 and 1). */
  readonly lower: number;
  readonly upper: number;
}

/**
 * The difference `successes2 / trials2 - successes1 / trials1` of two independent binomial
 * estimates, with Newcombe's hybrid score interval:
 * `lower = d - sqrt((p2 - l2)^2 + (u1 - p1)^2)`, `upper = d + sqrt((u2 - p2)^2 + (p1 - l1)^2)`,
 * where `[l, u]` are the Wilson intervals.
 *
 * @throws {RangeError} when the counts are not whole numbers with 0 <= successes <= trials, trials >= 1.
 * @example
 * unpairedDifference(50, 100, 60, 100);
 * // => { estimate: 0.09999999999999998, standardError: 0.07, lower: -0.0373..., upper: 0.2321... }
 */
export function unpairedDifference(successes1: number, trials1: number, successes2: number, trials2: number): UnpairedDifference {
  if (trials1 < 1 || trials2 < 1) throw new RangeError(`unpairedDifference requires at least one trial on each side, got ${trials1} and ${trials2}`);
  const first = wilsonInterval(successes1, trials1);
  const second = wilsonInterval(successes2, trials2);
  const p1 = first.estimate;
  const p2 = second.estimate;
  const estimate = p2 - p1;
  return {
    estimate,
    standardError: Math.sqrt((p1 * (1 - p1)) / trials1 + (p2 * (1 - p2)) / trials2),
    lower: Math.max(-1, estimate - Math.sqrt((p2 - second.lower) ** 2 + (first.upper - p1) ** 2)),
    upper: Math.min(1, estimate + Math.sqrt((second.upper - p2) ** 2 + (p1 - first.lower) ** 2)),
  };
}
