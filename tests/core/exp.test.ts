/**
 * The engine's `exp` (packages/core/src/model/exp.ts) is V8's `Math.exp` bit for bit: on random
 * arguments spread over every binade the engine can meet, and ulp by ulp across every boundary
 * where fdlibm's branches or its reduction `k` change (where a port that is only nearly right
 * goes wrong: an earlier draft of it differed from `Math.exp` on 7% of the arguments between
 * 0.5 ln 2 and fdlibm's own reduction threshold, a window 1e-9 wide).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exp } from '../../packages/core/src/model/exp.js';

const bits = new DataView(new ArrayBuffer(8));
/** The double `steps` ulps above (or below) `x`, for x > 0. */
function ulps(x: number, steps: number): number {
  bits.setFloat64(0, x);
  bits.setBigUint64(0, bits.getBigUint64(0) + BigInt(steps));
  return bits.getFloat64(0);
}
/** The double whose high word is `high` and low word 0. */
function fromHighWord(high: number): number {
  bits.setUint32(0, high);
  bits.setUint32(4, 0);
  return bits.getFloat64(0);
}

/** The arguments among `xs` where `exp` and `Math.exp` differ. */
function mismatches(xs: Iterable<number>): number[] {
  const found: number[] = [];
  for (const x of xs) if (!Object.is(exp(x), Math.exp(x))) found.push(x);
  return found;
}

function* sweep(around: number, width: number): Generator<number> {
  for (const sign of [1, -1]) for (let k = -width; k <= width; k++) yield sign * ulps(around, k);
}

describe('exp(x) equals Math.exp(x) bit for bit', () => {
  it('on special and out-of-range arguments (handed to Math.exp)', () => {
    expect(mismatches([0, -0, NaN, Infinity, -Infinity, 1e-300, -1e-300, 2 ** -28, -(2 ** -28), 707.9, -707.9, 708, -708, 709.7, -745.1, 800, -800])).toEqual([]);
  });

  it('ulp by ulp across each of fdlibm\'s branch boundaries (0.5 ln 2, its high-word thresholds, 1.5 ln 2, 2^-28, 708)', () => {
    const boundaries = [0.5 * Math.LN2, fromHighWord(0x3fd62e43), fromHighWord(0x3ff0a2b2), 1.5 * Math.LN2, 2 ** -28, 708];
    for (const boundary of boundaries) expect(mismatches(sweep(boundary, 20_000)), `around ${boundary}`).toEqual([]);
  });

  it('inside the window between 0.5 ln 2 and fdlibm\'s reduction threshold, where a near port fails', () => {
    const from = 0.5 * Math.LN2;
    const to = fromHighWord(0x3fd62e43);
    const xs = Array.from({ length: 200_001 }, (_, k) => from + ((to - from) * k) / 200_000);
    expect(mismatches([...xs, ...xs.map((x) => -x)])).toEqual([]);
  });

  it('where the reduction k changes, at (m + 1/2) ln 2 for every m with |k| <= 1021', () => {
    const found: number[] = [];
    for (let m = -1021; m <= 1020; m++) {
      const at = (m + 0.5) * Math.LN2;
      if (Math.abs(at) >= 708) continue;
      for (let k = -60; k <= 60; k++) {
        const x = Math.sign(at) * ulps(Math.abs(at), k);
        if (!Object.is(exp(x), Math.exp(x))) found.push(x);
      }
    }
    expect(found).toEqual([]);
  });

  it('on arbitrary doubles between -708 and 708 (fast-check spreads them over the binades)', () => {
    fc.assert(
      fc.property(fc.double({ min: -708, max: 708, noNaN: true }), (x) => Object.is(exp(x), Math.exp(x))),
      { numRuns: 200_000 },
    );
  });
});
