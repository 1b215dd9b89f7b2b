/**
 * Direction numbers of the Sobol' sequence for its first 64 dimensions: Joe and Kuo's
 * `new-joe-kuo-6.21201` set (S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better
 * two-dimensional projections", SIAM J. Sci. Comput. 30, 2635-2654, 2008), the one SciPy's
 * `scipy.stats.qmc.Sobol` uses. Copyright (c) 2008, Frances Y. Kuo and Stephen Joe; distributed
 * under a BSD-style licence that allows redistribution with this notice.
 *
 * Row `d - 2` describes dimension `d` (dimension 1 needs no data): `[s, a, m]`, where `s` is the
 * degree of the primitive polynomial, `a` its middle coefficients as bits, and `m` the `s` initial
 * direction numbers. Taken from SciPy 1.10's copy of the file; a test compares the points they
 * give with SciPy's own output (tests/fixtures/sobol-unscrambled-scipy.json).
 */

/** One dimension's primitive polynomial and initial direction numbers: `[s, a, m_1..m_s]`. */
export type JoeKuoRow = readonly [degree: number, coefficients: number, initial: readonly number[]];

/** Joe and Kuo's data for dimensions 2 to 64, in order. */
export const JOE_KUO_ROWS: readonly JoeKuoRow[] = [
  [1, 0, [1]], // dimension 2
  [2, 1, [1, 3]], // dimension 3
  [3, 1, [1, 3, 1]], // dimension 4
  [3, 2, [1, 1, 1]], // dimension 5
  [4, 1, [1, 1, 3, 3]], // dimension 6
  [4, 4, [1, 3, 5, 13]], // dimension 7
  [5, 2, [1, 1, 5, 5, 17]], // dimension 8
  [5, 4, [1, 1, 5, 5, 5]], // dimension 9
  [5, 7, [1, 1, 7, 11, 19]], // dimension 10
  [5, 11, [1, 1, 5, 1, 1]], // dimension 11
  [5, 13, [1, 1, 1, 3, 11]], // dimension 12
  [5, 14, [1, 3, 5, 5, 31]], // dimension 13
  [6, 1, [1, 3, 3, 9, 7, 49]], // dimension 14
  [6, 13, [1, 1, 1, 15, 21, 21]], // dimension 15
  [6, 16, [1, 3, 1, 13, 27, 49]], // dimension 16
  [6, 19, [1, 1, 1, 15, 7, 5]], // dimension 17
  [6, 22, [1, 3, 1, 15, 13, 25]], // dimension 18
  [6, 25, [1, 1, 5, 5, 19, 61]], // dimension 19
  [7, 1, [1, 3, 7, 11, 23, 15, 103]], // dimension 20
  [7, 4, [1, 3, 7, 13, 13, 15, 69]], // dimension 21
  [7, 7, [1, 1, 3, 13, 7, 35, 63]], // dimension 22
  [7, 8, [1, 3, 5, 9, 1, 25, 53]], // dimension 23
  [7, 14, [1, 3, 1, 13, 9, 35, 107]], // dimension 24
  [7, 19, [1, 3, 1, 5, 27, 61, 31]], // dimension 25
  [7, 21, [1, 1, 5, 11, 19, 41, 61]], // dimension 26
  [7, 28, [1, 3, 5, 3, 3, 13, 69]], // dimension 27
  [7, 31, [1, 1, 7, 13, 1, 19, 1]], // dimension 28
  [7, 32, [1, 3, 7, 5, 13, 19, 59]], // dimension 29
  [7, 37, [1, 1, 3, 9, 25, 29, 41]], // dimension 30
  [7, 41, [1, 3, 5, 13, 23, 1, 55]], // dimension 31
  [7, 42, [1, 3, 7, 3, 13, 59, 17]], // dimension 32
  [7, 50, [1, 3, 1, 3, 5, 53, 69]], // dimension 33
  [7, 55, [1, 1, 5, 5, 23, 33, 13]], // dimension 34
  [7, 56, [1, 1, 7, 7, 1, 61, 123]], // dimension 35
  [7, 59, [1, 1, 7, 9, 13, 61, 49]], // dimension 36
  [7, 62, [1, 3, 3, 5, 3, 55, 33]], // dimension 37
  [8, 14, [1, 3, 1, 15, 31, 13, 49, 245]], // dimension 38
  [8, 21, [1, 3, 5, 15, 31, 59, 63, 97]], // dimension 39
  [8, 22, [1, 3, 1, 11, 11, 11, 77, 249]], // dimension 40
  [8, 38, [1, 3, 1, 11, 27, 43, 71, 9]], // dimension 41
  [8, 47, [1, 1, 7, 15, 21, 11, 81, 45]], // dimension 42
  [8, 49, [1, 3, 7, 3, 25, 31, 65, 79]], // dimension 43
  [8, 50, [1, 3, 1, 1, 19, 11, 3, 205]], // dimension 44
  [8, 52, [1, 1, 5, 9, 19, 21, 29, 157]], // dimension 45
  [8, 56, [1, 3, 7, 11, 1, 33, 89, 185]], // dimension 46
  [8, 67, [1, 3, 3, 3, 15, 9, 79, 71]], // dimension 47
  [8, 70, [1, 3, 7, 11, 15, 39, 119, 27]], // dimension 48
  [8, 84, [1, 1, 3, 1, 11, 31, 97, 225]], // dimension 49
  [8, 97, [1, 1, 1, 3, 23, 43, 57, 177]], // dimension 50
  [8, 103, [1, 3, 7, 7, 17, 17, 37, 71]], // dimension 51
  [8, 115, [1, 3, 1, 5, 27, 63, 123, 213]], // dimension 52
  [8, 122, [1, 1, 3, 5, 11, 43, 53, 133]], // dimension 53
  [9, 8, [1, 3, 5, 5, 29, 17, 47, 173, 479]], // dimension 54
  [9, 13, [1, 3, 3, 11, 3, 1, 109, 9, 69]], // dimension 55
  [9, 16, [1, 1, 1, 5, 17, 39, 23, 5, 343]], // dimension 56
  [9, 22, [1, 3, 1, 5, 25, 15, 31, 103, 499]], // dimension 57
  [9, 25, [1, 1, 1, 11, 11, 17, 63, 105, 183]], // dimension 58
  [9, 44, [1, 1, 5, 11, 9, 29, 97, 231, 363]], // dimension 59
  [9, 47, [1, 1, 5, 15, 19, 45, 41, 7, 383]], // dimension 60
  [9, 52, [1, 3, 7, 7, 31, 19, 83, 137, 221]], // dimension 61
  [9, 55, [1, 1, 1, 3, 23, 15, 111, 223, 83]], // dimension 62
  [9, 59, [1, 1, 5, 13, 31, 15, 55, 25, 161]], // dimension 63
  [9, 62, [1, 1, 3, 13, 25, 47, 39, 87, 257]], // dimension 64
];

/** Most dimensions a Sobol' sequence can have here (dimension 1 and the 63 rows above). */
export const SOBOL_MAX_DIMENSIONS = JOE_KUO_ROWS.length + 1;

/** Bits of each coordinate: points are multiples of 2^-32. */
export const SOBOL_BITS = 32;

/**
 * The 32 direction numbers of one dimension (from 1), as unsigned 32-bit integers whose most
 * significant bit is the coordinate's first binary digit: `v[k]` is `V_{k+1} 2^32` in Joe and
 * Kuo's notation.
 *
 * @throws {RangeError} for a dimension outside 1 to {@link SOBOL_MAX_DIMENSIONS}.
 * @example
 * sobolDirectionNumbers(1)[0]; // => 2147483648 (1/2)
 */
export function sobolDirectionNumbers(dimension: number): Uint32Array {
  if (!Number.isInteger(dimension) || dimension < 1 || dimension > SOBOL_MAX_DIMENSIONS)
    throw new RangeError(`sobolDirectionNumbers requires a dimension from 1 to ${SOBOL_MAX_DIMENSIONS}, got ${dimension}`);
  const v = new Uint32Array(SOBOL_BITS);
  if (dimension === 1) {
    for (let k = 0; k < SOBOL_BITS; k++) v[k] = 2 ** (SOBOL_BITS - 1 - k);
    return v;
  }
  const [s, a, m] = JOE_KUO_ROWS[dimension - 2]!;
  for (let k = 0; k < s; k++) v[k] = m[k]! * 2 ** (SOBOL_BITS - 1 - k);
  for (let k = s; k < SOBOL_BITS; k++) {
    let value = v[k - s]! ^ (v[k - s]! >>> s);
    for (let i = 1; i < s; i++) if (((a >>> (s - 1 - i)) & 1) === 1) value ^= v[k - i]!;
    v[k] = value >>> 0;
  }
  return v;
}
