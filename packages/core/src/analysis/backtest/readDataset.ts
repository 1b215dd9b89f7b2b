/** Reading a data set in either layout, told apart by its header. */
import type { Dataset } from './dataset.js';
import { readDeu3 } from './deu3.js';
import { detectDatasetFormat, readTidy } from './tidy.js';

/**
 * Reads a data set: the DEU III layout when its header has the DEU columns, else Concert's tidy
 * format (or the layout named by `format`). A UTF-8 byte order mark at the start is skipped.
 *
 * @throws {ConcertInputError} (kind `data`) listing every problem with its file, row and column.
 * @example
 * readDataset(readFileSync('deu3-train.tsv', 'utf8'), 'deu3-train.tsv').format; // => 'deu3'
 */
export function readDataset(input: string, file: string, format?: 'deu3' | 'tidy'): Dataset {
  // Spreadsheets on Windows save CSV with a UTF-8 byte order mark; it is not part of the first column's name.
  const text = input.startsWith('\ufeff') ? input.slice(1) : input;
  return (format ?? detectDatasetFormat(text)) === 'deu3' ? readDeu3(text, file) : readTidy(text, file);
}
