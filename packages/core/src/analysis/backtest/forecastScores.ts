/**
 * Scoring one forecast against one observed outcome: the forecast is a distribution given by a
 * sample (Concert's passes) or a point (a baseline). Everything is on the data set's own scale.
 *
 * - CRPS, the continuous ranked probability score, exactly for the sample's empirical
 *   distribution: `CRPS(F, y) = E|X - y| - E|X - X'| / 2`, with X, X' drawn independently from F.
 *   For a point forecast it is the absolute error. Lower is better; it is in the units of the scale.
 * - The PIT, the probability integral transform, randomized where the forecast has an atom at the
 *   outcome: `F(y-) + v (F(y) - F(y-))` with `v` uniform on [0, 1). Under a calibrated forecast it
 *   is uniform on [0, 1].
 * - Coverage of the central 50%, 80% and 95% intervals `[q((1 - c) / 2), q((1 + c) / 2)]` (closed).
 * - Quantiles by linear interpolation between order statistics (type 7 of Hyndman and Fan).
 */

/** The 19 quantile levels of a forecast, as the keys of its `quantiles`: `"0.05"`, `"0.10"`, ... `"0.95"`. */
export const QUANTILE_KEYS: readonly string[] = Array.from({ length: 19 }, (_, k) => ((k + 1) * 0.05).toFixed(2));

/** The central intervals whose coverage is scored. */
export const CENTRAL_INTERVALS = [0.5, 0.8, 0.95] as const;

/** A forecast and how it scored against the observed outcome. */
export interface IssueScore {
  readonly observed: number;
  /** The median of the forecast: its point forecast. */
  readonly median: number;
  readonly mean: number;
  /** Quantiles at the levels {@link QUANTILE_KEYS}. */
  readonly quantiles: Readonly<Record<string, number>>;
  readonly absoluteError: number;
  readonly squaredError: number;
  readonly crps: number;
  readonly pit: number;
  /** Whether the outcome lies in the central 50%, 80% and 95% intervals (closed). */
  readonly covered: { readonly 0.5: boolean; readonly 0.8: boolean; readonly 0.95: boolean };
  /** Width of the central 80% interval. */
  readonly width80: number;
}

/**
 * The `p`-quantile of an ascending sample, interpolating linearly between order statistics.
 *
 * @throws {RangeError} for an empty sample or `p` outside [0, 1].
 * @example
 * quantileOfSorted([0, 10, 20, 30], 0.5); // => 15
 */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantileOfSorted requires at least one value');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileOfSorted requires p in [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(low + 1, n - 1);
  return sorted[low]! + (h - low) * (sorted[high]! - sorted[low]!);
}

/**
 * The CRPS of an ascending sample's empirical distribution at `y`, exactly:
 * `(1/n) sum |x_i - y| - (1/n^2) sum_i (2i - n - 1) x_(i)` (i from 1), the second term being
 * `E|X - X'| / 2` written with order statistics.
 *
 * @example
 * crpsOfSorted([30], 72); // => 42 (a point forecast: its absolute error)
 * crpsOfSorted([0, 100], 0); // => 25
 */
export function crpsOfSorted(sorted: ArrayLike<number>, y: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('crpsOfSorted requires at least one value');
  let absolute = 0;
  let spread = 0;
  for (let i = 0; i < n; i++) {
    const x = sorted[i]!;
    absolute += Math.abs(x - y);
    spread += (2 * (i + 1) - n - 1) * x;
  }
  return absolute / n - spread / (n * n);
}

/** Index of the first value of an ascending sample that is at least (or, `strict`, above) `y`. */
function firstIndexAbove(sorted: ArrayLike<number>, y: number, strict: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (strict ? sorted[middle]! <= y : sorted[middle]! < y) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The randomized PIT of `y` under an ascending sample's empirical distribution:
 * `F(y-) + v (F(y) - F(y-))`, `v` in [0, 1).
 *
 * @example
 * pitOfSorted([10, 20, 30, 40], 25, 0.5); // => 0.5
 * pitOfSorted([50], 50, 0.3); // => 0.3 (the outcome sits on the atom)
 */
export function pitOfSorted(sorted: ArrayLike<number>, y: number, v: number): number {
  const below = firstIndexAbove(sorted, y, false);
  const atOrBelow = firstIndexAbove(sorted, y, true);
  return (below + v * (atOrBelow - below)) / sorted.length;
}

/**
 * Scores a forecast sample (sorted in place) against the observed outcome `y`, with `v` the
 * uniform that randomizes the PIT.
 *
 * @example
 * scoreSample(Float64Array.of(30), 72, 0.5).crps; // => 42
 */
export function scoreSample(sample: Float64Array, y: number, v: number): IssueScore {
  const sorted = sample.sort();
  const q = (p: number) => quantileOfSorted(sorted, p);
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i]!;
  const median = q(0.5);
  const inside = (c: number) => y >= q((1 - c) / 2) && y <= q((1 + c) / 2);
  return {
    observed: y,
    median,
    mean: sum / sorted.length,
    quantiles: Object.fromEntries(QUANTILE_KEYS.map((key) => [key, q(Number(key))])),
    absoluteError: Math.abs(median - y),
    squaredError: (median - y) * (median - y),
    crps: crpsOfSorted(sorted, y),
    pit: pitOfSorted(sorted, y, v),
    covered: { 0.5: inside(0.5), 0.8: inside(0.8), 0.95: inside(0.95) },
    width80: q(0.9) - q(0.1),
  };
}

/**
 * Scores a point forecast `x` against `y`: its CRPS is its absolute error, every interval has
 * width 0, its PIT is 0, 1 or (when `x = y`) `v`.
 *
 * @example
 * scorePoint(30, 72, 0.5).crps; // => 42
 */
export function scorePoint(x: number, y: number, v: number): IssueScore {
  return scoreSample(Float64Array.of(x), y, v);
}
