/**
 * The Sobol' sequence (a digital (t, s)-sequence in base 2) with Joe and Kuo's direction numbers,
 * plain or scrambled. Scrambling is Matoušek's random linear matrix scramble followed by a random
 * digital shift (as in SciPy's `qmc.Sobol`): each dimension's direction numbers are multiplied by
 * a random lower-triangular binary matrix with a unit diagonal, and every point is XORed with a
 * random 32-bit shift. Both keep the net property (the first 2^m points of any dimension fall one
 * in each interval [k 2^-m, (k + 1) 2^-m)), while making the points random: each point is
 * uniform on the unit cube, so means over the points are unbiased.
 *
 * The random bits come from the seed's streams (`random.ts`): dimension `j` (from 0) draws from
 * the stream of `(seed + "/sobol", j)`, first its matrix (for each row below the first, one draw
 * per 32 bits), then its shift. So a dimension's points depend on the seed and its index alone.
 */
import { blockStream, type RandomStream, type Seed } from '../../random/random.js';
import { SOBOL_BITS, SOBOL_MAX_DIMENSIONS, sobolDirectionNumbers } from './joeKuo.js';

/** A whole number of 32 random bits from a stream. */
function randomBits(stream: RandomStream): number {
  return (stream.uniform() * 4294967296) >>> 0;
}

/** Parity (XOR of all bits) of a 32-bit number. */
function parity(x: number): number {
  let y = x ^ (x >>> 16);
  y ^= y >>> 8;
  y ^= y >>> 4;
  y ^= y >>> 2;
  y ^= y >>> 1;
  return y & 1;
}

/**
 * Direction numbers multiplied by a random lower-triangular matrix with a unit diagonal: binary
 * digit `r` of each new number (from the most significant, r = 0) is the XOR of digits `c <= r`
 * of the old one where row `r` of the matrix has a 1.
 */
function scrambleDirections(v: Uint32Array, stream: RandomStream): Uint32Array {
  const rows = new Uint32Array(SOBOL_BITS);
  for (let r = 0; r < SOBOL_BITS; r++) {
    const diagonal = 2 ** (SOBOL_BITS - 1 - r);
    // Digits more significant than r: the top r bits.
    const above = r === 0 ? 0 : (randomBits(stream) & ~(2 ** (SOBOL_BITS - r) - 1)) >>> 0;
    rows[r] = (above | diagonal) >>> 0;
  }
  const scrambled = new Uint32Array(SOBOL_BITS);
  for (let k = 0; k < SOBOL_BITS; k++) {
    let value = 0;
    for (let r = 0; r < SOBOL_BITS; r++) if (parity((rows[r]! & v[k]!) >>> 0) === 1) value += 2 ** (SOBOL_BITS - 1 - r);
    scrambled[k] = value;
  }
  return scrambled;
}

/** Number of trailing zero bits of a positive whole number below 2^32. */
function trailingZeros(i: number): number {
  return 31 - Math.clz32(i & -i);
}

/**
 * The first `count` points of the Sobol' sequence in `dimensions` dimensions, in Gray-code order
 * (the order of Joe and Kuo's and SciPy's generators), row-major in [0, 1). Unscrambled, point 0
 * is the origin; scrambled (`seed` given), every point is uniform on the unit cube.
 *
 * @throws {RangeError} for a dimension count outside 1 to 64, or a count that is not a whole
 *   number from 1 to 2^31.
 * @example
 * sobolSequence(2, 4); // => Float64Array [0, 0, 0.5, 0.5, 0.75, 0.25, 0.25, 0.75]
 * sobolSequence(2, 4, { seed: 7 }); // the same net, scrambled: one point in each quarter of each axis
 */
export function sobolSequence(dimensions: number, count: number, options: { seed?: Seed } = {}): Float64Array {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > SOBOL_MAX_DIMENSIONS)
    throw new RangeError(`sobolSequence requires 1 to ${SOBOL_MAX_DIMENSIONS} dimensions, got ${dimensions}`);
  if (!Number.isInteger(count) || count < 1 || count > 2 ** 31)
    throw new RangeError(`sobolSequence requires a count from 1 to 2^31, got ${count}`);
  const points = new Float64Array(dimensions * count);
  const scale = 2 ** -SOBOL_BITS;
  for (let j = 0; j < dimensions; j++) {
    let v = sobolDirectionNumbers(j + 1);
    let x = 0;
    if (options.seed !== undefined) {
      const stream = blockStream(`${String(options.seed)}/sobol`, j);
      v = scrambleDirections(v, stream);
      x = randomBits(stream);
    }
    points[j] = x * scale;
    for (let i = 1; i < count; i++) {
      x = (x ^ v[trailingZeros(i)]!) >>> 0;
      points[i * dimensions + j] = x * scale;
    }
  }
  return points;
}
