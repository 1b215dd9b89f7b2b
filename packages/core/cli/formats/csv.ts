/**
 * Results as tidy CSV (RFC 4180): one row per observation, one column per variable, so the file
 * loads straight into R, pandas or a spreadsheet, and files of several runs can be stacked. Cells
 * go through the core's `csvCell`, so no name can run as a spreadsheet formula.
 *
 * Two tables: `options` (one row per option) and `allies` (one row per option and ally, the
 * blocker figures). Every row starts with the run's identity (scenario, seed, passes).
 */
import { csvCell, type Estimate, type SimulationResult } from '../../src/index.js';

/** The tables `--format csv --table <name>` can print. */
export const CSV_TABLES = ['options', 'allies'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

type Cell = string | number | null;

/**
 * One CSV field: numbers in full precision, null as an empty field, text quoted when needed and
 * neutralised when a spreadsheet would read it as a formula (the core's `csvCell`).
 */
export function csvField(value: Cell): string {
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

/**
 * The options table: one row per option with its probabilities (estimate and 95% Wilson
 * interval), bargaining figures and signal distribution. Missing values (e.g. the mean adopted
 * firmness of an option never adopted) are empty fields.
 *
 * @example
 * optionsCsv(result).split('\n')[0];
 * // => 'scenario_id,seed,passes,option_id,option_name,proposed_firmness,...'
 */
export function optionsCsv(result: SimulationResult): string {
  const header = [
    'scenario_id', 'seed', 'passes', 'option_id', 'option_name',
    'proposed_firmness', 'proposed_engagement', 'proposed_visibility',
    ...estimateColumns('consensus'), ...estimateColumns('first_round_consensus'),
    ...estimateColumns('risk'), ...estimateColumns('viability'),
    'mean_rounds', 'adopted_firmness_mean', ...QUANTILES.map((q) => `adopted_firmness_${q}`),
    'adopted_engagement_mean', 'dilution', 'signal_mean', ...QUANTILES.map((q) => `signal_${q}`),
  ];
  const rows = result.options.map((option) => [
    ...runCells(result), option.id, option.name,
    option.proposed.firmness, option.proposed.engagement, option.proposed.visibility,
    ...estimateCells(option.consensus), ...estimateCells(option.firstRoundConsensus),
    ...estimateCells(option.risk), ...estimateCells(option.viability),
    option.meanRounds, option.adoptedFirmness.mean, ...QUANTILES.map((q) => option.adoptedFirmness.quantiles?.[q] ?? null),
    option.adoptedEngagement.mean, option.dilution, option.signal.mean, ...QUANTILES.map((q) => option.signal.quantiles?.[q] ?? null),
  ]);
  return csvText(header, rows);
}

/**
 * The allies table: one row per (option, ally) with how often the ally objected to the unamended
 * text, blocked consensus, and blocked it alone, each with its 95% Wilson interval.
 */
export function alliesCsv(result: SimulationResult): string {
  const header = [
    'scenario_id', 'seed', 'passes', 'option_id', 'ally_id',
    ...estimateColumns('initial_objection_rate'), ...estimateColumns('blocker_rate'), ...estimateColumns('sole_blocker_rate'),
  ];
  const rows = result.options.flatMap((option) =>
    option.allies.map((ally) => [
      ...runCells(result), option.id, ally.id,
      ...estimateCells(ally.initialObjectionRate), ...estimateCells(ally.blockerRate), ...estimateCells(ally.soleBlockerRate),
    ]),
  );
  return csvText(header, rows);
}

/** The named CSV table of a result. */
export function resultCsv(result: SimulationResult, table: CsvTable = 'options'): string {
  return table === 'options' ? optionsCsv(result) : alliesCsv(result);
}
