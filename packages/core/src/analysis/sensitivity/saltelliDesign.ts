/**
 * Saltelli's sampling design for Sobol indices: two independent random matrices A and B of N rows
 * in the unit cube, and for each input i the matrix A_B^i, which is A with column i taken from B.
 */
import { BLOCK_SIZE } from '../../run/blocks.js';
import { blockStream, type Seed } from '../../random/random.js';

/** A Saltelli design: `(k + 2) N` points of `k` coordinates in [0, 1), row-major. */
export interface SaltelliDesign {
  /** Number of inputs k. */
  readonly parameterCount: number;
  /** Base rows N. */
  readonly samples: number;
  /**
   * Points, `k` numbers each: rows `0 .. N-1` are A, rows `N .. 2N-1` are B, and rows
   * `(2 + i) N .. (3 + i) N - 1` are A_B^i.
   */
  readonly points: Float64Array;
}

/** The index of row `row` of matrix `matrix` (0 A, 1 B, 2 + i A_B^i) among a design's points. */
export function designRow(samples: number, matrix: number, row: number): number {
  return matrix * samples + row;
}

/**
 * Builds a Saltelli design from a seed. Rows of A and B are independent uniform points (plain
 * Monte Carlo, so design rows are independent and the estimators' errors shrink as 1/sqrt(N));
 * rows `[j * 250, (j + 1) * 250)` draw from the stream of `(seed + "/saltelli", j)`, A's row then
 * B's, so the design depends on the seed alone.
 *
 * @throws {RangeError} when k or N is not a positive whole number.
 * @example
 * const design = saltelliDesign(3, 1024, 42);
 * design.points.length; // => (3 + 2) * 1024 * 3
 */
export function saltelliDesign(parameterCount: number, samples: number, seed: Seed): SaltelliDesign {
  if (!Number.isInteger(parameterCount) || parameterCount < 1 || !Number.isInteger(samples) || samples < 1)
    throw new RangeError(`saltelliDesign requires whole numbers k >= 1 and N >= 1, got k = ${parameterCount}, N = ${samples}`);
  const k = parameterCount;
  const n = samples;
  const points = new Float64Array((k + 2) * n * k);
  let stream = blockStream(`${String(seed)}/saltelli`, 0);
  for (let row = 0; row < n; row++) {
    if (row > 0 && row % BLOCK_SIZE === 0) stream = blockStream(`${String(seed)}/saltelli`, row / BLOCK_SIZE);
    const a = designRow(n, 0, row) * k;
    const b = designRow(n, 1, row) * k;
    for (let i = 0; i < k; i++) points[a + i] = stream.uniform();
    for (let i = 0; i < k; i++) points[b + i] = stream.uniform();
    for (let i = 0; i < k; i++) {
      const ab = designRow(n, 2 + i, row) * k;
      for (let c = 0; c < k; c++) points[ab + c] = c === i ? points[b + c]! : points[a + c]!;
    }
  }
  return { parameterCount: k, samples: n, points };
}
