/**
 * An experiment's result: the design, the scenarios and the manifest it was run from, and one
 * tidy row per experiment and option. Each row's figures equal, number for number, those of
 * `simulate` on that experiment's scenario with the design's passes and seed.
 */
import { ConcertInputError } from '../../problems.js';
import { FIXED_POINT_SCALE, OPTION_COUNTER } from '../../run/tally.js';
import type { Scenario } from '../../scenario/schema.js';
import { wilsonInterval, type Estimate } from '../../statistics.js';
import type { ResolvedDesign } from './design.js';
import { experimentColumns, type ExperimentColumn, type ExperimentRow } from './experimentColumns.js';
import { EXPERIMENT_OPTION_COUNTERS, type ExperimentManifest, type ExperimentPlan } from './experimentPlan.js';

/** The result of an experiment. */
export interface ExperimentResult {
  readonly format: 'concert-experiment';
  readonly formatVersion: 1;
  readonly manifest: ExperimentManifest;
  /** The design run (defaults filled in), so the result can be replayed on its own. */
  readonly design: ResolvedDesign;
  /** The validated scenarios, by the names the design gave them. */
  readonly scenarios: readonly { readonly name: string; readonly scenario: Scenario }[];
  readonly columns: readonly ExperimentColumn[];
  /** Scenario by scenario, experiment by experiment, option by option. */
  readonly rows: readonly ExperimentRow[];
}

const cells = (name: string, value: Estimate): Record<string, number> => ({ [name]: value.estimate, [`${name}_lower`]: value.lower, [`${name}_upper`]: value.upper });

/**
 * Turns the counts of every experiment (all units added up, laid out by `plan.offsets`) into the
 * tidy rows.
 *
 * @throws {ConcertInputError} (kind `partial`) when an experiment's passes are not all counted.
 */
export function summarizeExperiment(plan: ExperimentPlan, counts: ArrayLike<number>): ExperimentResult {
  const { design, manifest } = plan;
  const passes = design.passes;
  const total = plan.experiments * plan.scenarios.length;
  if (counts.length !== plan.offsets[total])
    throw new ConcertInputError('incomplete experiment', [{ path: 'counts', message: `must hold ${plan.offsets[total]} numbers`, value: `${counts.length} numbers` }], 'partial');
  const k = plan.inputs.length;
  const rows: ExperimentRow[] = [];
  for (let experiment = 0; experiment < total; experiment++) {
    const s = Math.floor(experiment / plan.experiments);
    const point = experiment % plan.experiments;
    const { name, scenario } = plan.scenarios[s]!;
    let at = plan.offsets[experiment]!;
    if (counts[at] !== passes)
      throw new ConcertInputError('incomplete experiment', [
        { path: `experiment ${point + 1}${plan.scenarios.length > 1 ? ` of ${name}` : ''}`, message: `must count all ${passes} passes (is a shard missing?)`, value: `${counts[at]} passes` },
      ], 'partial');
    at += 1;
    const inputs: Record<string, number> = {};
    plan.inputs.forEach((input, j) => {
      inputs[input.name] = plan.values[point * k + j]!;
    });
    // The option firmness may be one of the fields.
    const firmnessField = plan.fields[s]!.map((field, j) => ({ field, j })).filter(({ field }) => field.location[0] === 'options' && field.location[2] === 'firmness');
    scenario.options.forEach((option, o) => {
      const counter = (c: number) => counts[at + c]!;
      const consensus = counter(OPTION_COUNTER.consensus);
      let proposedFirmness = option.firmness;
      for (const { field, j } of firmnessField) if (field.location[1] === o) proposedFirmness = plan.values[point * k + j]!;
      const adoptedFirmness = consensus === 0 ? null : counter(OPTION_COUNTER.firmness) / FIXED_POINT_SCALE / consensus;
      let topBlocker = -1;
      let topCount = 0;
      for (let a = 0; a < scenario.allies.length; a++) {
        const blocked = counts[at + EXPERIMENT_OPTION_COUNTERS + a]!;
        if (blocked > topCount) {
          topCount = blocked;
          topBlocker = a;
        }
      }
      rows.push({
        experiment: point + 1,
        scenario: name,
        scenario_id: scenario.id,
        seed: String(design.seed),
        passes,
        ...inputs,
        option_id: option.id,
        option_name: option.name ?? option.id,
        ...cells('consensus', wilsonInterval(consensus, passes)),
        ...cells('first_round_consensus', wilsonInterval(counter(OPTION_COUNTER.firstRound), passes)),
        ...cells('risk', wilsonInterval(counter(OPTION_COUNTER.risk), passes)),
        ...cells('viability', wilsonInterval(counter(OPTION_COUNTER.viable), passes)),
        mean_rounds: consensus === 0 ? null : counter(OPTION_COUNTER.rounds) / consensus,
        adopted_firmness_mean: adoptedFirmness,
        adopted_engagement_mean: consensus === 0 ? null : counter(OPTION_COUNTER.engagement) / FIXED_POINT_SCALE / consensus,
        dilution: adoptedFirmness === null ? null : proposedFirmness - adoptedFirmness,
        signal_mean: counter(OPTION_COUNTER.signal) / FIXED_POINT_SCALE / passes,
        top_blocker: topBlocker < 0 ? null : scenario.allies[topBlocker]!.id,
        ...(topBlocker < 0
          ? { top_blocker_rate: null, top_blocker_rate_lower: null, top_blocker_rate_upper: null }
          : cells('top_blocker_rate', wilsonInterval(topCount, passes))),
      });
      at += EXPERIMENT_OPTION_COUNTERS + scenario.allies.length;
    });
  }
  const columns = experimentColumns(plan.inputs);
  // Rows in column order, so that JSON, CSV and Arrow list the same fields in the same order.
  const ordered = rows.map((row) => Object.fromEntries(columns.map((column) => [column.name, row[column.name] ?? null])));
  return { format: 'concert-experiment', formatVersion: 1, manifest, design, scenarios: plan.scenarios, columns, rows: ordered };
}
