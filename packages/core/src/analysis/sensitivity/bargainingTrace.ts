/**
 * The texts a bargaining visits: the same rounds as the engine's `evaluateOption`, keeping each
 * round's text, so a tornado can tell when moving one ally cannot change an outcome.
 */
import { amendText } from '../../model/protocols/chair.js';
import type { EngineState } from '../../run/engine.js';

/**
 * Runs the bargaining of `option` in the state's current world, as `evaluateOption` does, and
 * writes the text of each round `r` to `trace[offset + 2r]` (firmness) and `[offset + 2r + 1]`
 * (engagement). Returns the number of rounds played, that is the number of texts written.
 * A test checks that the last text and the number of rounds are the engine's.
 *
 * @example
 * const trace = new Float64Array(2 * (model.maxRounds + 1));
 * const texts = traceBargaining(state, 0, trace, 0); // 1 when the option passed unamended
 */
export function traceBargaining(state: EngineState, option: number, trace: Float64Array, offset: number): number {
  const { model, world, position } = state;
  const { hawkishness, engagementPreference, salience, objectionRadiusSquared } = world;
  const { weightFirmness, weightEngagement, influence, maxRounds } = model;
  const originF = model.optionFirmness[option]!;
  const originE = model.optionEngagement[option]!;
  let f = originF;
  let e = originE;
  for (let round = 0; round <= maxRounds; round++) {
    trace[offset + 2 * round] = f;
    trace[offset + 2 * round + 1] = e;
    let objectors = 0;
    let weight = 0;
    let targetF = 0;
    let targetE = 0;
    for (let a = 0; a < model.allyCount; a++) {
      const h = hawkishness[a]!;
      const eng = engagementPreference[a]!;
      const df = f - h;
      const de = e - eng;
      if (weightFirmness * df * df + weightEngagement * de * de <= objectionRadiusSquared[a]!) continue;
      objectors++;
      const w = influence[a]! * salience[a]!;
      weight += w;
      targetF += w * h;
      targetE += w * eng;
    }
    if (objectors === 0 || round === maxRounds) return round + 1;
    amendText(f, e, targetF / weight, targetE / weight, model.step, originF, originE, model.maxDrift, position);
    f = position[0]!;
    e = position[1]!;
  }
  return maxRounds + 1;
}

/**
 * Whether one ally, moved from stance `(h0, e0, s0)` with objection radius `r0` to `(h1, e1, s1)`
 * with `r1`, leaves a traced bargaining unchanged: at every text it objects in both worlds or in
 * neither, and wherever it objects before the last round (where its ideal point pulls the text)
 * its ideal point and weight are unchanged.
 */
export function allyMoveLeavesTrace(
  state: EngineState,
  trace: Float64Array,
  offset: number,
  texts: number,
  h0: number,
  e0: number,
  s0: number,
  r0: number,
  h1: number,
  e1: number,
  s1: number,
  r1: number,
): boolean {
  const { weightFirmness, weightEngagement, maxRounds } = state.model;
  const samePull = h0 === h1 && e0 === e1 && s0 === s1;
  for (let round = 0; round < texts; round++) {
    const f = trace[offset + 2 * round]!;
    const e = trace[offset + 2 * round + 1]!;
    let df = f - h0;
    let de = e - e0;
    const before = !(weightFirmness * df * df + weightEngagement * de * de <= r0);
    df = f - h1;
    de = e - e1;
    const after = !(weightFirmness * df * df + weightEngagement * de * de <= r1);
    if (before !== after) return false;
    if (before && round < maxRounds && !samePull) return false;
  }
  return true;
}
