/**
 * Scenario discovery: per-pass records that agree with simulate(), PRIM on data with a known
 * box, a closed-form scenario whose failure condition is known exactly, and bad settings.
 */
import { describe, expect, it } from 'vitest';
import { ConcertInputError, blockStream, decisionTree, discoverDrivers, prim, recordPasses, simulate } from '../../packages/core/src/index.js';
import { ally, scenarioOf, toyScenario } from '../core/helpers.js';

describe('recordPasses(scenario, { passes, seed, options })', () => {
  it('records the passes simulate() counts: same outcomes, events and stances from the same seed', () => {
    const records = recordPasses(toyScenario(), { passes: 900, seed: 4 });
    const result = simulate(toyScenario(), { passes: 900, seed: 4 });
    for (const [o, option] of result.options.entries()) {
      const recorded = records.options[o]!;
      expect(recorded.id).toBe(option.id);
      expect(recorded.consensus.reduce((s, x) => s + x, 0)).toBe(Math.round(option.consensus.estimate * 900));
      expect(recorded.risk.reduce((s, x) => s + x, 0)).toBe(Math.round(option.risk.estimate * 900));
    }
    // 2 events, 32 allies x 3 uncertain stance parameters, the threshold.
    expect(records.features.map((f) => f.kind)).toEqual(['event', 'event', ...Array<string>(96).fill('stance'), 'threshold']);
    expect(records.features[2]!.label).toBe("Ally 1's hawkishness");
    for (const feature of records.features)
      for (const value of feature.values) expect(feature.kind === 'event' ? value === 0 || value === 1 : value > 0 && value < 1).toBe(true);
  });

  it('refuses too many passes and unknown options', () => {
    expect(() => recordPasses(toyScenario(), { passes: 200_001, seed: 1 })).toThrow(/passes: must be a whole number from 1 to 200000/);
    expect(() => recordPasses(toyScenario(), { passes: 10, seed: 1, options: ['nope'] })).toThrow(/options\[0\]: must be the id of an option/);
  });
});

describe('prim(features, cases, options)', () => {
  it('finds the box a synthetic case was made from, with its coverage and density', () => {
    // Cases: x below 0.3 and the event did not occur (a quarter of the space at most). Noise
    // feature z plays no part.
    const n = 8000;
    const stream = blockStream('prim-test', 0);
    const x = new Float64Array(n);
    const z = new Float64Array(n);
    const event = new Float64Array(n);
    const cases = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = stream.uniform();
      z[i] = stream.uniform();
      event[i] = stream.uniform() < 0.5 ? 1 : 0;
      cases[i] = x[i]! < 0.3 && event[i] === 0 ? 1 : 0;
    }
    const result = prim(
      [
        { name: 'x', label: 'x', binary: false, values: x },
        { name: 'z', label: 'z', binary: false, values: z },
        { name: 'e', label: 'storm', binary: true, values: event },
      ],
      cases,
      { minCoverage: 0.9 },
    );
    expect(result.baseRate).toBeCloseTo(0.15, 1);
    expect(result.box.density).toBe(1);
    expect(result.box.coverage).toBeGreaterThanOrEqual(0.9);
    expect(result.box.conditions.map((c) => c.feature).sort()).toEqual(['e', 'x']);
    expect(result.box.text).toMatch(/^(no storm and x below 0\.(29|30)|x below 0\.(29|30) and no storm)$/);
    // Coverage never grows and mass shrinks along the peeling.
    for (let k = 1; k < result.trajectory.length; k++) {
      expect(result.trajectory[k]!.coverage).toBeLessThanOrEqual(result.trajectory[k - 1]!.coverage);
      expect(result.trajectory[k]!.mass).toBeLessThan(result.trajectory[k - 1]!.mass);
    }
  });

  it('keeps the whole space when there is nothing to explain', () => {
    const result = prim([{ name: 'x', label: 'x', binary: false, values: [0.1, 0.2, 0.3] }], [0, 0, 0]);
    expect(result.box).toMatchObject({ conditions: [], coverage: 0, density: 0, mass: 1, text: 'in every pass' });
  });
});

describe('decisionTree(features, cases, options)', () => {
  it('splits synthetic data along the box it was made from, leaves partitioning the points', () => {
    const n = 8000;
    const stream = blockStream('tree-test', 0);
    const x = new Float64Array(n);
    const z = new Float64Array(n);
    const event = new Float64Array(n);
    const cases = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = stream.uniform();
      z[i] = stream.uniform();
      event[i] = stream.uniform() < 0.5 ? 1 : 0;
      cases[i] = x[i]! < 0.3 && event[i] === 0 ? 1 : 0;
    }
    const features = [
      { name: 'x', label: 'x', binary: false, values: x },
      { name: 'z', label: 'z', binary: false, values: z },
      { name: 'e', label: 'storm', binary: true, values: event },
    ];
    const { leaves, cases: total } = decisionTree(features, cases, { maxDepth: 2 });
    expect(leaves.reduce((s, leaf) => s + leaf.points, 0)).toBe(n);
    expect(leaves.reduce((s, leaf) => s + leaf.cases, 0)).toBe(total);
    const [densest] = leaves;
    expect(densest!.density).toBe(1);
    expect(densest!.coverage).toBe(1);
    expect(densest!.conditions.map((c) => c.feature).sort()).toEqual(['e', 'x']);
    expect(densest!.text).toMatch(/^(x below 0\.30 and no storm|no storm and x below 0\.30)$/);
    for (const leaf of leaves.slice(1)) expect(leaf.cases).toBe(0);
    expect(decisionTree(features, cases, { maxDepth: 0 }).leaves.map((l) => l.text)).toEqual(['in every pass']);
  });
});

describe('discoverDrivers(scenario, settings)', () => {
  it('finds the exact failure condition of a closed-form scenario in words', () => {
    // X objects to the option (firmness 0.8, status quo 0.4) exactly when its hawkishness is below 0.6.
    const scenario = scenarioOf({
      statusQuo: { firmness: 0.4, engagement: 0.5, visibility: 0 },
      allies: [ally('X', { name: 'Xland', hawkishness: { center: 0.6, uncertainty: 1 }, salience: { center: 0.5, uncertainty: 1 } })],
      options: [{ id: 'firm', name: 'Firm', firmness: 0.8, engagement: 0.5, visibility: 0.5 }],
      events: [{ id: 'noise', name: 'Noise', probability: 0.5, shifts: [] }],
    });
    const found = discoverDrivers(scenario, { passes: 5000, seed: 8, option: 'firm', minCoverage: 0.9 });
    expect(found.box.conditions).toHaveLength(1);
    const [condition] = found.box.conditions;
    expect(condition!.feature).toBe('allies.X.hawkishness');
    expect(condition!.upper).toBeLessThan(0.6);
    expect(condition!.upper).toBeGreaterThan(0.55);
    expect(found.box.density).toBe(1);
    expect(found.box.coverage).toBeGreaterThanOrEqual(0.9);
    expect(found.summary).toMatch(/^Consensus on Firm fails in 50% of passes; where Xland's hawkishness below 0\.(5[6-9]|60), in 100% of passes \(coverage (9\d|100)% of the failures, /);
    // On the run's next 5000 passes the box still holds only failures (the condition is exact),
    // and covers most of them.
    expect(found.holdout).toMatchObject({ passes: 5000, density: { estimate: 1 } });
    expect(found.holdout!.coverage.estimate).toBeGreaterThan(0.85);
    expect(found.holdout!.density.lower).toBeGreaterThan(0.99);
    expect(found.summary).toMatch(/ On 5000 fresh passes: 100% \(\d+(\.\d)?%-100%\) inside, coverage \d+%\.$/);
    // The tree's densest leaf is the same condition, split exactly at the truth (0.6, up to the gap between sampled values).
    const [leaf] = found.tree!;
    expect(leaf!.conditions.map((c) => c.feature)).toEqual(['allies.X.hawkishness']);
    expect(leaf!.density).toBe(1);
    expect(leaf!.coverage).toBe(1);
    expect(leaf!.conditions[0]!.upper).toBeGreaterThan(0.59);
    expect(leaf!.conditions[0]!.upper).toBeLessThan(0.6);
  });

  it('refuses an unknown option and settings out of range, naming each setting', () => {
    const problems = (settings: unknown) => {
      try {
        discoverDrivers(toyScenario(), settings as never);
      } catch (error) {
        if (error instanceof ConcertInputError) return error.problems.map((p) => p.path);
        throw error;
      }
      return [];
    };
    expect(problems({ passes: 10, seed: 1, option: 'nope' })).toEqual(['option']);
    expect(problems({ passes: 300_000, seed: 1, option: 'engage', alpha: 0.7, target: 'doom', maxConditions: 0 })).toEqual(['passes', 'target', 'alpha', 'maxConditions']);
    expect(problems({ passes: 150_000, seed: 1, option: 'engage' })).toEqual(['holdoutPasses']);
    expect(problems({ passes: 150_000, holdoutPasses: 0, seed: 1, option: 'engage', minCoverage: 2 })).toEqual(['minCoverage']);
  });
});
