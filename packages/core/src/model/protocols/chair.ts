/**
 * The bargaining step: how the chair amends a text that met objections.
 */

/**
 * Moves a text a `step` of the way toward the objectors' weighted mean ideal point `(targetF,
 * targetE)`, then pulls it back onto the disc of radius `maxDrift` around the option's original
 * position `(originF, originE)` if it left that disc. Writes the new position to `out[0], out[1]`.
 *
 * @example
 * const out = new Float64Array(2);
 * amendText(0.9, 0.1, 0.3, 0.5, 0.5, 0.9, 0.1, 1, out); // out ≈ [0.6, 0.3]
 */
export function amendText(
  firmness: number,
  engagement: number,
  targetFirmness: number,
  targetEngagement: number,
  step: number,
  originFirmness: number,
  originEngagement: number,
  maxDrift: number,
  out: Float64Array,
): void {
  let f = firmness + step * (targetFirmness - firmness);
  let e = engagement + step * (targetEngagement - engagement);
  const df = f - originFirmness;
  const de = e - originEngagement;
  const drift = Math.sqrt(df * df + de * de);
  if (drift > maxDrift) {
    const scale = maxDrift / drift;
    f = originFirmness + df * scale;
    e = originEngagement + de * scale;
  }
  out[0] = f;
  out[1] = e;
}
