/**
 * Control characters: text that comes from an input (a scenario's title, a key, a file name) is
 * shown with its control characters escaped, so that it cannot move a terminal's cursor, clear the
 * screen, recolour or reorder the text around it, or hide itself.
 */

/**
 * The characters escaped: C0 controls (U+0000-U+001F), DEL, C1 controls (U+0080-U+009F), the
 * bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), the line and
 * paragraph separators (U+2028, U+2029) and the byte order mark (U+FEFF).
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

const escape = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Text with every control character written as `\uXXXX`; the characters listed in `keep` (for
 * example `'\n'` in a message of several lines) are left as they are.
 *
 * @example
 * escapeControlCharacters('fake\u001b[2J0 problems'); // => 'fake\\u001b[2J0 problems'
 * escapeControlCharacters('line 1\nline 2', '\n'); // => 'line 1\nline 2'
 */
export function escapeControlCharacters(text: string, keep = ''): string {
  return text.replace(CONTROL, (character) => (keep.includes(character) ? character : escape(character)));
}

/**
 * Whether a text holds a character {@link escapeControlCharacters} would escape.
 *
 * @example
 * hasControlCharacters('plain'); // => false
 */
export function hasControlCharacters(text: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(text);
  CONTROL.lastIndex = 0;
  return found;
}

/**
 * JSON text with the characters `JSON.stringify` leaves raw (DEL, C1 controls, bidirectional
 * controls, U+2028, U+2029, U+FEFF) written as `\uXXXX` escapes. They can only occur inside
 * strings, so the text parses to the very same value; line breaks (indentation) are kept, and JSON
 * without such characters is returned unchanged.
 *
 * @example
 * jsonWithoutControlCharacters('{"title":"\u202e"}'); // => '{"title":"\\u202e"}'
 */
export function jsonWithoutControlCharacters(json: string): string {
  return json.replace(CONTROL, (character) => (character === '\n' ? character : escape(character)));
}
