/** Reading a data set in either layout, told apart by its header. */
import type { Dataset } from './dataset.js';
import { readDeu3 } from './deu3.js';
import { detectDatasetFormat, readTidy } from './tidy.js';

/**
 * Reads a data set: the DEU III layout when its header has the DEU columns, else Concert's tidy
 * format (or the layout named by `format`).
 *
 * @throws {ConcertInputError} (kind `data`) listing every problem with its file, row and column.
 * @example
 * readDataset(readFileSync('deu3-train.tsv', 'utf8'), 'deu3-train.tsv').format; // => 'deu3'
 */
export function readDataset(text: string, file: string, format: 'deu3' | 'tidy' = detectDatasetFormat(text)): Dataset {
  return format === 'deu3' ? readDeu3(text, file) : readTidy(text, file);
}
