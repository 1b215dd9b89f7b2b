/**
 * The sampling designs: a full factorial lists every combination once; a Latin hypercube puts one
 * point in each stratum of each dimension; the Sobol' sequence equals SciPy's published points
 * unscrambled (Joe and Kuo's direction numbers) and stays a net when scrambled; all are
 * reproducible from their seed.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evenLevels, fullFactorial, latinHypercube, sobolDirectionNumbers, sobolSequence } from '../../packages/core/src/index.js';

const SCIPY = JSON.parse(readFileSync(new URL('../fixtures/sobol-unscrambled-scipy.json', import.meta.url), 'utf8')) as {
  dimensions: number;
  first: { scale: number; points: number[][] };
  spot: { scale: number; indices: number[]; points: number[][] };
};

/** Whether the first `n = 2^m` points in dimensions `dims` form a (t, m, s)-net: every elementary box of volume 2^(t-m) holds exactly 2^t points. */
function isNet(points: Float64Array, dimensions: number, dims: readonly number[], m: number, t: number): boolean {
  const n = 2 ** m;
  // Every way of splitting m - t binary digits over the chosen dimensions.
  const splits: number[][] = [];
  const split = (left: number, at: number, current: number[]): void => {
    if (at === dims.length - 1) {
      splits.push([...current, left]);
      return;
    }
    for (let d = 0; d <= left; d++) split(left - d, at + 1, [...current, d]);
  };
  split(m - t, 0, []);
  for (const digits of splits) {
    const boxes = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const key = dims.map((dim, k) => Math.floor(points[i * dimensions + dim]! * 2 ** digits[k]!)).join(',');
      boxes.set(key, (boxes.get(key) ?? 0) + 1);
    }
    if (boxes.size !== 2 ** (m - t) || [...boxes.values()].some((count) => count !== 2 ** t)) return false;
  }
  return true;
}

describe('fullFactorial(levelCounts)', () => {
  it('enumerates every combination once, the first factor slowest', () => {
    expect(Array.from(fullFactorial([2, 3]))).toEqual([0, 0, 0, 1, 0, 2, 1, 0, 1, 1, 1, 2]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), (counts) => {
        const rows = fullFactorial(counts);
        const k = counts.length;
        const seen = new Set<string>();
        for (let r = 0; r < rows.length / k; r++) seen.add(Array.from(rows.subarray(r * k, (r + 1) * k)).join(','));
        return seen.size === counts.reduce((a, b) => a * b, 1) && rows.length === seen.size * k && rows.every((level, at) => level < counts[at % k]!);
      }),
    );
  });

  it('evenLevels(lower, upper, n) spaces levels evenly, both ends included, without float noise', () => {
    expect(evenLevels(0.1, 0.5, 3)).toEqual([0.1, 0.3, 0.5]);
    expect(evenLevels(0.5, 0.9, 5)).toEqual([0.5, 0.6, 0.7, 0.8, 0.9]);
    expect(() => evenLevels(0.5, 0.5, 3)).toThrow(RangeError);
  });
});

describe('latinHypercube(dimensions, samples, seed)', () => {
  it('has exactly one point in each of the n strata of every dimension', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 1e6 }), (k, n, seed) => {
        const points = latinHypercube(k, n, seed);
        for (let j = 0; j < k; j++) {
          const strata = new Set<number>();
          for (let i = 0; i < n; i++) {
            const u = points[i * k + j]!;
            if (!(u >= 0 && u < 1)) return false;
            strata.add(Math.floor(u * n));
          }
          if (strata.size !== n) return false;
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });

  it('is reproducible from its seed, differs for another seed, and keeps a column when a dimension is added', () => {
    expect(latinHypercube(3, 50, 'a')).toEqual(latinHypercube(3, 50, 'a'));
    expect(latinHypercube(3, 50, 'a')).not.toEqual(latinHypercube(3, 50, 'b'));
    const two = latinHypercube(2, 50, 'a');
    const three = latinHypercube(3, 50, 'a');
    for (let i = 0; i < 50; i++) expect([three[i * 3]!, three[i * 3 + 1]!]).toEqual([two[i * 2]!, two[i * 2 + 1]!]);
  });

  it('is uniform within strata: each dimension has mean 1/2 within 5 standard errors', () => {
    const n = 4000;
    const points = latinHypercube(2, n, 9);
    // The mean of a Latin hypercube column has variance far below 1/(12 n); 1/(12 n) is a safe bound.
    for (let j = 0; j < 2; j++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += points[i * 2 + j]!;
      expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    }
  });
});

describe('sobolSequence(dimensions, count, { seed })', () => {
  it("unscrambled, equals SciPy's Sobol' points (Joe and Kuo's direction numbers) in all 64 dimensions", () => {
    const d = SCIPY.dimensions;
    const points = sobolSequence(d, 4096);
    const first = SCIPY.first.points.flat();
    expect(Array.from(points.subarray(0, 128 * d), (x) => x * SCIPY.first.scale)).toEqual(first);
    SCIPY.spot.indices.forEach((index, k) => {
      expect(Array.from(points.subarray(index * d, (index + 1) * d), (x) => x * SCIPY.spot.scale)).toEqual(SCIPY.spot.points[k]);
    });
  });

  it('matches the first points published for two dimensions', () => {
    expect(Array.from(sobolSequence(2, 8))).toEqual([0, 0, 0.5, 0.5, 0.75, 0.25, 0.25, 0.75, 0.375, 0.375, 0.875, 0.875, 0.625, 0.125, 0.125, 0.625]);
    expect(sobolDirectionNumbers(1)[0]).toBe(2 ** 31);
  });

  it('is a (0, m, 2)-net in its first two dimensions and a (0, m, 1)-net in each, plain and scrambled', () => {
    for (const seed of [undefined, 1, 'x']) {
      const points = sobolSequence(8, 1024, seed === undefined ? {} : { seed });
      for (const m of [4, 7, 10]) {
        expect(isNet(points, 8, [0, 1], m, 0)).toBe(true);
        for (let j = 0; j < 8; j++) expect(isNet(points, 8, [j], m, 0)).toBe(true);
      }
    }
  });

  it('scrambling keeps the t-value of every two-dimensional projection of the first 8 dimensions', () => {
    const plain = sobolSequence(8, 256);
    const scrambled = sobolSequence(8, 256, { seed: 5 });
    for (let a = 0; a < 8; a++)
      for (let b = a + 1; b < 8; b++) {
        let t = 0;
        while (!isNet(plain, 8, [a, b], 8, t)) t++;
        expect(isNet(scrambled, 8, [a, b], 8, t)).toBe(true);
      }
  });

  it('scrambled, is reproducible from its seed, random (not the plain points), and unbiased: means near 1/2', () => {
    expect(sobolSequence(4, 64, { seed: 3 })).toEqual(sobolSequence(4, 64, { seed: 3 }));
    expect(sobolSequence(4, 64, { seed: 3 })).not.toEqual(sobolSequence(4, 64, { seed: 4 }));
    expect(sobolSequence(4, 64, { seed: 3 })).not.toEqual(sobolSequence(4, 64));
    // The first coordinate of point 0 over many seeds is uniform: mean 1/2, SE sqrt(1/12/n).
    const n = 400;
    let sum = 0;
    for (let seed = 0; seed < n; seed++) sum += sobolSequence(1, 1, { seed })[0]!;
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
  });

  it('refuses dimensions outside 1 to 64', () => {
    expect(() => sobolSequence(65, 2)).toThrow(/1 to 64 dimensions/);
    expect(() => sobolDirectionNumbers(0)).toThrow(RangeError);
  });
});
