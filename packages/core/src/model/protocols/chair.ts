/**
 * The chair (model 1): a silence procedure with amendments. The option's text is put to the
 * allies; while some object and rounds remain, the chair moves the text toward the objectors and
 * puts it again. See docs/MODEL.md, "The consensus procedure".
 */
import type { CompiledModel } from '../compiledModel.js';
import type { DecisionRule, Judgment } from '../decisionRules/decisionRule.js';
import type { World } from '../world.js';
import { VERDICT, type Bargain, type BargainingObserver, type Protocol } from './protocol.js';

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

const amended = new Float64Array(2);

/**
 * The chair protocol. For rounds `r = 0 .. maxRounds`: the text is judged by the decision rule;
 * adopted: done; objectors at `r = maxRounds`: the text fails; otherwise {@link amendText} moves
 * it a `step` toward the objectors' ideal points averaged with weights `influence * salience`.
 *
 * @example
 * chair.play(model, world, unanimity, 0, judgment, bargain, null);
 * bargain.consensus; // => true when the option (possibly amended) was adopted
 */
export const chair: Protocol = {
  name: 'chair',
  uniformsPerPass: 0,
  play(
    model: CompiledModel,
    world: World,
    rule: DecisionRule,
    option: number,
    judgment: Judgment,
    bargain: Bargain,
    observer: BargainingObserver | null,
  ): void {
    const { hawkishness, engagementPreference, salience } = world;
    const { influence, maxRounds } = model;
    const originF = model.optionFirmness[option]!;
    const originE = model.optionEngagement[option]!;
    const list = judgment.objectorList;
    let f = originF;
    let e = originE;
    for (let round = 0; ; round++) {
      bargain.firmness = f;
      bargain.engagement = e;
      if (rule.judge(model, world, f, e, judgment)) {
        observer?.round(round, bargain, judgment, VERDICT.adopted);
        bargain.consensus = true;
        bargain.rounds = round;
        break;
      }
      if (round >= maxRounds) {
        observer?.round(round, bargain, judgment, VERDICT.failed);
        bargain.consensus = false;
        bargain.rounds = maxRounds;
        break;
      }
      observer?.round(round, bargain, judgment, VERDICT.amended);
      const objectors = judgment.objectors;
      let weight = 0;
      let targetF = 0;
      let targetE = 0;
      for (let k = 0; k < objectors; k++) {
        const a = list[k]!;
        const w = influence[a]! * salience[a]!;
        weight += w;
        targetF += w * hawkishness[a]!;
        targetE += w * engagementPreference[a]!;
      }
      amendText(f, e, targetF / weight, targetE / weight, model.step, originF, originE, model.maxDrift, amended);
      f = amended[0]!;
      e = amended[1]!;
    }
  },
};
