import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, parseScenario } from '../../packages/core/src/index.js';
import { FACTS_FILE, SCENARIO_DIR, SCENARIO_DOC, deriveScenarioFiles, documentedParameters } from '../../examples/data/derive-nato-russia-2025.js';
import { deriveAllies } from '../../examples/data/deriveNatoRussia2025.js';
import { parseFacts } from '../../examples/data/facts.js';

const facts = readFileSync(FACTS_FILE, 'utf8');

describe('deriveScenarioFiles(factsCsv)', () => {
  const files = deriveScenarioFiles(facts);

  it('gives exactly the committed files in examples/scenarios (run `pnpm derive` after changing the facts or the rule)', () => {
    for (const { file, text } of files) expect(readFileSync(join(SCENARIO_DIR, file), 'utf8'), `examples/scenarios/${file}`).toBe(text);
  });

  it('gives the derived-parameter table committed in docs/SCENARIO.md (run `pnpm derive` to update it)', () => {
    const doc = readFileSync(SCENARIO_DOC, 'utf8');
    expect(documentedParameters(facts, doc)).toBe(doc);
  });

  it('refuses a facts file with a malformed number, naming the row and column, before writing anything', () => {
    const bad = facts.replace('Estonia,EST,1.93,', 'Estonia,EST,1.9x,');
    expect(() => deriveScenarioFiles(bad)).toThrow(/facts row 9 \(Estonia\), column nato_pct_gdp_2014: expected a number/);
  });

  it('is deterministic: deriving twice gives the same bytes', () => {
    expect(deriveScenarioFiles(facts)).toEqual(files);
  });

  it('writes all 32 allies, the six strategy options of the debate, events with probabilities and blocs with correlations', () => {
    const scenario = JSON.parse(files[0]!.text);
    expect(scenario.allies).toHaveLength(32);
    expect(scenario.options.map((o: { id: string }) => o.id)).toEqual([
      'todays-course',
      'dual-track',
      'suspend-restraints',
      'terminate-contain',
      'engagement-first',
      'quiet-firm',
    ]);
    for (const option of scenario.options) expect(option.description.length, option.id).toBeGreaterThan(150);
    expect(scenario.events.length).toBeGreaterThanOrEqual(3);
    expect(scenario.blocs.map((b: { id: string }) => b.id)).toEqual(['eastern-flank', 'nordics', 'engagers']);
  });

  it('rounds every number to three decimals (no float noise in the committed file)', () => {
    const numbers = files.flatMap(({ text }) => [...text.matchAll(/-?\d+\.\d+/g)].map((m) => m[0]));
    for (const n of numbers) expect(n.split('.')[1]!.length, n).toBeLessThanOrEqual(3);
  });
});

describe('deriveAllies(facts)', () => {
  const allies = new Map(deriveAllies(parseFacts(facts)).map((a) => [a.iso3, a]));

  it('places the governments that favour Kremlin ties (Hungary, Slovakia) at the dovish, engaging end', () => {
    for (const id of ['HUN', 'SVK']) {
      expect(allies.get(id)!.hawkishness, id).toBeLessThan(0.45);
      expect(allies.get(id)!.engagementPreference, id).toBeGreaterThan(0.75);
    }
  });

  it('places the Baltic states and Poland at the hawkish end', () => {
    for (const id of ['EST', 'LVA', 'LTU', 'POL']) expect(allies.get(id)!.hawkishness, id).toBeGreaterThan(0.8);
  });

  it('states a fallback for every ally with a gap in the facts it uses', () => {
    expect(allies.get('USA')!.fallbacks.join('; ')).toMatch(/CHES Kremlin ties not covered: median covered government/);
    expect(allies.get('USA')!.fallbacks.join('; ')).toMatch(/population unverified: size from defence expenditure/);
    expect(allies.get('CAN')!.fallbacks.join('; ')).toMatch(/median size of the allies/);
    expect(allies.get('ISL')!.fallbacks.join('; ')).toMatch(/defence spending 2024 n\/a: weight dropped/);
    expect(allies.get('FIN')!.fallbacks.join('; ')).toMatch(/stale/);
  });

  it('widens the uncertainty of allies whose government position is not covered or stale', () => {
    expect(allies.get('USA')!.stanceUncertainty).toBeGreaterThan(allies.get('DEU')!.stanceUncertainty);
    expect(allies.get('GBR')!.stanceUncertainty).toBeGreaterThan(allies.get('DEU')!.stanceUncertainty);
  });
});

describe('examples/scenarios/*.json', () => {
  const names = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.json'));

  it('includes the default and the three presets', () => {
    expect(names.sort()).toEqual(['engagers-coordinate.json', 'escalation-before-summit.json', 'nato-russia-2025.json', 'us-disengagement.json']);
  });

  it.each(names)('%s is a valid scenario whose id matches its file name', (name) => {
    const parsed = parseScenario(JSON.parse(readFileSync(join(SCENARIO_DIR, name), 'utf8')));
    expect(parsed.success ? [] : parsed.problems.map(formatProblem)).toEqual([]);
    if (parsed.success) expect(`${parsed.data.id}.json`).toBe(name);
  });
});
