/**
 * One CSV cell, safe to open in a spreadsheet: RFC 4180 quoting, and text that a spreadsheet would
 * run as a formula neutralised (the OWASP rule for CSV injection). docs/LIMITS.md, "CSV".
 */
import { escapeControlCharacters } from '../controlCharacters.js';

/** The characters that make a spreadsheet read a cell as a formula when they start it. */
const FORMULA_START = /^ *[=+\-@\t\r]/;

/**
 * A CSV cell. Numbers are written as numbers in full precision (so `-0.05` stays a negative
 * number); null is an empty cell. Text is text: a text that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return (after any spaces) gets a leading `'`, so that no spreadsheet runs it as a
 * formula; control characters other than tab and line breaks are written as `\uXXXX`; and a
 * text holding a comma, quote or line break is quoted, its quotes doubled.
 *
 * @example
 * csvCell(-0.05); // => '-0.05'
 * csvCell('=HYPERLINK("http://x")'); // => '"\'=HYPERLINK(""http://x"")"'
 * csvCell('-5'); // => "'-5" (a text, for example a string seed)
 * csvCell('Dual track, firm'); // => '"Dual track, firm"'
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  let text = escapeControlCharacters(value, '\t\r\n');
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
