/**
 * Sensitivity results as tidy CSV, for `concert sensitivity --format csv`: a tornado has one row
 * per option, parameter and direction; a Sobol analysis one row per output and parameter; a
 * discovery one row per condition of the box found (one row with empty condition fields when the
 * box restricts nothing). Every row starts with the analysis's identity, so files can be stacked.
 */
import { tidyCsv, type ColumnType, type DiscoveryResult, type ExperimentColumn, type SobolResult, type TornadoResult } from '../../src/index.js';

type Row = Record<string, number | string | null>;

const columns = (spec: readonly (readonly [string, ColumnType])[]): ExperimentColumn[] => spec.map(([name, type]) => ({ name, type, description: '' }));
const paired = (name: string): [string, ColumnType][] => [[`${name}_change`, 'float'], [`${name}_change_se`, 'float'], [`${name}_change_lower`, 'float'], [`${name}_change_upper`, 'float']];
const interval = (name: string): [string, ColumnType][] => [[name, 'float'], [`${name}_lower`, 'float'], [`${name}_upper`, 'float'], [`${name}_se`, 'float']];

const TORNADO_COLUMNS = columns([
  ['scenario_id', 'text'], ['seed', 'text'], ['passes', 'int'], ['step', 'float'],
  ['option_id', 'text'], ['option_name', 'text'], ['parameter', 'text'], ['label', 'text'], ['direction', 'text'],
  ['base_value', 'float'], ['value', 'float'], ['clamped', 'text'],
  ['consensus_base', 'float'], ['risk_base', 'float'], ['viability_base', 'float'],
  ...paired('consensus'), ...paired('risk'), ...paired('viability'),
]);

/**
 * A tornado as CSV: one row per option, parameter and direction (`low`, `high`), with the moved
 * value, whether it was clamped, the option's base estimates, and each measure's paired change
 * with its standard error and 95% interval.
 */
export function tornadoCsv(result: TornadoResult, scenarioId: string): string {
  const { manifest } = result;
  const rows: Row[] = [];
  for (const effect of result.effects) {
    const option = result.options.find((candidate) => candidate.id === effect.option)!;
    for (const direction of ['low', 'high'] as const) {
      const move = effect[direction];
      const row: Row = {
        scenario_id: scenarioId, seed: String(manifest.seed), passes: manifest.passes, step: manifest.step,
        option_id: option.id, option_name: option.name, parameter: effect.parameter, label: effect.label, direction,
        base_value: effect.baseValue, value: move.value, clamped: move.clamped ? 'true' : 'false',
        consensus_base: option.consensus.estimate, risk_base: option.risk.estimate, viability_base: option.viability.estimate,
      };
      for (const measure of ['consensus', 'risk', 'viability'] as const) {
        row[`${measure}_change`] = move[measure].estimate;
        row[`${measure}_change_se`] = move[measure].standardError;
        row[`${measure}_change_lower`] = move[measure].lower;
        row[`${measure}_change_upper`] = move[measure].upper;
      }
      rows.push(row);
    }
  }
  return tidyCsv(TORNADO_COLUMNS, rows);
}

const SOBOL_COLUMNS = columns([
  ['scenario_id', 'text'], ['seed', 'text'], ['samples', 'int'], ['inner_passes', 'int'],
  ['option_id', 'text'], ['measure', 'text'], ['parameter', 'text'], ['label', 'text'], ['lower', 'float'], ['upper', 'float'],
  ...interval('first'), ...interval('total'),
  ['output_mean', 'float'], ['output_variance', 'float'], ['noise_share', 'float'],
]);

/**
 * A Sobol analysis as CSV: one row per output (option and measure) and parameter, with the
 * parameter's range, its first-order and total indices (estimate, bootstrap interval, standard
 * error; empty when the output does not vary) and the output's mean, variance and inner-noise share.
 */
export function sobolCsv(result: SobolResult, scenarioId: string): string {
  const { manifest } = result;
  const rows: Row[] = [];
  for (const output of result.outputs)
    output.indices.forEach((index, i) => {
      const range = manifest.parameters[i]!;
      const row: Row = {
        scenario_id: scenarioId, seed: String(manifest.seed), samples: manifest.samples, inner_passes: manifest.innerPasses,
        option_id: output.option, measure: output.measure, parameter: index.parameter, label: index.label, lower: range.lower, upper: range.upper,
        output_mean: output.mean, output_variance: output.variance, noise_share: output.noiseShare,
      };
      for (const kind of ['first', 'total'] as const) {
        const value = index[kind];
        row[kind] = value?.estimate ?? null;
        row[`${kind}_lower`] = value?.lower ?? null;
        row[`${kind}_upper`] = value?.upper ?? null;
        row[`${kind}_se`] = value?.standardError ?? null;
      }
      rows.push(row);
    });
  return tidyCsv(SOBOL_COLUMNS, rows);
}

const DISCOVERY_COLUMNS = columns([
  ['scenario_id', 'text'], ['seed', 'text'], ['passes', 'int'], ['option_id', 'text'], ['target', 'text'],
  ['condition', 'int'], ['feature', 'text'], ['label', 'text'], ['lower', 'float'], ['upper', 'float'], ['text', 'text'],
  ['coverage', 'float'], ['density', 'float'], ['mass', 'float'], ['base_rate', 'float'],
  ['holdout_passes', 'int'], ['holdout_coverage', 'float'], ['holdout_density', 'float'], ['holdout_mass', 'float'],
]);

/**
 * A discovery as CSV: one row per condition of the box (feature, bounds, the condition in words),
 * each with the box's coverage, density and mass, the base rate, and the box's figures on the
 * holdout passes.
 */
export function discoveryCsv(result: DiscoveryResult, scenarioId: string): string {
  const { manifest, box, holdout } = result;
  const shared: Row = {
    scenario_id: scenarioId, seed: String(manifest.seed), passes: manifest.passes, option_id: manifest.option, target: manifest.target,
    coverage: box.coverage, density: box.density, mass: box.mass, base_rate: result.baseRate,
    holdout_passes: holdout?.passes ?? null, holdout_coverage: holdout?.coverage.estimate ?? null,
    holdout_density: holdout?.density.estimate ?? null, holdout_mass: holdout?.mass.estimate ?? null,
  };
  const rows: Row[] =
    box.conditions.length === 0
      ? [{ ...shared, condition: null, feature: null, label: null, lower: null, upper: null, text: null }]
      : box.conditions.map((condition, k) => ({
          ...shared, condition: k + 1, feature: condition.feature, label: condition.label, lower: condition.lower, upper: condition.upper, text: condition.text,
        }));
  return tidyCsv(DISCOVERY_COLUMNS, rows);
}
