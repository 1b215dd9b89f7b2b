/** Rendering a result in the format asked for on the command line. */
import { CSV_TABLES, jsonWithoutControlCharacters, resultCsv, type CsvTable, type SimulationResult } from '../src/index.js';
import { parseChoice, stringOption } from './args.js';
import type { OptionSpec, ParsedArgs } from './command.js';
import { UsageError } from './exitCodes.js';
import { resultTable } from './formats/table.js';

/** The output formats of a result. */
export const RESULT_FORMATS = ['json', 'csv', 'table'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

/** How to render a result. */
export interface OutputSettings {
  readonly format: ResultFormat;
  /** The CSV table (only with `format: 'csv'`). */
  readonly table: CsvTable;
  /** Write here (atomically) instead of stdout. */
  readonly out: string | undefined;
}

/** The options every command that prints a result shares. */
export const OUTPUT_OPTIONS: OptionSpec = {
  format: { type: 'string', short: 'f' },
  table: { type: 'string' },
  out: { type: 'string', short: 'o' },
};

/** The help lines of {@link OUTPUT_OPTIONS}. */
export const OUTPUT_HELP = `  -f, --format F      json (default): the full result, as the library returns it;
                      csv: tidy CSV, see --table; table: an aligned text table
      --table T       with --format csv: options (default): one row per option;
                      allies: one row per (option, ally) with the blocker figures
  -o, --out FILE      write to FILE (via a temporary file, renamed when complete)
                      instead of stdout; never one of the inputs or a read-only file`;

/**
 * Reads `--format`, `--table` and `--out`.
 *
 * @throws {UsageError} for an unknown format or table, or `--table` without `--format csv`.
 */
export function outputSettings(args: ParsedArgs): OutputSettings {
  const format = parseChoice('format', stringOption(args, 'format') ?? 'json', RESULT_FORMATS);
  const tableText = stringOption(args, 'table');
  if (tableText !== undefined && format !== 'csv') throw new UsageError('--table goes with --format csv');
  const table = parseChoice('table', tableText ?? 'options', CSV_TABLES);
  return { format, table, out: stringOption(args, 'out') };
}

/**
 * JSON text as the CLI writes it: the characters `JSON.stringify` leaves raw that could drive a
 * terminal (C1 and bidirectional controls, U+2028, U+2029) written as `\uXXXX`, so `cat` of a
 * result is safe. The text parses to the same value; JSON without them is unchanged.
 */
export function jsonText(json: string): string {
  return jsonWithoutControlCharacters(json);
}

/**
 * Any result (a run, a map, a comparison, a backtest, a calibration ...) as the CLI writes JSON:
 * two-space indentation, a final newline, and {@link jsonText}'s escapes. Key order comes from
 * the core, so equal results give equal bytes.
 */
export function prettyJson(value: unknown): string {
  return jsonText(JSON.stringify(value, null, 2) + '\n');
}

/** A result as JSON text ({@link prettyJson}). */
export function resultJson(result: SimulationResult): string {
  return prettyJson(result);
}

/** A result rendered in the chosen format. */
export function renderResult(result: SimulationResult, settings: Pick<OutputSettings, 'format' | 'table'>): string {
  switch (settings.format) {
    case 'json':
      return resultJson(result);
    case 'csv':
      return resultCsv(result, settings.table);
    case 'table':
      return resultTable(result);
  }
}
