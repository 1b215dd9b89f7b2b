/**
 * Latin hypercube sampling (McKay, Beckman and Conover 1979): `n` points in `k` dimensions such
 * that, along every dimension, each of the `n` equal intervals [i/n, (i+1)/n) holds exactly one
 * point. Within its interval a point is uniform, and the intervals are matched across dimensions
 * by independent random permutations.
 *
 * Dimension `j` (from 0) draws from the stream of `(seed + "/latin-hypercube", j)`: first the
 * `n - 1` numbers of its permutation (Fisher-Yates, from the last position down), then one
 * position within each interval, point by point. So a dimension's column depends on the seed and
 * its index alone: adding a field to a design leaves the other fields' columns unchanged.
 */
import { blockStream, type Seed } from '../../random/random.js';

/**
 * `samples` points of a Latin hypercube in `dimensions` dimensions, row-major in [0, 1).
 *
 * @throws {RangeError} unless both are whole numbers of at least 1.
 * @example
 * const points = latinHypercube(2, 4, 1);
 * // along each axis, one point in each of [0, 0.25), [0.25, 0.5), [0.5, 0.75), [0.75, 1)
 */
export function latinHypercube(dimensions: number, samples: number, seed: Seed): Float64Array {
  if (!Number.isInteger(dimensions) || dimensions < 1 || !Number.isInteger(samples) || samples < 1)
    throw new RangeError(`latinHypercube requires whole numbers of dimensions and samples of at least 1, got ${dimensions} and ${samples}`);
  const points = new Float64Array(dimensions * samples);
  const stratum = new Int32Array(samples);
  for (let j = 0; j < dimensions; j++) {
    const stream = blockStream(`${String(seed)}/latin-hypercube`, j);
    for (let i = 0; i < samples; i++) stratum[i] = i;
    for (let i = samples - 1; i > 0; i--) {
      const k = Math.floor(stream.uniform() * (i + 1));
      const swap = stratum[i]!;
      stratum[i] = stratum[k]!;
      stratum[k] = swap;
    }
    for (let i = 0; i < samples; i++) points[i * dimensions + j] = (stratum[i]! + stream.uniform()) / samples;
  }
  return points;
}
