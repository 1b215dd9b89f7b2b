import { erf } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { blockStream, histogramQuantile, wilsonInterval } from '../../packages/core/src/index.js';

describe('wilsonInterval(successes, trials)', () => {
  it('matches the textbook values', () => {
    const half = wilsonInterval(50, 100);
    expect(half.estimate).toBe(0.5);
    expect(half.lower).toBeCloseTo(0.40383, 5);
    expect(half.upper).toBeCloseTo(0.59617, 5);
    // With no successes the upper end is z^2 / (n + z^2).
    expect(wilsonInterval(0, 10).upper).toBeCloseTo(1.959963984540054 ** 2 / (10 + 1.959963984540054 ** 2), 12);
    expect(wilsonInterval(0, 10).lower).toBe(0);
    expect(wilsonInterval(10, 10).upper).toBe(1);
    expect(wilsonInterval(0, 0)).toEqual({ estimate: 0, lower: 0, upper: 1 });
  });

  it('refuses counts that are not whole numbers with 0 <= successes <= trials', () => {
    expect(() => wilsonInterval(3, 2)).toThrow('wilsonInterval requires whole numbers 0 <= successes <= trials, got 3 of 2');
    expect(() => wilsonInterval(0.5, 2)).toThrow(RangeError);
  });
});

describe('histogramQuantile(counts, p)', () => {
  it('interpolates within the bin where the quantile falls', () => {
    expect(histogramQuantile([1, 1, 1, 1], 0.5)).toBe(0.5);
    expect(histogramQuantile([0, 4, 0, 0], 0.25)).toBeCloseTo(0.3125, 12);
    expect(histogramQuantile([0, 0, 0], 0.5)).toBeNull();
  });
});

describe('blockStream(seed, block).normal()', () => {
  it('is standard normal: the empirical CDF stays within the Kolmogorov-Smirnov bound at alpha = 0.001', () => {
    const n = 200_000;
    const stream = blockStream('normal-test', 0);
    const sample = Float64Array.from({ length: n }, () => stream.normal()).sort();
    let d = 0;
    for (let k = 0; k < n; k++) {
      const cdf = 0.5 * (1 + (erf(sample[k]! / Math.SQRT2) as number));
      d = Math.max(d, Math.abs(cdf - k / n), Math.abs(cdf - (k + 1) / n));
    }
    // P(D > 1.9495 / sqrt(n)) = 0.001 for a correct sampler.
    expect(d).toBeLessThan(1.9495 / Math.sqrt(n));
    // Tails beyond the ziggurat's base layer (3.44) carry their share: P(|Z| > 3.5) = 4.65e-4.
    const tail = sample.filter((z) => Math.abs(z) > 3.5).length / n;
    expect(Math.abs(tail - 4.653e-4)).toBeLessThan(5 * Math.sqrt(4.653e-4 / n));
  });
});
