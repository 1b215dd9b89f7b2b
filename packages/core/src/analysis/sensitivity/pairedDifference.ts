/**
 * The difference of two probabilities estimated on the same passes (common random numbers), with
 * the standard error of a mean of paired differences.
 */
import { Z_95 } from '../../statistics.js';

/** A change in a probability, estimated from paired passes. */
export interface PairedDifference {
  /** Moved minus base probability. */
  readonly estimate: number;
  /**
   * Standard error of the mean of the per-pass differences (each -1, 0 or 1). Zero when no pass
   * changed its outcome: on these passes the move made no difference at all.
   */
  readonly standardError: number;
  /** 95% normal interval, `estimate -/+ 1.96 standardError`. */
  readonly lower: number;
  readonly upper: number;
  /** Passes whose outcome the move turned from no to yes (`up`) and from yes to no (`down`). */
  readonly up: number;
  readonly down: number;
}

/**
 * The paired difference from the passes whose outcome went up (0 to 1) and down (1 to 0), out of
 * `passes`. The per-pass difference `d` is 1, -1 or 0, so `sum d = up - down` and
 * `sum d^2 = up + down`, and the standard error is `sqrt((sum d^2 - passes mean^2) / (passes - 1) / passes)`.
 *
 * @throws {RangeError} when the counts are not whole numbers with up + down <= passes.
 * @example
 * pairedDifference(30, 10, 1000);
 * // => { estimate: 0.02, standardError: 0.00623..., lower: 0.0078..., upper: 0.0322..., up: 30, down: 10 }
 */
export function pairedDifference(up: number, down: number, passes: number): PairedDifference {
  if (!Number.isInteger(up) || !Number.isInteger(down) || !Number.isInteger(passes) || up < 0 || down < 0 || passes < 1 || up + down > passes)
    throw new RangeError(`pairedDifference requires whole numbers with up + down <= passes and passes >= 1, got ${up}, ${down} of ${passes}`);
  const estimate = (up - down) / passes;
  const variance = passes > 1 ? Math.max(0, (up + down - passes * estimate * estimate) / (passes - 1)) : 0;
  const standardError = Math.sqrt(variance / passes);
  return {
    estimate,
    standardError,
    lower: estimate - Z_95 * standardError,
    upper: estimate + Z_95 * standardError,
    up,
    down,
  };
}
