/**
 * Sobol settings that follow a tornado: the parameters that moved a measure most, each ranging
 * over the two values the tornado tried (its base value moved down and up by the step, already
 * kept inside the parameter's domain by the tornado itself).
 */
import type { SensitivityMeasure, SobolSettings } from './settings.js';
import type { TornadoResult } from './tornado.js';
import { tornadoBars } from './tornadoBars.js';

/** Options of {@link sobolFromTornado}. */
export interface SobolFromTornadoOptions {
  /** The option whose measure is split. */
  readonly option: string;
  /** The measure. Default 'consensus'. */
  readonly measure?: SensitivityMeasure;
  /** How many parameters (those with the largest swing, if it is not 0). Default 4. */
  readonly count?: number;
  /** Base rows of the design. Default 128 (at 64, the least for up to 4 parameters, first-order intervals are about ±0.3 wide). */
  readonly samples?: number;
  /** Passes per design point. Default 400. */
  readonly innerPasses?: number;
  /** Bootstrap resamples. Default 500. */
  readonly bootstrap?: number;
  /** The seed. Default: the tornado's. */
  readonly seed?: SobolSettings['seed'];
}

/**
 * Settings of a Sobol analysis of one option's measure over the `count` parameters with the
 * largest tornado swing, each over the range [value moved down, value moved up] that the tornado
 * used (so the Sobol ranges and the tornado's steps are the same thing).
 *
 * @example
 * sobolFromTornado(tornado(scenario, { passes: 2000, seed: 1 }), { option: 'dual-track' }).parameters.length; // => 4
 */
export function sobolFromTornado(result: TornadoResult, options: SobolFromTornadoOptions): SobolSettings {
  const { option, measure = 'consensus', count = 4, samples = 128, innerPasses = 400, bootstrap = 500, seed = result.manifest.seed } = options;
  const parameters = tornadoBars(result, { option, measure })
    .filter((bar) => bar.swing > 0 && bar.lowValue < bar.highValue)
    .slice(0, count)
    .map((bar) => ({ name: bar.parameter, lower: bar.lowValue, upper: bar.highValue }));
  return { parameters, outputs: [{ option, measure }], samples, innerPasses, seed, bootstrap };
}
