/**
 * Delimited text (tab- or comma-separated) read strictly, cell by cell: the layer both data-set
 * readers (`deu3.ts`, `tidy.ts`) stand on. Every problem names the file, the row (its line number,
 * from 1) and the column.
 */
import { MAX_DATASET_ROWS, MAX_DATA_CELL_LENGTH } from '../../budgets.js';
import { ConcertInputError, type Problem } from '../../problems.js';

/** One line of a delimited file, split into cells (quotes removed). */
export interface DelimitedRow {
  /** Its line number in the file, from 1. */
  readonly row: number;
  readonly cells: readonly string[];
}

/** Where a problem in a data file is: `file, row R, column C`. */
export function dataPath(file: string, row: number, column?: string): string {
  return column === undefined ? `${file}, row ${row}` : `${file}, row ${row}, column ${column}`;
}

/** A problem in a data file, at a row and (when known) a column. */
export function dataProblem(file: string, row: number, column: string | undefined, message: string, value?: unknown): Problem {
  return value === undefined ? { path: dataPath(file, row, column), message } : { path: dataPath(file, row, column), message, value };
}

/**
 * Splits one line into cells. A cell is bare (`abc`) or quoted (`"a b"`, a doubled quote `""`
 * standing for one quote inside); a quoted cell may hold the delimiter. An unmatched quote, or a
 * quote inside a bare cell, is a problem naming the cell's column number (from 1).
 */
function splitLine(line: string, delimiter: string): { cells: string[] } | { column: number; message: string; value: string } {
  const cells: string[] = [];
  let k = 0;
  for (;;) {
    const column = cells.length + 1;
    if (line[k] === '"') {
      const start = k;
      let value = '';
      let j = k + 1;
      for (;;) {
        const quote = line.indexOf('"', j);
        if (quote < 0) return { column, message: 'has a quote that is never closed', value: line.slice(k, k + 40) };
        value += line.slice(j, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          j = quote + 2;
          continue;
        }
        k = quote + 1;
        break;
      }
      if (k < line.length && line[k] !== delimiter)
        return { column, message: 'has text after its closing quote', value: line.slice(start, k + 10) };
      cells.push(value);
    } else {
      const end = line.indexOf(delimiter, k);
      const value = end < 0 ? line.slice(k) : line.slice(k, end);
      if (value.includes('"')) return { column, message: 'has a quote inside an unquoted value', value };
      cells.push(value);
      k = end < 0 ? line.length : end;
    }
    if (k >= line.length) return { cells };
    k += 1; // the delimiter
    if (k === line.length) {
      cells.push('');
      return { cells };
    }
  }
}

/**
 * Reads delimited text into rows of cells. Lines end with LF or CRLF; a final empty line is
 * ignored; an empty line elsewhere is a problem. Every row must have as many cells as the first.
 * More than {@link MAX_DATASET_ROWS} rows, or a cell longer than {@link MAX_DATA_CELL_LENGTH}
 * characters, is a problem too (before anything else looks at the cells).
 *
 * @throws {ConcertInputError} (kind `data`) for more than {@link MAX_DATASET_ROWS} rows, before any is split.
 * @returns the rows, and every problem found (an empty list when the text is well formed).
 * @example
 * readDelimited('a\tb\n"1"\t2\n', '\t', 'x.tsv').rows[1].cells; // => ['1', '2']
 */
export function readDelimited(text: string, delimiter: '\t' | ',', file: string): { rows: DelimitedRow[]; problems: Problem[] } {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const rows: DelimitedRow[] = [];
  const problems: Problem[] = [];
  if (lines.length > MAX_DATASET_ROWS)
    throw new ConcertInputError(
      `invalid data set ${file}`,
      [{ path: file, message: `has ${lines.length.toLocaleString('en-US')} rows, more than the ${MAX_DATASET_ROWS.toLocaleString('en-US')} a data file may have` }],
      'data',
    );
  let width = -1;
  lines.forEach((raw, index) => {
    const row = index + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') {
      problems.push(dataProblem(file, row, undefined, 'is empty (every line must be a row of the table)'));
      return;
    }
    const split = splitLine(line, delimiter);
    if (!('cells' in split)) {
      // Below the header, the column is named by the header's cell (else by its number, from 1).
      const name = rows.length > 0 ? (rows[0]!.cells[split.column - 1] ?? `${split.column}`) : `${split.column}`;
      problems.push(dataProblem(file, row, name, split.message, split.value));
      return;
    }
    const long = split.cells.findIndex((cell) => cell.length > MAX_DATA_CELL_LENGTH);
    if (long >= 0) {
      // The value itself is not quoted: it may be megabytes.
      const name = rows.length > 0 ? (rows[0]!.cells[long] ?? `${long + 1}`) : `${long + 1}`;
      problems.push(dataProblem(file, row, name, `is ${split.cells[long]!.length.toLocaleString('en-US')} characters long, more than the ${MAX_DATA_CELL_LENGTH.toLocaleString('en-US')} a cell may have`));
      return;
    }
    if (width < 0) width = split.cells.length;
    else if (split.cells.length !== width)
      problems.push(dataProblem(file, row, undefined, `must have ${width} cells like the header, has ${split.cells.length}`));
    rows.push({ row, cells: split.cells });
  });
  return { rows, problems };
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * A cell as a number, or `null` when empty. A cell that is not a plain decimal number (`abc`,
 * `1,5`, `NaN`, `Infinity`, spaces around it) is a problem.
 */
export function numberCell(value: string): number | null | 'not-a-number' {
  if (value === '') return null;
  if (!NUMBER.test(value)) return 'not-a-number';
  return Number(value);
}
