/**
 * Results as tidy CSV (RFC 4180): one row per observation, one column per variable, so the file
 * loads straight into R, pandas or a spreadsheet, and files of several runs can be stacked. The
 * one CSV format of a result: `concert run --format csv` prints it and the notebook downloads it.
 * Text cells go through `csvCell`, so no name can run as a spreadsheet formula. Pure text in, text
 * out (no Node, no DOM).
 *
 * Two tables: `options` (one row per option) and `allies` (one row per option and ally, the
 * blocker figures). Every row starts with the run's identity (scenario, seed, passes). Columns
 * use the notebook's words (`option`, `ally`, `consensus_without_risk`, `signal_strength`), and
 * numbers have 4 decimals (0.01 percentage points for a share, finer than the Monte Carlo error
 * of any run the notebook or CLI makes); the result JSON keeps full precision.
 */
import type { SimulationResult } from '../run/result.js';
import type { Estimate } from '../statistics.js';
import { csvCell } from './csvCell.js';

/** The tables `--format csv --table <name>` can print. */
export const CSV_TABLES = ['options', 'allies'] as const;
/** A CSV table of a result: `options` or `allies`. */
export type CsvTable = (typeof CSV_TABLES)[number];

type Cell = string | number | null;

/** Decimals of every number in the CSV. */
export const CSV_DECIMALS = 4;

/**
 * One CSV field: numbers with at most 4 decimals (trailing zeros dropped, no negative zero), null
 * as an empty field, text through {@link csvCell} (quoted when needed, neutralised when a
 * spreadsheet would read it as a formula, control characters escaped).
 *
 * @example
 * csvField(0.61234567); // => '0.6123'
 * csvField('Firm, quietly'); // => '"Firm, quietly"'
 * csvField('=1+1'); // => "'=1+1"
 */
export function csvField(value: Cell): string {
  if (typeof value === 'number') {
    const rounded = Number(value.toFixed(CSV_DECIMALS));
    return String(Object.is(rounded, -0) ? 0 : rounded);
  }
  return csvCell(value);
}

function csvText(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

const estimateColumns = (name: string) => [name, `${name}_lower`, `${name}_upper`];
const estimateCells = (estimate: Estimate): Cell[] => [estimate.estimate, estimate.lower, estimate.upper];
const QUANTILES = ['p05', 'p25', 'p50', 'p75', 'p95'] as const;

function runCells(result: SimulationResult): Cell[] {
  return [result.scenario.id, String(result.manifest.seed), result.manifest.passes];
}

const nameOf = (entry: { readonly id: string; readonly name?: string | undefined }) => (entry.name !== undefined && entry.name !== '' ? entry.name : entry.id);

/**
 * The options table: one row per option with its probabilities (estimate and 95% Wilson
 * interval), bargaining figures and signal distribution. Missing values (e.g. the mean adopted
 * firmness of an option never adopted) are empty fields.
 *
 * @example
 * optionsCsv(result).split('\n')[0];
 * // => 'scenario_id,seed,passes,option_id,option,proposed_firmness,...'
 */
export function optionsCsv(result: SimulationResult): string {
  const header = [
    'scenario_id', 'seed', 'passes', 'option_id', 'option',
    'proposed_firmness', 'proposed_engagement', 'proposed_visibility',
    ...estimateColumns('consensus'), ...estimateColumns('first_round_consensus'),
    ...estimateColumns('risk'), ...estimateColumns('consensus_without_risk'),
    'mean_rounds', 'adopted_firmness_mean', ...QUANTILES.map((q) => `adopted_firmness_${q}`),
    'adopted_engagement_mean', 'dilution', 'signal_strength_mean', ...QUANTILES.map((q) => `signal_strength_${q}`),
  ];
  const rows = result.options.map((option) => [
    ...runCells(result), option.id, nameOf(option),
    option.proposed.firmness, option.proposed.engagement, option.proposed.visibility,
    ...estimateCells(option.consensus), ...estimateCells(option.firstRoundConsensus),
    ...estimateCells(option.risk), ...estimateCells(option.viability),
    option.meanRounds, option.adoptedFirmness.mean, ...QUANTILES.map((q) => option.adoptedFirmness.quantiles?.[q] ?? null),
    option.adoptedEngagement.mean, option.dilution, option.signal.mean, ...QUANTILES.map((q) => option.signal.quantiles?.[q] ?? null),
  ]);
  return csvText(header, rows);
}

/**
 * The allies table: one row per (option, ally), named as on the page, with how often the ally
 * objected to the unamended text, blocked consensus, and blocked it alone, each with its 95%
 * Wilson interval.
 */
export function alliesCsv(result: SimulationResult): string {
  const header = [
    'scenario_id', 'seed', 'passes', 'option_id', 'option', 'ally_id', 'ally',
    ...estimateColumns('initial_objection_rate'), ...estimateColumns('blocker_rate'), ...estimateColumns('sole_blocker_rate'),
  ];
  const allyNames = new Map(result.scenario.allies.map((ally) => [ally.id, nameOf(ally)]));
  const rows = result.options.flatMap((option) =>
    option.allies.map((ally) => [
      ...runCells(result), option.id, nameOf(option), ally.id, allyNames.get(ally.id) ?? ally.id,
      ...estimateCells(ally.initialObjectionRate), ...estimateCells(ally.blockerRate), ...estimateCells(ally.soleBlockerRate),
    ]),
  );
  return csvText(header, rows);
}

/**
 * The named CSV table of a result.
 *
 * @example
 * resultCsv(result, 'allies').split('\n')[0].startsWith('scenario_id,seed,passes,option_id,option,ally_id,ally,'); // => true
 */
export function resultCsv(result: SimulationResult, table: CsvTable = 'options'): string {
  return table === 'options' ? optionsCsv(result) : alliesCsv(result);
}
