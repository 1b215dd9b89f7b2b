/**
 * Sobol indices of any function of k inputs drawn uniformly from the unit cube: the design, the
 * evaluations and the estimators in one call (the model analysis and the tests' known functions
 * both go through it).
 */
import type { Seed } from '../../random/random.js';
import { saltelliDesign } from './saltelliDesign.js';
import { sobolIndices, type SobolIndices } from './sobolIndices.js';

/**
 * Sobol first-order and total indices of `fn` over the unit cube `[0, 1)^k`, from a Saltelli
 * design of `samples` base rows (`(k + 2) samples` evaluations), Jansen's estimators and
 * `bootstrap` resamples (default 1000) for intervals at `confidence` (default 0.95).
 *
 * @throws {RangeError} when a setting is out of range or `fn` returns a number that is not finite.
 * @example
 * const ishigami = (u: Float64Array) => { const x = Array.from(u, (v) => Math.PI * (2 * v - 1)); return Math.sin(x[0]) + 7 * Math.sin(x[1]) ** 2 + 0.1 * x[2] ** 4 * Math.sin(x[0]); };
 * sobolOfFunction(ishigami, 3, { samples: 8192, seed: 1 }).total[2].estimate; // => about 0.24
 */
export function sobolOfFunction(
  fn: (point: Float64Array) => number,
  parameterCount: number,
  { samples, seed, bootstrap = 1000, confidence = 0.95 }: { samples: number; seed: Seed; bootstrap?: number; confidence?: number },
): SobolIndices {
  const design = saltelliDesign(parameterCount, samples, seed);
  const k = parameterCount;
  const count = (k + 2) * samples;
  const values = new Float64Array(count);
  for (let p = 0; p < count; p++) values[p] = fn(design.points.subarray(p * k, (p + 1) * k));
  return sobolIndices(values, k, samples, { bootstrap, confidence, seed });
}
