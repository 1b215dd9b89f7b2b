/**
 * Tables for Marsaglia and Tsang's ziggurat method for standard normal numbers (128 layers).
 *
 * Reference: G. Marsaglia and W. W. Tsang (2000), "The Ziggurat Method for Generating Random
 * Variables", Journal of Statistical Software 5(8). The tables are computed once, exactly as the
 * paper's `zigset`, so they are the same on every machine that runs the same JavaScript engine.
 */

/** Number of layers. */
export const LAYERS = 128;
/** Where the base layer's tail begins. */
export const TAIL_START = 3.442619855899;
const LAYER_AREA = 9.91256303526217e-3;
const M1 = 2147483648; // 2^31

/** `|hz| < kn[i]` accepts a 32-bit draw `hz` in layer `i` at once. */
export const kn = new Float64Array(LAYERS);
/** `hz * wn[i]` is the candidate number of draw `hz` in layer `i`. */
export const wn = new Float64Array(LAYERS);
/** The normal density (unnormalised) at each layer's edge. */
export const fn = new Float64Array(LAYERS);

(function setUpTables(): void {
  let dn = TAIL_START;
  let tn = dn;
  const q = LAYER_AREA / Math.exp(-0.5 * dn * dn);
  kn[0] = (dn / q) * M1;
  kn[1] = 0;
  wn[0] = q / M1;
  wn[LAYERS - 1] = dn / M1;
  fn[0] = 1;
  fn[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(LAYER_AREA / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = (dn / tn) * M1;
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / M1;
  }
})();
