/**
 * A full factorial design: every combination of the levels of every factor, the first factor
 * varying slowest (as nested loops over the factors in order would list them).
 */

/**
 * The level indices of every combination, row-major: row `r` holds, for each factor, the index
 * of its level.
 *
 * @throws {RangeError} unless every count is a whole number of at least 1.
 * @example
 * fullFactorial([2, 3]);
 * // => Int32Array [0,0, 0,1, 0,2, 1,0, 1,1, 1,2]
 */
export function fullFactorial(levelCounts: readonly number[]): Int32Array {
  if (levelCounts.length === 0 || levelCounts.some((count) => !Number.isInteger(count) || count < 1))
    throw new RangeError(`fullFactorial requires at least one factor, each with a whole number of levels of at least 1, got [${levelCounts.join(', ')}]`);
  const k = levelCounts.length;
  const rows = levelCounts.reduce((product, count) => product * count, 1);
  const indices = new Int32Array(rows * k);
  for (let r = 0; r < rows; r++) {
    let rest = r;
    for (let j = k - 1; j >= 0; j--) {
      const count = levelCounts[j]!;
      indices[r * k + j] = rest % count;
      rest = Math.floor(rest / count);
    }
  }
  return indices;
}

/**
 * `count` evenly spaced levels from `lower` to `upper`, both included, each rounded to 12
 * significant digits so that a grid over [0.1, 0.5] reads 0.1, 0.3, 0.5 (not
 * 0.30000000000000004).
 *
 * @throws {RangeError} unless count is a whole number of at least 2 and lower < upper.
 * @example
 * evenLevels(0.1, 0.5, 3); // => [0.1, 0.3, 0.5]
 */
export function evenLevels(lower: number, upper: number, count: number): number[] {
  if (!Number.isInteger(count) || count < 2 || !(lower < upper))
    throw new RangeError(`evenLevels requires lower < upper and a whole number of at least 2 levels, got ${lower}, ${upper}, ${count}`);
  return Array.from({ length: count }, (_, k) => {
    if (k === 0) return lower;
    if (k === count - 1) return upper;
    const value = Number((lower + ((upper - lower) * k) / (count - 1)).toPrecision(12));
    return Math.min(upper, Math.max(lower, value));
  });
}
