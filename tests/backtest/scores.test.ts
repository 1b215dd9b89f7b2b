/**
 * The scorers on toy cases with known answers: CRPS (exact for a sample, the absolute error for a
 * point, the closed form of a normal within the Monte Carlo error), quantiles, the randomized PIT
 * (uniform under a correct forecast, atoms included), coverage, the summary and the paired
 * bootstrap by proposal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  QUANTILE_KEYS,
  blockStream,
  bootstrapPlan,
  crpsOfSorted,
  pairedBootstrap,
  pitOfSorted,
  quantileOfSorted,
  scorePoint,
  scoreSample,
  summarizeScores,
} from '../../packages/core/src/index.js';

/** The standard normal distribution function, by the erfc fit of Numerical Recipes (|error| < 1.2e-7, ample here). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? 1 - 0.5 * r : 0.5 * r;
}
const normalPdf = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

describe('crpsOfSorted(sample, y)', () => {
  it('is the absolute error for a point forecast, and 25 for {0, 100} at 0', () => {
    expect(crpsOfSorted([30], 72)).toBe(42);
    expect(crpsOfSorted(new Float64Array(1000).fill(30), 72)).toBeCloseTo(42, 12);
    expect(crpsOfSorted([0, 100], 0)).toBe(25);
    expect(scorePoint(30, 72, 0.5).crps).toBe(42);
  });

  it('equals E|X - y| - E|X - X\'| / 2 computed over all pairs (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 }), fc.double({ min: 0, max: 100, noNaN: true }), (xs, y) => {
        const sorted = Float64Array.from(xs).sort();
        let first = 0;
        let pairs = 0;
        for (const a of xs) {
          first += Math.abs(a - y);
          for (const b of xs) pairs += Math.abs(a - b);
        }
        const direct = first / xs.length - pairs / (2 * xs.length * xs.length);
        expect(crpsOfSorted(sorted, y)).toBeCloseTo(direct, 9);
      }),
    );
  });

  it('of a normal sample matches the closed form sigma (z (2 Phi(z) - 1) + 2 phi(z) - 1 / sqrt(pi)) within 4 Monte Carlo standard errors', () => {
    const stream = blockStream('crps-normal', 0);
    const mu = 10;
    const sigma = 5;
    const y = 17;
    const n = 20_000;
    const sample = Float64Array.from({ length: n }, () => mu + sigma * stream.normal()).sort();
    const z = (y - mu) / sigma;
    const exact = sigma * (z * (2 * normalCdf(z) - 1) + 2 * normalPdf(z) - 1 / Math.sqrt(Math.PI));
    // The standard error of the sample CRPS, taken as twice that of its first term E|X - y|
    // (the second term, E|X - X'| / 2, varies about as much and is positively correlated with it).
    let absolute = 0;
    let squares = 0;
    for (const x of sample) {
      absolute += Math.abs(x - y);
      squares += (x - y) * (x - y);
    }
    const se = Math.sqrt((squares / n - (absolute / n) ** 2) / n) * 2;
    expect(Math.abs(crpsOfSorted(sample, y) - exact)).toBeLessThan(4 * se);
  });
});

describe('quantileOfSorted(sample, p) and scoreSample(sample, y, v)', () => {
  it('interpolates between order statistics, and gives the 19 keys "0.05" ... "0.95"', () => {
    expect(quantileOfSorted([0, 10, 20, 30], 0.5)).toBe(15);
    expect(quantileOfSorted([0, 10, 20, 30], 0)).toBe(0);
    expect(quantileOfSorted([0, 10, 20, 30], 1)).toBe(30);
    expect(QUANTILE_KEYS).toEqual(['0.05', '0.10', '0.15', '0.20', '0.25', '0.30', '0.35', '0.40', '0.45', '0.50', '0.55', '0.60', '0.65', '0.70', '0.75', '0.80', '0.85', '0.90', '0.95']);
    const score = scoreSample(Float64Array.from({ length: 101 }, (_, k) => k), 92, 0.5);
    expect(score.quantiles['0.10']).toBe(10);
    expect(score.quantiles['0.95']).toBe(95);
    expect(score.median).toBe(50);
    expect(score.covered).toEqual({ 0.5: false, 0.8: false, 0.95: true });
    expect(score.width80).toBe(80);
  });

  it('a point forecast covers only an exact hit', () => {
    expect(scorePoint(50, 50, 0.5).covered).toEqual({ 0.5: true, 0.8: true, 0.95: true });
    expect(scorePoint(50, 51, 0.5).covered).toEqual({ 0.5: false, 0.8: false, 0.95: false });
  });
});

describe('pitOfSorted(sample, y, v)', () => {
  it('is F(y-) + v (F(y) - F(y-)): randomized on an atom', () => {
    expect(pitOfSorted([10, 20, 30, 40], 25, 0.5)).toBe(0.5);
    expect(pitOfSorted([50], 50, 0.3)).toBe(0.3);
    expect(pitOfSorted([0, 0, 100, 100], 0, 0.5)).toBe(0.25);
    expect(pitOfSorted([0, 0, 100, 100], 100, 0)).toBe(0.5);
  });

  it('is uniform when outcomes come from the forecast itself, atoms included (chi-square, 9 df, below its 99.9th percentile 27.9)', () => {
    const stream = blockStream('pit-uniform', 0);
    const draw = () => (stream.uniform() < 0.3 ? 0 : stream.uniform() < 0.2 ? 100 : 100 * stream.uniform());
    const forecast = Float64Array.from({ length: 4000 }, draw).sort();
    const counts = new Array(10).fill(0);
    const trials = 5000;
    for (let k = 0; k < trials; k++) counts[Math.min(9, Math.floor(pitOfSorted(forecast, draw(), stream.uniform()) * 10))]++;
    const chi2 = counts.reduce((t, c) => t + (c - trials / 10) ** 2 / (trials / 10), 0);
    expect(chi2).toBeLessThan(27.9);
  });
});

describe('summarizeScores(scores)', () => {
  it('averages errors and CRPS, counts coverage and PIT bins', () => {
    const summary = summarizeScores([scorePoint(30, 72, 0.5), scorePoint(50, 50, 0.55)]);
    expect(summary).toMatchObject({ issues: 2, mae: 21, crps: 21, coverage: { '0.5': 0.5, '0.8': 0.5, '0.95': 0.5 } });
    expect(summary.rmse).toBeCloseTo(Math.sqrt((42 * 42) / 2), 12);
    expect(summary.pitHistogram).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
  });
});

describe('pairedBootstrap(first, second, group, proposals, plan)', () => {
  it('gives the difference of means, an interval around it, and resamples whole proposals', () => {
    const first = [1, 1, 3, 3];
    const second = [2, 2, 2, 2];
    const plan = bootstrapPlan(2, 4000, 'boot');
    const difference = pairedBootstrap(first, second, [0, 0, 1, 1], 2, plan);
    expect(difference.estimate).toBe(0);
    // Resampling the two proposals: the mean difference is -1, 0 or +1 with probabilities 1/4, 1/2, 1/4.
    expect(difference.lower).toBe(-1);
    expect(difference.upper).toBe(1);
    expect(Math.abs(difference.shareBelowZero - 0.25)).toBeLessThan(5 * Math.sqrt((0.25 * 0.75) / 4000));
  });

  it('gives the same numbers for the same plan (seeded) and refuses mismatched arrays', () => {
    const a = pairedBootstrap([1, 2, 3], [1, 1, 1], [0, 1, 2], 3, bootstrapPlan(3, 500, 7));
    const b = pairedBootstrap([1, 2, 3], [1, 1, 1], [0, 1, 2], 3, bootstrapPlan(3, 500, 7));
    expect(a).toEqual(b);
    expect(() => pairedBootstrap([1], [1, 2], [0], 1, bootstrapPlan(1, 10, 1))).toThrow(RangeError);
  });
});
