/**
 * Sobol settings for the parameters a tornado found most influential: each ranges over its value
 * plus and minus the tornado's step, kept inside its domain (centers 0.01 inside (0, 1)).
 */
import { CENTER_MARGIN, sensitivityParameters, tornadoBars, type Scenario, type SensitivityMeasure, type SobolSettings, type TornadoResult } from '@concert/core';

/**
 * Settings of a Sobol analysis of one option's measure over the `count` parameters with the
 * largest tornado swing (those that moved it at all), at `samples` base rows (default 128: at 64,
 * the least allowed for up to 4 parameters, first-order intervals are about ±0.3 wide) and
 * `innerPasses` passes per point (default 400).
 *
 * @example
 * sobolFromTornado(scenario, tornado, { option: 'dual-track', measure: 'consensus' }).parameters.length; // => 4
 */
export function sobolFromTornado(
  scenario: Scenario,
  result: TornadoResult,
  { option, measure = 'consensus', count = 4, samples = 128, innerPasses = 400, seed = result.manifest.seed }: { option: string; measure?: SensitivityMeasure; count?: number; samples?: number; innerPasses?: number; seed?: SobolSettings['seed'] },
): SobolSettings {
  const catalog = sensitivityParameters(scenario);
  const step = result.manifest.step;
  const parameters = tornadoBars(result, { option, measure })
    .filter((bar) => bar.swing > 0)
    .slice(0, count)
    .flatMap((bar) => {
      const parameter = catalog.find((p) => p.name === bar.parameter);
      if (parameter === undefined) return [];
      const { domain, value } = parameter;
      const lower = Math.max(domain.lowerOpen ? Math.min(domain.lower + CENTER_MARGIN, value) : domain.lower, value - step);
      const upper = Math.min(domain.upperOpen ? Math.max(domain.upper - CENTER_MARGIN, value) : domain.upper, value + step);
      return lower < upper ? [{ name: parameter.name, lower, upper }] : [];
    });
  return { parameters, outputs: [{ option, measure }], samples, innerPasses, seed, bootstrap: 500 };
}
