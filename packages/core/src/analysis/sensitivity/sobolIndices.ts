/**
 * Sobol first-order and total indices from a Saltelli design's outputs, by Jansen's estimators,
 * with bootstrap confidence intervals over the design's rows.
 *
 * With `V` the output variance (over the 2N points of A and B):
 * - first order (Jansen 1999): `S_i = (V - mean_j (f(B)_j - f(A_B^i)_j)^2 / 2) / V`;
 * - total (Jansen 1999): `S_Ti = mean_j (f(A)_j - f(A_B^i)_j)^2 / 2 / V`
 * (Saltelli et al. 2010, "Variance based sensitivity analysis of model output", table 2).
 */
import { blockStream, type Seed } from '../../random/random.js';
import { designRow } from './saltelliDesign.js';

/** An index estimate with its bootstrap interval and standard error. */
export interface SobolIndex {
  readonly estimate: number;
  /** Percentile bootstrap interval at the requested confidence (equal to the estimate with no resamples). */
  readonly lower: number;
  readonly upper: number;
  /** Standard deviation of the bootstrap estimates (0 with no resamples). */
  readonly standardError: number;
}

/** The indices of one output. Indices are null when the output does not vary (V = 0): they are undefined then. */
export interface SobolIndices {
  readonly mean: number;
  readonly variance: number;
  readonly first: readonly (SobolIndex | null)[];
  readonly total: readonly (SobolIndex | null)[];
}

/** Options of {@link sobolIndices}. */
export interface SobolIndicesOptions {
  /** Bootstrap resamples of the rows; default 1000, 0 for none. */
  readonly bootstrap?: number;
  /** Confidence of the intervals; default 0.95. */
  readonly confidence?: number;
  /** Seed of the resampling; resample `b` draws from the stream of `(seed + "/bootstrap", b)`. */
  readonly seed?: Seed;
  /** Position of this output's value in each point's record of `stride` numbers; default 0 of 1. */
  readonly output?: number;
  readonly stride?: number;
}

/** Jansen's estimates on the rows `rows` (all N rows, or a bootstrap resample); writes into first/total. */
function jansen(
  values: ArrayLike<number>,
  k: number,
  n: number,
  rows: Int32Array | null,
  output: number,
  stride: number,
  first: Float64Array,
  total: Float64Array,
): { mean: number; variance: number } {
  const at = (matrix: number, row: number) => values[designRow(n, matrix, row) * stride + output]!;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const row = rows === null ? j : rows[j]!;
    sum += at(0, row) + at(1, row);
  }
  const mean = sum / (2 * n);
  let squares = 0;
  let varies = false;
  const firstValue = at(0, rows === null ? 0 : rows[0]!);
  for (let j = 0; j < n; j++) {
    const row = rows === null ? j : rows[j]!;
    const da = at(0, row) - mean;
    const db = at(1, row) - mean;
    squares += da * da + db * db;
    varies ||= at(0, row) !== firstValue || at(1, row) !== firstValue;
  }
  // Equal outputs have no variance, whatever rounding makes of their mean.
  const variance = varies ? squares / (2 * n) : 0;
  for (let i = 0; i < k; i++) {
    let firstSum = 0;
    let totalSum = 0;
    for (let j = 0; j < n; j++) {
      const row = rows === null ? j : rows[j]!;
      const ab = at(2 + i, row);
      const dFirst = at(1, row) - ab;
      const dTotal = at(0, row) - ab;
      firstSum += dFirst * dFirst;
      totalSum += dTotal * dTotal;
    }
    first[i] = (variance - firstSum / (2 * n)) / variance;
    total[i] = totalSum / (2 * n) / variance;
  }
  return { mean, variance };
}

/** The `p`-quantile of sorted numbers, interpolating between order statistics (type 7). */
function quantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * First-order and total Sobol indices of one output over a Saltelli design, with percentile
 * bootstrap intervals (the N rows are resampled with replacement; each resample keeps the rows'
 * A, B and A_B^i values together).
 *
 * @throws {RangeError} when `values` does not hold `(k + 2) N` records or a setting is out of range.
 * @example
 * const design = saltelliDesign(3, 4096, 1);
 * const values = new Float64Array(design.points.length / 3).map((_, p) => ishigami(design.points.subarray(3 * p, 3 * p + 3)));
 * sobolIndices(values, 3, 4096).first[0].estimate; // => about 0.31
 */
export function sobolIndices(values: ArrayLike<number>, parameterCount: number, samples: number, options: SobolIndicesOptions = {}): SobolIndices {
  const { bootstrap = 1000, confidence = 0.95, seed = 0, output = 0, stride = 1 } = options;
  const k = parameterCount;
  const n = samples;
  if (values.length !== (k + 2) * n * stride)
    throw new RangeError(`sobolIndices requires (k + 2) N = ${(k + 2) * n} records of ${stride}, got ${values.length} numbers`);
  if (!Number.isInteger(bootstrap) || bootstrap < 0) throw new RangeError(`sobolIndices requires a whole number of bootstrap resamples, got ${bootstrap}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`sobolIndices requires a confidence strictly between 0 and 1, got ${confidence}`);
  for (let p = 0; p < (k + 2) * n; p++)
    if (!Number.isFinite(values[p * stride + output]!)) throw new RangeError(`sobolIndices requires finite outputs, got ${values[p * stride + output]} at point ${p}`);

  const first = new Float64Array(k);
  const total = new Float64Array(k);
  const { mean, variance } = jansen(values, k, n, null, output, stride, first, total);
  if (!(variance > 0)) return { mean, variance: 0, first: Array<null>(k).fill(null), total: Array<null>(k).fill(null) };

  const bootFirst = Array.from({ length: k }, () => new Float64Array(bootstrap));
  const bootTotal = Array.from({ length: k }, () => new Float64Array(bootstrap));
  const rows = new Int32Array(n);
  const f = new Float64Array(k);
  const t = new Float64Array(k);
  let kept = 0;
  for (let b = 0; b < bootstrap; b++) {
    const stream = blockStream(`${String(seed)}/bootstrap`, b);
    for (let j = 0; j < n; j++) rows[j] = Math.floor(stream.uniform() * n);
    // A resample whose outputs happen to be all equal has no indices; it is left out.
    if (!(jansen(values, k, n, rows, output, stride, f, t).variance > 0)) continue;
    for (let i = 0; i < k; i++) {
      bootFirst[i]![kept] = f[i]!;
      bootTotal[i]![kept] = t[i]!;
    }
    kept++;
  }
  const interval = (estimate: number, boot: Float64Array): SobolIndex => {
    if (kept < 2) return { estimate, lower: estimate, upper: estimate, standardError: 0 };
    const sample = boot.slice(0, kept).sort();
    let sum = 0;
    for (const x of sample) sum += x;
    const average = sum / kept;
    let squares = 0;
    for (const x of sample) squares += (x - average) * (x - average);
    return {
      estimate,
      lower: quantileSorted(sample, (1 - confidence) / 2),
      upper: quantileSorted(sample, 1 - (1 - confidence) / 2),
      standardError: Math.sqrt(squares / (kept - 1)),
    };
  };
  return {
    mean,
    variance,
    first: Array.from(first, (estimate, i) => interval(estimate, bootFirst[i]!)),
    total: Array.from(total, (estimate, i) => interval(estimate, bootTotal[i]!)),
  };
}
