/**
 * The setter (model 2): a procedural protocol in the spirit of the agenda setter of Romer and
 * Rosenthal. The option's text is its sponsor's ideal; the sponsor puts the text closest to it
 * that the rule accepts, searching the segment from its text to the status quo, and the allies
 * take it or leave it. See docs/MODEL.md, "The setter".
 *
 * Along the segment `x(t) = option + t (statusQuo - option)`, `t` in [0, 1], each ally accepts
 * exactly the texts with `t >= t_i`: its acceptable texts form a disc (an ellipse for unequal
 * dimension weights) that contains the status quo, and a convex set containing the segment's end
 * meets the segment in an interval ending there. So more allies accept as `t` grows, the rule's
 * verdict can only turn from blocked to adopted, and the setter's text is the smallest `t` among
 * `0` and the `t_i` at which the rule adopts (found by bisection). In one dimension this is exactly
 * the text of the passing set closest to the sponsor's ideal (the passing set is an interval that
 * contains the status quo).
 */
import type { CompiledModel } from '../compiledModel.js';
import type { DecisionRule, Judgment } from '../decisionRules/decisionRule.js';
import type { World } from '../world.js';
import { VERDICT, type Bargain, type BargainingObserver, type Protocol } from './protocol.js';

/**
 * How far past an ally's own boundary `t_i` the setter's text is put, so that the ally accepts it
 * despite rounding (a millionth of a millionth of the segment's length).
 */
export const SETTER_MARGIN = 1e-12;

/**
 * Where, along the segment from `(fromF, fromE)` (`t = 0`) to `(toF, toE)` (`t = 1`), an ally with
 * ideal point `(h, e)` and squared objection radius `radiusSquared` starts to accept: the smallest
 * `t` with weighted squared distance at most `radiusSquared` (0 when it accepts the start already;
 * the segment's end, the status quo, is always acceptable).
 *
 * @example
 * acceptanceStart(1, 0, 1, 0.5, 0, 0.5, 0.2, 0.5, 0.09); // => 0.5 (accepts from x = 0.5: 0.3 from h = 0.2)
 */
export function acceptanceStart(
  wF: number,
  wE: number,
  fromF: number,
  fromE: number,
  toF: number,
  toE: number,
  h: number,
  e: number,
  radiusSquared: number,
): number {
  const df = fromF - h;
  const de = fromE - e;
  const c = wF * df * df + wE * de * de - radiusSquared;
  if (c <= 0) return 0;
  const vf = toF - fromF;
  const ve = toE - fromE;
  const a = wF * vf * vf + wE * ve * ve;
  if (!(a > 0)) return 1;
  const b = 2 * (wF * vf * df + wE * ve * de);
  const discriminant = b * b - 4 * a * c;
  if (!(discriminant >= 0)) return 1;
  const t = (-b - Math.sqrt(discriminant)) / (2 * a);
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

const starts = new Float64Array(1024);

/**
 * The setter protocol. Round 0 judges the option's text; adopted: done. Otherwise the sponsor
 * concedes to the smallest `t` at which the rule adopts `x(t)`, and round 1 reports that text,
 * adopted; when only the status quo itself passes (`t = 1`), the option fails and the status quo
 * stays (the blockers reported are those objecting to the last concession short of it).
 *
 * @example
 * setter.play(model, world, rule, 0, judgment, bargain, null);
 * bargain.rounds; // => 0 (adopted as proposed) or 1 (conceded, or failed)
 */
export const setter: Protocol = {
  name: 'setter',
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
    const fromF = model.optionFirmness[option]!;
    const fromE = model.optionEngagement[option]!;
    bargain.firmness = fromF;
    bargain.engagement = fromE;
    if (rule.judge(model, world, fromF, fromE, judgment)) {
      bargain.consensus = true;
      bargain.rounds = 0;
      observer?.round(0, bargain, judgment, VERDICT.adopted);
      return;
    }
    observer?.round(0, bargain, judgment, VERDICT.amended);
    const toF = model.statusQuoFirmness;
    const toE = model.statusQuoEngagement;
    const { hawkishness, engagementPreference, objectionRadiusSquared } = world;
    const n = model.allyCount;
    for (let a = 0; a < n; a++)
      starts[a] = acceptanceStart(
        model.weightFirmness, model.weightEngagement, fromF, fromE, toF, toE,
        hawkishness[a]!, engagementPreference[a]!, objectionRadiusSquared[a]!,
      );
    const candidates = starts.subarray(0, n).sort();
    // The smallest candidate at which the rule adopts; the verdict is monotone in t.
    const adoptsAt = (t: number) => {
      const s = Math.min(1, t + SETTER_MARGIN);
      bargain.firmness = fromF + s * (toF - fromF);
      bargain.engagement = fromE + s * (toE - fromE);
      return rule.judge(model, world, bargain.firmness, bargain.engagement, judgment);
    };
    let low = 0;
    let high = n - 1;
    if (!adoptsAt(candidates[high]!)) high = n; // only the status quo passes
    while (low < high) {
      const middle = (low + high) >> 1;
      if (adoptsAt(candidates[middle]!)) high = middle;
      else low = middle + 1;
    }
    const t = high === n ? 1 : candidates[high]!;
    bargain.rounds = 1;
    if (t >= 1) {
      // The blockers are those who still object to the last concession short of the status quo.
      let last = n - 1;
      while (last > 0 && candidates[last]! >= 1) last--;
      const s = candidates[last]! < 1 ? candidates[last]! : 0;
      bargain.firmness = fromF + s * (toF - fromF);
      bargain.engagement = fromE + s * (toE - fromE);
      rule.judge(model, world, bargain.firmness, bargain.engagement, judgment);
      bargain.consensus = false;
      observer?.round(1, bargain, judgment, VERDICT.failed);
      return;
    }
    adoptsAt(t);
    bargain.consensus = true;
    observer?.round(1, bargain, judgment, VERDICT.adopted);
  },
};
