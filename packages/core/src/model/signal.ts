/**
 * The signal a pass's outcome sends to Moscow, and whether it crosses Russia's tolerance.
 *
 * An adopted text sends `S = visibility * firmness ^ exponent`, or the scenario's signal formula
 * (`signalFormula.ts`) evaluated at the adopted text. When no text is adopted the status quo
 * stays, and sends its own signal. The pass carries destabilization risk when `S` exceeds the
 * pass's sampled threshold. See docs/MODEL.md, "The signal".
 */
import type { CompiledModel } from './compiledModel.js';
import { policyDistance } from './distance.js';
import type { Bargain } from './protocols/protocol.js';
import type { SignalFunction } from './signalFormula.js';
import type { World } from './world.js';

/**
 * The default signal strength `visibility * firmness ^ exponent`.
 *
 * @example
 * defaultSignalStrength(0.5, 0.8, 2); // => 0.32000000000000006
 */
export function defaultSignalStrength(visibility: number, firmness: number, exponent: number): number {
  return visibility * Math.pow(firmness, exponent);
}

/**
 * The signal of the status quo, sent when no text is adopted: the default strength at the status
 * quo, or the formula there with `unity = 1` and `rounds = 0`.
 */
export function statusQuoSignal(
  statusQuo: { readonly firmness: number; readonly engagement: number; readonly visibility: number },
  exponent: number,
  formula: SignalFunction | null,
): number {
  if (formula === null) return defaultSignalStrength(statusQuo.visibility, statusQuo.firmness, exponent);
  const { firmness, engagement, visibility } = statusQuo;
  return formula({ firmness, engagement, visibility, exponent, unity: 1, rounds: 0 });
}

/**
 * Unity: the share of allies for whom the text `(firmness, engagement)` is no worse than the
 * status quo (`d_i(text) <= d_i(statusQuo)`) in the pass's world.
 */
export function unity(model: CompiledModel, world: World, firmness: number, engagement: number): number {
  const { hawkishness, engagementPreference, statusQuoDistance } = world;
  let content = 0;
  for (let a = 0; a < model.allyCount; a++)
    if (policyDistance(model, firmness, engagement, hawkishness[a]!, engagementPreference[a]!) <= statusQuoDistance[a]!) content++;
  return content / model.allyCount;
}

/**
 * The signal strength of a pass's outcome for option `option`: the adopted text's when the
 * bargain reached consensus, else the status quo's.
 */
export function signalOfBargain(model: CompiledModel, world: World, option: number, bargain: Bargain): number {
  if (!bargain.consensus) return model.statusQuoSignal;
  const visibility = model.optionVisibility[option]!;
  if (model.signalFormula === null) return defaultSignalStrength(visibility, bargain.firmness, model.exponent);
  return model.signalFormula({
    firmness: bargain.firmness,
    engagement: bargain.engagement,
    visibility,
    exponent: model.exponent,
    unity: model.needsUnity ? unity(model, world, bargain.firmness, bargain.engagement) : 1,
    rounds: bargain.rounds,
  });
}

/** Whether a signal crosses Russia's tolerance threshold in the pass's world (destabilization risk). */
export function crossesTolerance(signal: number, world: World): boolean {
  return signal > world.threshold;
}
