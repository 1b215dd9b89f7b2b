/**
 * Output that cannot attack its reader: CSV cells a spreadsheet would run as formulas are
 * neutralised (numbers stay numbers), and text from a scenario cannot drive a terminal through a
 * table, a JSON result or an error message (control characters escaped, no line of its own).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, escapeControlCharacters, hasControlCharacters, resultCsv, simulate, type ScenarioInput } from '../../packages/core/src/index.js';
import { resultJson } from '../../packages/core/cli/output.js';
import { runCli, temporaryDirectory } from '../cli/helpers.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectNormalRuns, toy } from './helpers.js';

/** Splits one CSV line (RFC 4180, no line breaks inside cells) into its raw cells. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let k = 0; k < line.length; k++) {
    const c = line[k]!;
    if (quoted) {
      if (c === '"' && line[k + 1] === '"') (cell += '"'), k++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(cell), (cell = '');
    else cell += c;
  }
  out.push(cell);
  return out;
}

const ATTACKS = ['=HYPERLINK("http://evil.example","x")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', '\t=1', '\r=1', '  =1+1'];

describe('CSV cells', () => {
  it.each(ATTACKS)('csvCell(%j) starts with an apostrophe, so no spreadsheet runs it', (attack) => {
    const cell = cells(csvCell(attack))[0]!;
    expect(cell.startsWith("'")).toBe(true);
    expect(cell.slice(1)).toBe(attack);
  });

  it('keeps numbers as numbers (negative ones too), plain text and empty cells as they are', () => {
    expect(csvCell(-0.05)).toBe('-0.05');
    expect(csvCell(-199.8)).toBe('-199.8');
    expect(csvCell(0.012642971224546034)).toBe('0.012642971224546034');
    expect(csvCell(null)).toBe('');
    expect(csvCell('Dual track')).toBe('Dual track');
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell('-5')).toBe("'-5"); // a text (a string seed "-5"), not the number -5
    expect(csvCell('x\u001b[2Jy')).toBe('x\\u001b[2Jy');
  });

  it('no text cell can start a formula or carry a terminal control, whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', ' ', 'a', '1', ',', '"', '\u001b', '\u009b', '\u202e', '\n') }), (text) => {
        const raw = csvCell(text);
        const cell = raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw;
        expect(/^ *[=+\-@\t\r]/.test(cell), JSON.stringify(raw)).toBe(false);
        expect(hasControlCharacters(cell.replace(/[\t\r\n]/g, '')), JSON.stringify(raw)).toBe(false);
      }),
      { numRuns: 500, seed: 8 },
    );
  });

  it('the CLI CSV neutralises hostile option names and keeps every figure a number', () => {
    const scenario = toy();
    scenario.options = scenario.options.map((option, k) => ({ ...option, name: ATTACKS[k % ATTACKS.length]! }));
    const csv = resultCsv(simulate(scenario, { passes: 500, seed: 3 }), 'options');
    const rows = csv.trim().split('\n').map(cells);
    const nameColumn = rows[0]!.indexOf('option');
    for (const row of rows.slice(1)) {
      expect(row[nameColumn]!.startsWith("'"), row[nameColumn]).toBe(true);
      for (const [k, cell] of row.entries()) if (k > nameColumn && cell !== '') expect(Number.isFinite(Number(cell)), cell).toBe(true);
    }
    expectNormalRuns([0]);
  });
});

/** The fixture with a title and an option name that try to clear the screen and fake a line. */
function hostileTexts(): ScenarioInput {
  const scenario = toy();
  scenario.title = '\u001b[2J\u001b[Hvalid\r\n0 problems\u202e';
  scenario.options = scenario.options.map((option, k) => (k === 0 ? { ...option, name: 'x\u009b31m\u2028y' } : option));
  return scenario;
}

describe('tables, JSON and messages', () => {
  it('--format table escapes a hostile title: no control character, and the heading stays one line', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'hostile.json'), JSON.stringify(hostileTexts()));
    const outcome = await runCli(['run', 'hostile.json', '-n', '250', '--format', 'table'], { cwd: dir });
    expect(outcome.status).toBe(0);
    expect(hasControlCharacters(outcome.stdout.replaceAll('\n', ''))).toBe(false);
    expect(outcome.stdout.split('\n')[0]).toBe('\\u001b[2J\\u001b[Hvalid\\u000d\\u000a0 problems\\u202e (toy-32): 250 passes, seed 1, model 1, engine 0.1.0');
  });

  it('JSON results escape the controls JSON.stringify leaves raw, and parse back to the same texts', () => {
    const result = simulate(hostileTexts(), { passes: 250, seed: 1 });
    const json = resultJson(result);
    expect(hasControlCharacters(json.replaceAll('\n', ''))).toBe(false);
    expect(json).toContain('"name": "x\\u009b31m\\u2028y"');
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(result)));
    // A result with no such characters is byte for byte what JSON.stringify writes.
    const plain = simulate(toy(), { passes: 250, seed: 1 });
    expect(resultJson(plain)).toBe(JSON.stringify(plain, null, 2) + '\n');
  });

  it('error messages escape control characters in keys, values, file names and arguments', async () => {
    const dir = temporaryDirectory();
    const file = 'bad\u001b[2J.json';
    writeFileSync(join(dir, file), JSON.stringify({ ...toy(), '\u001b[2J\u001b[H0 problems': 1, title: 5 }));
    for (const argv of [['validate', file], ['run', file, '-n', '250'], ['run', file, '--format', '\u001b[2J'], ['run', '--\u001b[31m']]) {
      const outcome = await runCli(argv, { cwd: dir });
      expect(outcome.status).toBeGreaterThan(0);
      expect(hasControlCharacters(outcome.stderr.replaceAll('\n', '')), JSON.stringify(outcome.stderr)).toBe(false);
    }
    const outcome = await runCli(['validate', file], { cwd: dir });
    expect(outcome.stderr).toContain('\\u001b[2J\\u001b[H0 problems: is not a known field (check the spelling)');
    expect(escapeControlCharacters('a\nb', '\n')).toBe('a\nb');
  });
});
