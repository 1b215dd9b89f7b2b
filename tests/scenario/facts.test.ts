import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FactsError, NATO_ALLIES_2025, parseFacts, readFact } from '../../examples/data/facts.js';

const CSV = readFileSync('examples/data/nato-allies-facts.csv', 'utf8');
const lines = CSV.trimEnd().split('\n');
const withLines = (edit: (rows: string[]) => string[]) => `${edit([...lines]).join('\n')}\n`;

describe('readFact(cell, where)', () => {
  it('reads a plain decimal as that number', () => {
    expect(readFact('2.04', 'x')).toEqual({ kind: 'value', value: 2.04 });
    expect(readFact('-1.92', 'x')).toEqual({ kind: 'value', value: -1.92 });
  });
  it('reads a number with a note in parentheses as the number and keeps the note', () => {
    expect(readFact('1.86 (attribution inferred)', 'x')).toEqual({ kind: 'value', value: 1.86, note: 'attribution inferred' });
    expect(readFact('3.71 (order inferred)', 'x')).toEqual({ kind: 'value', value: 3.71, note: 'order inferred' });
    expect(readFact('-2.25 (Smer)', 'x')).toEqual({ kind: 'value', value: -2.25, note: 'Smer' });
  });
  it('reads a bound "<0.01" as half the bound, flagged as a bound', () => {
    expect(readFact('<0.01', 'x')).toEqual({ kind: 'value', value: 0.005, bound: 'below', note: 'below 0.01' });
  });
  it('reads the explicit missing markers as missing, never as a number', () => {
    for (const cell of ['unverified', 'not covered', 'n/a', 'cut off in source', 'n/a (no armed forces)', 'unverified (below Kiel top 30)'])
      expect(readFact(cell, 'x')).toEqual({ kind: 'missing', marker: cell });
  });
  it('refuses anything else, naming where and what it expected', () => {
    for (const cell of ['', '2,04', 'about 2', '1.2.3', 'NaN', '2e3', 'unknown'])
      expect(() => readFact(cell, 'facts row 7 (Czechia), column population')).toThrow(
        /^facts row 7 \(Czechia\), column population: expected a number/,
      );
  });
});

describe('parseFacts(csvText)', () => {
  it('reads all 32 allies of the committed facts file, each exactly once', () => {
    const facts = parseFacts(CSV);
    expect(facts.map((a) => a.iso3).sort()).toEqual(NATO_ALLIES_2025.map(([iso3]) => iso3).sort());
  });
  it('reads the committed annotations by their rules (Croatia, United States, Hungary, Slovakia, Iceland)', () => {
    const by = new Map(parseFacts(CSV).map((a) => [a.iso3, a]));
    expect(by.get('HRV')!.defencePctGdp2024Revised).toEqual({ kind: 'value', value: 1.86, note: 'attribution inferred' });
    expect(by.get('USA')!.defencePctGdp2014).toEqual({ kind: 'value', value: 3.71, note: 'order inferred' });
    expect(by.get('HUN')!.kielMilitaryAidPctGdp).toMatchObject({ kind: 'value', value: 0.005, bound: 'below' });
    expect(by.get('SVK')!.chesKremlinTies).toEqual({ kind: 'value', value: 1.9, note: 'Smer' });
    expect(by.get('ISL')!.defencePctGdp2024Revised.kind).toBe('missing');
    expect(by.get('EST')!.landBorderWithRussiaOrBelarus).toBe(true);
    expect(by.get('TUR')!.landBorderWithRussiaOrBelarus).toBe(false);
  });
  it('refuses a missing ally, naming it', () => {
    const text = withLines((rows) => rows.filter((r) => !r.startsWith('Latvia,')));
    expect(() => parseFacts(text)).toThrow(FactsError);
    expect(() => parseFacts(text)).toThrow(/missing ally Latvia \(LVA\)/);
  });
  it('refuses a duplicated ally, naming both rows', () => {
    const text = withLines((rows) => [...rows, rows.find((r) => r.startsWith('Estonia,'))!]);
    expect(() => parseFacts(text)).toThrow(/facts row 34 \(Estonia\): duplicated ally, already given in row 9/);
  });
  it('refuses a malformed number, naming the row, ally and column', () => {
    const text = withLines((rows) => rows.map((r) => (r.startsWith('Czechia,') ? r.replace('10900600', '10.900.600') : r)));
    expect(() => parseFacts(text)).toThrow(/facts row 7 \(Czechia\), column population: expected a number.*got "10\.900\.600"/);
  });
  it('refuses an unknown ally code, a country that does not match its code, and a short row', () => {
    expect(() => parseFacts(withLines((rows) => rows.map((r) => r.replace('Albania,ALB', 'Albania,ALX'))))).toThrow(/facts row 2, column iso3/);
    expect(() => parseFacts(withLines((rows) => rows.map((r) => r.replace('Albania,ALB', 'Albanie,ALB'))))).toThrow(/facts row 2, column country: expected "Albania"/);
    expect(() => parseFacts(withLines((rows) => rows.map((r) => (r.startsWith('Greece,') ? r.split(',').slice(0, 5).join(',') : r))))).toThrow(/facts row 13: expected 14 cells, got 5/);
  });
  it('refuses a malformed land-border cell and a changed header', () => {
    expect(() => parseFacts(withLines((rows) => rows.map((r) => r.replace('Yes (RU),3.55', 'Maybe,3.55'))))).toThrow(
      /facts row 9 \(Estonia\), column land_border_russia_or_belarus: expected "Yes \(RU\)"/,
    );
    expect(() => parseFacts(withLines((rows) => [rows[0]!.replace('population,', 'pop,'), ...rows.slice(1)]))).toThrow(/facts header \(row 1\)/);
  });
});
