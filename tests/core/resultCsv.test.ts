/**
 * The core's result CSV (the one format the CLI prints and the notebook downloads): its tables'
 * shape, figure-for-figure agreement with the result, empty fields for figures that do not exist.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alliesCsv, csvField, optionsCsv, resultCsv, simulate } from '../../packages/core/src/index.js';

const TOY = JSON.parse(readFileSync('tests/fixtures/toy-32.json', 'utf8')) as unknown;
const RESULT = simulate(TOY, { passes: 1_000, seed: 7 });

describe('resultCsv(result, table)', () => {
  it('options: one row per option after the header; allies: one row per (option, ally)', () => {
    const options = optionsCsv(RESULT).trimEnd().split('\n');
    expect(options).toHaveLength(1 + RESULT.options.length);
    expect(options[0]).toMatch(/^scenario_id,seed,passes,option_id,option,/);
    const allies = alliesCsv(RESULT).trimEnd().split('\n');
    expect(allies).toHaveLength(1 + RESULT.options.length * 32);
    expect(resultCsv(RESULT, 'allies')).toBe(alliesCsv(RESULT));
    expect(resultCsv(RESULT)).toBe(optionsCsv(RESULT));
  });

  it('leaves the figures of a never-adopted option empty, never NaN or null', () => {
    const csv = optionsCsv(RESULT);
    expect(csv).not.toMatch(/NaN|null|undefined/);
    const header = csv.split('\n')[0]!.split(',');
    const never = RESULT.options.findIndex((option) => option.dilution === null);
    expect(never).toBeGreaterThanOrEqual(0);
    const row = csv.split('\n')[never + 1]!.split(',');
    expect(row[header.indexOf('dilution')]).toBe('');
  });

  it('csvField(value) quotes commas, quotes and line breaks, and leaves null empty', () => {
    expect(csvField('Firm, quietly')).toBe('"Firm, quietly"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField(null)).toBe('');
    expect(csvField(0.5)).toBe('0.5');
  });

  it('csvField(number) keeps 4 decimals, drops trailing zeros and negative zero', () => {
    expect([csvField(0.61234567), csvField(0.99995), csvField(1 / 3), csvField(-0.00001), csvField(20000)]).toEqual(['0.6123', '1', '0.3333', '0', '20000']);
  });
});
