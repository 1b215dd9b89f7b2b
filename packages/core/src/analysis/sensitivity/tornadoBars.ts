/**
 * The bars of a tornado chart: one option, one measure, parameters ordered by how far they move it.
 */
import type { SensitivityMeasure } from './settings.js';
import type { PairedDifference } from './pairedDifference.js';
import type { TornadoResult } from './tornado.js';
import type { ParameterStep } from './tornadoSteps.js';

/** One bar of a tornado chart. */
export interface TornadoBar {
  readonly parameter: string;
  readonly label: string;
  readonly baseValue: number;
  /** The step the parameter moved by. */
  readonly step: ParameterStep;
  readonly lowValue: number;
  readonly highValue: number;
  readonly lowClamped: boolean;
  readonly highClamped: boolean;
  /** The change when the parameter moves down, and up. */
  readonly low: PairedDifference;
  readonly high: PairedDifference;
  /** The larger of the two absolute changes: the bar's length, by which bars are ordered. */
  readonly swing: number;
}

/**
 * The bars of one option's tornado for one measure, largest swing first (ties in parameter
 * order).
 *
 * @throws {RangeError} when the option is not in the result.
 * @example
 * tornadoBars(result, { option: 'dual-track', measure: 'consensus', top: 10 })[0].label;
 * // => "Hungary's hawkishness" (for example)
 */
export function tornadoBars(
  result: TornadoResult,
  { option, measure = 'consensus', top = Infinity }: { option: string; measure?: SensitivityMeasure; top?: number },
): TornadoBar[] {
  if (!result.options.some((o) => o.id === option))
    throw new RangeError(`tornadoBars: option ${JSON.stringify(option)} is not in the result (${result.options.map((o) => o.id).join(', ')})`);
  return result.effects
    .filter((effect) => effect.option === option)
    .map((effect, order) => {
      const low = effect.low[measure];
      const high = effect.high[measure];
      return {
        order,
        bar: {
          parameter: effect.parameter,
          label: effect.label,
          baseValue: effect.baseValue,
          step: effect.step,
          lowValue: effect.low.value,
          highValue: effect.high.value,
          lowClamped: effect.low.clamped,
          highClamped: effect.high.clamped,
          low,
          high,
          swing: Math.max(Math.abs(low.estimate), Math.abs(high.estimate)),
        },
      };
    })
    .sort((a, b) => b.bar.swing - a.bar.swing || a.order - b.order)
    .slice(0, top)
    .map(({ bar }) => bar);
}
