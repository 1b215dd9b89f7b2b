/**
 * compareScenarios: a paired change equals the difference of two separate simulate() runs with the
 * same seed and passes, count for count, and its standard error is that of the per-pass
 * differences (recomputed here from per-pass records); scenarios whose draw layouts differ get an
 * unpaired comparison that says so; Newcombe's interval checked against the published example.
 */
import { describe, expect, it } from 'vitest';
import {
  ConcertInputError,
  addTally,
  compareScenarios,
  prepareComparison,
  prepareRun,
  recordPasses,
  runPreparedBlocks,
  runComparisonBlocks,
  simulate,
  summarizeComparison,
  summarizeUnpairedComparison,
  unpairedDifference,
  type ScenarioInput,
} from '../../packages/core/src/index.js';
import { toyScenario } from '../core/helpers.js';

/** The toy scenario with Hungary-like changes: one ally's stance and cost moved, one option moved, one option added and one removed. */
function edited(): ScenarioInput {
  const scenario = toyScenario();
  const copy = structuredClone(scenario);
  const ally = copy.allies[30]! as unknown as { hawkishness: { center: number }; solidarityCost: number };
  ally.hawkishness.center = Math.min(0.9, ally.hawkishness.center + 0.2);
  ally.solidarityCost = 0.2;
  copy.options[1] = { ...copy.options[1]!, firmness: copy.options[1]!.firmness - 0.1 };
  const removed = copy.options.pop()!;
  copy.options.push({ ...removed, id: 'new-text', name: 'A new text', firmness: 0.5, engagement: 0.4 });
  return copy;
}

describe('compareScenarios(baseline, current, settings), paired', () => {
  const baseline = toyScenario();
  const current = edited();
  const settings = { passes: 3000, seed: 'compare' };
  const result = compareScenarios(baseline, current, settings);

  it('equals the difference of two separate simulate() runs, count for count, with the same estimates', () => {
    expect(result.pairing).toEqual({ paired: true, reason: null });
    const before = simulate(baseline, settings);
    const after = simulate(current, settings);
    expect(result.options.map((o) => o.id)).toEqual(after.options.filter((o) => before.options.some((b) => b.id === o.id)).map((o) => o.id));
    for (const option of result.options) {
      const b = before.options.find((o) => o.id === option.id)!;
      const a = after.options.find((o) => o.id === option.id)!;
      for (const measure of ['consensus', 'risk', 'viability'] as const) {
        expect(option[measure].baseline).toEqual(b[measure]);
        expect(option[measure].current).toEqual(a[measure]);
        const { up, down, estimate } = option[measure].change;
        expect(up! - down!).toBe(Math.round(a[measure].estimate * settings.passes) - Math.round(b[measure].estimate * settings.passes));
        expect(estimate).toBe((up! - down!) / settings.passes);
      }
      for (const ally of option.allies) {
        const before = b.allies.find((x) => x.id === ally.id)!.blockerRate;
        const after = a.allies.find((x) => x.id === ally.id)!.blockerRate;
        expect(ally.blockerRate.baseline).toEqual(before);
        expect(ally.blockerRate.current).toEqual(after);
        expect(ally.blockerRate.change.up! - ally.blockerRate.change.down!).toBe(Math.round((after.estimate - before.estimate) * settings.passes));
      }
    }
    expect(result.added).toEqual([{ id: 'new-text', name: 'A new text' }]);
    expect(result.removed.map((o) => o.id)).toEqual([baseline.options.at(-1)!.id]);
  });

  it('has the standard error of the per-pass differences, recomputed from per-pass records', () => {
    const recordsBefore = recordPasses(baseline, settings);
    const recordsAfter = recordPasses(current, settings);
    let changed = 0;
    for (const option of result.options) {
      const b = recordsBefore.options.find((o) => o.id === option.id)!;
      const a = recordsAfter.options.find((o) => o.id === option.id)!;
      for (const measure of ['consensus', 'risk', 'viability'] as const) {
        const outcome = (records: typeof a, k: number) => (measure === 'viability' ? records.consensus[k]! * (1 - records.risk[k]!) : records[measure][k]!);
        const n = settings.passes;
        const d = Array.from({ length: n }, (_, k) => outcome(a, k) - outcome(b, k));
        const mean = d.reduce((s, x) => s + x, 0) / n;
        const variance = d.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
        expect(option[measure].change.estimate).toBeCloseTo(mean, 14);
        expect(option[measure].change.standardError).toBeCloseTo(Math.sqrt(variance / n), 14);
        if (mean !== 0) changed++;
      }
    }
    expect(changed).toBeGreaterThan(0);
  });

  it('is much tighter than an unpaired comparison where little changed, and 0 ± 0 where nothing did', () => {
    const untouched = result.options.find((o) => o.consensus.change.up === 0 && o.consensus.change.down === 0);
    if (untouched !== undefined) expect(untouched.consensus.change).toMatchObject({ estimate: 0, standardError: 0, lower: 0, upper: 0 });
    const same = compareScenarios(baseline, baseline, settings);
    for (const option of same.options) expect(option.viability.change).toEqual({ estimate: 0, standardError: 0, lower: 0, upper: 0, up: 0, down: 0 });
    for (const option of result.options) {
      const { baseline: b, current: a, change } = option.consensus;
      const unpaired = Math.sqrt((b.estimate * (1 - b.estimate) + a.estimate * (1 - a.estimate)) / settings.passes);
      if (unpaired > 0) expect(change.standardError).toBeLessThan(unpaired);
    }
  });

  it('gives the same tally however its blocks are split', () => {
    const plan = prepareComparison(baseline, current, { passes: 1300, seed: 2 });
    const whole = runComparisonBlocks(plan, { from: 0, to: plan.blocks });
    const parts = runComparisonBlocks(plan, { from: 2, to: plan.blocks });
    addTally(parts, runComparisonBlocks(plan, { from: 0, to: 2 }));
    expect(Array.from(parts)).toEqual(Array.from(whole));
    expect(JSON.stringify(summarizeComparison(plan, parts))).toBe(JSON.stringify(compareScenarios(baseline, current, { passes: 1300, seed: 2 })));
  });
});

describe('compareScenarios, unpaired', () => {
  it('says why the runs cannot be paired when allies, blocs or events differ, and falls back to unpaired Wilson-based differences', () => {
    const baseline = toyScenario();
    const current = structuredClone(baseline);
    current.events = current.events!.slice(1);
    current.allies = current.allies.slice(0, 31);
    const settings = { passes: 2000, seed: 9 };
    const result = compareScenarios(baseline, current, settings);
    expect(result.pairing.paired).toBe(false);
    expect(result.pairing.reason).toContain('the allies differ');
    expect(result.pairing.reason).toContain('the events differ (baseline: ');
    const before = simulate(baseline, settings);
    const after = simulate(current, settings);
    for (const option of result.options) {
      const b = before.options.find((o) => o.id === option.id)!;
      const a = after.options.find((o) => o.id === option.id)!;
      const expected = unpairedDifference(Math.round(b.risk.estimate * 2000), 2000, Math.round(a.risk.estimate * 2000), 2000);
      expect(option.risk).toEqual({ baseline: b.risk, current: a.risk, change: { ...expected, up: null, down: null } });
      expect(option.allies).toHaveLength(31);
    }
    const plan = prepareComparison(baseline, current, settings);
    expect(() => runComparisonBlocks(plan, { from: 0, to: 1 })).toThrow(ConcertInputError);
  });

  it('summarizeUnpairedComparison(plan, tallies) of two runs split into chunks gives the bytes of compareScenarios, and refuses a tally missing a block', () => {
    const baseline = toyScenario();
    const current = structuredClone(baseline);
    current.events = current.events!.slice(1);
    const settings = { passes: 1300, seed: 4 };
    const plan = prepareComparison(baseline, current, settings);
    const chunked = (scenario: unknown) => {
      const run = prepareRun(scenario, settings);
      const tally = runPreparedBlocks(run, { from: 1, to: run.blocks });
      addTally(tally, runPreparedBlocks(run, { from: 0, to: 1 }));
      return tally;
    };
    const before = chunked(plan.baseline);
    const after = chunked(plan.current);
    expect(JSON.stringify(summarizeUnpairedComparison(plan, before, after))).toBe(JSON.stringify(compareScenarios(baseline, current, settings)));
    const run = prepareRun(plan.current, settings);
    expect(() => summarizeUnpairedComparison(plan, before, runPreparedBlocks(run, { from: 1, to: run.blocks }))).toThrow(/must have \d+ entries and count all 1300 passes/);
  });

  it('unpairedDifference gives Newcombe’s hybrid score interval (his example: 56/70 vs 48/80, 0.0524 to 0.3339)', () => {
    const difference = unpairedDifference(48, 80, 56, 70);
    expect(difference.estimate).toBeCloseTo(0.2, 12);
    expect(difference.lower).toBeCloseTo(0.0524, 4);
    expect(difference.upper).toBeCloseTo(0.3339, 4);
    expect(unpairedDifference(0, 10, 0, 10)).toEqual({ estimate: 0, standardError: 0, lower: expect.any(Number), upper: expect.any(Number) });
  });
});

describe('bad input', () => {
  it('names the side of an invalid scenario, and bad settings', () => {
    const bad = structuredClone(toyScenario()) as unknown as { allies: { hawkishness: { center: number } }[] };
    bad.allies[2]!.hawkishness.center = 1.5;
    try {
      compareScenarios(toyScenario(), bad, { passes: 0, seed: 1 });
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(ConcertInputError);
      expect((error as ConcertInputError).problems.map((p) => p.path)).toEqual(['passes']);
    }
    try {
      compareScenarios(toyScenario(), bad, { passes: 10, seed: 1 });
      throw new Error('expected an error');
    } catch (error) {
      expect((error as ConcertInputError).problems[0]).toMatchObject({ path: 'current.allies[2].hawkishness.center', value: 1.5 });
    }
  });
});
