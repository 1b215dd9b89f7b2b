/**
 * The tidy table of an experiment: one row per experiment and option, one column per variable,
 * so that the output loads straight into pandas, R or Polars and files can be stacked. Its
 * columns, their types (for the Arrow file) and its CSV text.
 */
import { csvCell } from '../../formats/csvCell.js';

/** A column's type: whole number, real number, text. Any column but the first five may be empty (null). */
export type ColumnType = 'int' | 'float' | 'text';

/** One column of the tidy table. */
export interface ExperimentColumn {
  readonly name: string;
  readonly type: ColumnType;
  /** What it holds, in words. */
  readonly description: string;
}

/** One row: a value per column, by column name (null for a figure that does not exist). */
export type ExperimentRow = Readonly<Record<string, number | string | null>>;

const estimate = (name: string, what: string): ExperimentColumn[] => [
  { name, type: 'float', description: what },
  { name: `${name}_lower`, type: 'float', description: `lower end of the 95% Wilson interval of ${name}` },
  { name: `${name}_upper`, type: 'float', description: `upper end of the 95% Wilson interval of ${name}` },
];

/** The columns before the inputs. */
export const LEADING_COLUMNS: readonly ExperimentColumn[] = [
  { name: 'experiment', type: 'int', description: 'the design point, from 1 (the same point in every scenario)' },
  { name: 'scenario', type: 'text', description: 'the scenario as the design names it (a file or a built-in name)' },
  { name: 'scenario_id', type: 'text', description: "the scenario's id" },
  { name: 'seed', type: 'text', description: 'the seed of every experiment (common random numbers)' },
  { name: 'passes', type: 'int', description: 'passes of each experiment' },
];

/** The columns after the inputs: the option and its figures. */
export const FIGURE_COLUMNS: readonly ExperimentColumn[] = [
  { name: 'option_id', type: 'text', description: "the option's id" },
  { name: 'option_name', type: 'text', description: "the option's name" },
  ...estimate('consensus', 'probability that the option (possibly amended) is adopted by consensus'),
  ...estimate('first_round_consensus', 'probability that the unamended text is adopted at once'),
  ...estimate('risk', "probability that the signal sent exceeds Russia's tolerance"),
  ...estimate('viability', 'probability of consensus with no destabilization risk'),
  { name: 'mean_rounds', type: 'float', description: 'mean amendment rounds over passes that reached consensus (empty if none did)' },
  { name: 'adopted_firmness_mean', type: 'float', description: 'mean firmness of the adopted text (empty if never adopted)' },
  { name: 'adopted_engagement_mean', type: 'float', description: 'mean engagement of the adopted text (empty if never adopted)' },
  { name: 'dilution', type: 'float', description: 'proposed minus mean adopted firmness (empty if never adopted)' },
  { name: 'signal_mean', type: 'float', description: 'mean signal strength over all passes' },
  { name: 'top_blocker', type: 'text', description: 'the ally that blocked most often (empty if no ally ever blocked)' },
  ...estimate('top_blocker_rate', 'share of passes in which the top blocker still objected after the last round'),
];

/** Every column name that is not an input's: a field's column must differ from these. */
export const FIXED_COLUMNS: readonly string[] = [...LEADING_COLUMNS, ...FIGURE_COLUMNS].map((column) => column.name);

/** The columns of an experiment with these inputs: leading columns, one per input, the figures. */
export function experimentColumns(inputs: readonly { readonly name: string; readonly label: string }[]): ExperimentColumn[] {
  return [...LEADING_COLUMNS, ...inputs.map((input): ExperimentColumn => ({ name: input.name, type: 'float', description: input.label })), ...FIGURE_COLUMNS];
}

/**
 * A tidy table as CSV (RFC 4180, a header line, `\n` line ends), each cell by `csvCell`: numbers
 * in full precision, so the CSV and the Arrow file hold the same values; text neutralised against
 * spreadsheet formulas and with its control characters escaped (docs/LIMITS.md, "CSV").
 *
 * @example
 * tidyCsv([{ name: 'a', type: 'int', description: '' }], [{ a: 1 }]); // => 'a\n1\n'
 */
export function tidyCsv(columns: readonly ExperimentColumn[], rows: readonly ExperimentRow[]): string {
  const lines = [columns.map((column) => csvCell(column.name)).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvCell(row[column.name] ?? null)).join(','));
  return lines.join('\n') + '\n';
}
