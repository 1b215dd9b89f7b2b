/**
 * The compromise (model 2): in the spirit of the weighted mean of positions that decades of
 * forecasts of negotiated outcomes have found hard to beat (the "compromise model") and of the
 * Nash bargaining solution. The text put to the rule is the mean of every ally's ideal point,
 * weighted by `influence ^ influenceExponent * salience`; with probability `recognition` it is
 * instead the ideal point of one ally, recognized with probability proportional to the same
 * weights (a procedural element: who holds the pen on the day). The text is adopted if the rule
 * accepts it; otherwise the status quo stays. See docs/MODEL.md, "The compromise".
 */
import type { CompiledModel } from '../compiledModel.js';
import type { DecisionRule, Judgment } from '../decisionRules/decisionRule.js';
import type { World } from '../world.js';
import { VERDICT, type Bargain, type BargainingObserver, type Protocol } from './protocol.js';

/**
 * Writes the compromise text of a pass's world to `bargain.firmness` and `bargain.engagement`:
 * the weighted mean of the ideal points with weights `compromiseInfluence * salience`, or, when
 * the pass's uniform `u` is below `recognition`, the ideal point of the ally at which the
 * cumulative weight first exceeds `(u / recognition) * total`. With no weight at all (no ally has
 * a stake) it is the plain mean of the ideal points.
 *
 * @example
 * compromiseText(model, world, bargain); // bargain.firmness is now the weighted mean firmness
 */
export function compromiseText(model: CompiledModel, world: World, bargain: Bargain): void {
  const { hawkishness, engagementPreference, salience } = world;
  const influence = model.compromiseInfluence;
  const n = model.allyCount;
  let total = 0;
  let firmness = 0;
  let engagement = 0;
  for (let a = 0; a < n; a++) {
    const w = influence[a]! * salience[a]!;
    total += w;
    firmness += w * hawkishness[a]!;
    engagement += w * engagementPreference[a]!;
  }
  if (!(total > 0)) {
    firmness = 0;
    engagement = 0;
    for (let a = 0; a < n; a++) {
      firmness += hawkishness[a]!;
      engagement += engagementPreference[a]!;
    }
    bargain.firmness = firmness / n;
    bargain.engagement = engagement / n;
    return;
  }
  const u = world.protocolUniform;
  if (u < model.recognition) {
    const target = (u / model.recognition) * total;
    let cumulative = 0;
    for (let a = 0; a < n; a++) {
      cumulative += influence[a]! * salience[a]!;
      if (target < cumulative) {
        bargain.firmness = hawkishness[a]!;
        bargain.engagement = engagementPreference[a]!;
        return;
      }
    }
    // Rounding left the target at the total: the last ally with weight.
    for (let a = n - 1; a >= 0; a--)
      if (influence[a]! * salience[a]! > 0) {
        bargain.firmness = hawkishness[a]!;
        bargain.engagement = engagementPreference[a]!;
        return;
      }
  }
  bargain.firmness = firmness / total;
  bargain.engagement = engagement / total;
}

/**
 * The compromise protocol: one round. The compromise text ({@link compromiseText}) is judged by
 * the rule; adopted, or failed (the status quo stays). The option's own text does not enter: every
 * option of a pass meets the same compromise (docs/MODEL.md says what follows for comparing options).
 *
 * @example
 * compromise.play(model, world, rule, 0, judgment, bargain, null);
 * bargain.rounds; // => 0
 */
export const compromise: Protocol = {
  name: 'compromise',
  uniformsPerPass: 1,
  play(
    model: CompiledModel,
    world: World,
    rule: DecisionRule,
    _option: number,
    judgment: Judgment,
    bargain: Bargain,
    observer: BargainingObserver | null,
  ): void {
    compromiseText(model, world, bargain);
    bargain.rounds = 0;
    bargain.consensus = rule.judge(model, world, bargain.firmness, bargain.engagement, judgment);
    observer?.round(0, bargain, judgment, bargain.consensus ? VERDICT.adopted : VERDICT.failed);
  },
};
