/**
 * The tornado: exact agreement with separate runs of the moved scenarios on the same seed (so the
 * shortcuts that skip unchanged passes are exact), independence of the block split, clamps,
 * a closed-form case checked within its paired standard error, and bad settings.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ConcertInputError,
  TallyLayout,
  pairedDifference,
  prepareRun,
  runPreparedBlocks,
  prepareTornado,
  runTornadoBlocks,
  simulate,
  summarizeTornado,
  tornado,
  tornadoBars,
  type ScenarioInput,
  type TornadoResult,
} from '../../packages/core/src/index.js';
import { OPTION_COUNTER } from '../../packages/core/src/run/tally.js';
import { ally, scenarioOf, toyScenario } from '../core/helpers.js';
import { withParameter } from './helpers.js';

/** Standard normal distribution function (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}
const logit = (p: number) => Math.log(p / (1 - p));

function problemsOf(run: () => unknown): { path: string; message: string; value?: unknown }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConcertInputError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConcertInputError');
}

/** The consensus, risk and viability counts of every option of a run (straight from the engine's tally). */
function counts(scenario: ScenarioInput, passes: number, seed: string | number): Map<string, [number, number, number]> {
  const run = prepareRun(scenario, { passes, seed });
  const tally = runPreparedBlocks(run, { from: 0, to: run.blocks });
  const layout = new TallyLayout(run.scenario.options.length, run.scenario.allies.length);
  return new Map(
    run.scenario.options.map((option, o) => [
      option.id,
      [tally[layout.option(o, OPTION_COUNTER.consensus)]!, tally[layout.option(o, OPTION_COUNTER.risk)]!, tally[layout.option(o, OPTION_COUNTER.viable)]!],
    ]),
  );
}

/** Every move of a tornado equals the difference of two separate runs with the same seed and passes, count for count. */
function expectMovesMatchSeparateRuns(scenario: ScenarioInput, result: TornadoResult): void {
  const { passes, seed } = result.manifest;
  const base = counts(scenario, passes, seed);
  const moved = new Map<string, Map<string, [number, number, number]>>();
  for (const effect of result.effects)
    for (const direction of ['low', 'high'] as const) {
      const move = effect[direction];
      const key = `${effect.parameter}/${direction}`;
      if (!moved.has(key)) moved.set(key, counts(withParameter(scenario, effect.parameter, move.value), passes, seed));
      const before = base.get(effect.option)!;
      const after = moved.get(key)!.get(effect.option)!;
      (['consensus', 'risk', 'viability'] as const).forEach((measure, m) =>
        expect({ key, option: effect.option, measure, change: move[measure].up - move[measure].down }).toEqual({ key, option: effect.option, measure, change: after[m]! - before[m]! }),
      );
    }
  expect(moved.size).toBe(result.manifest.parameters.length * 2);
}

describe('tornado(scenario, settings)', () => {
  it('reports base estimates identical to simulate() with the same seed and passes', () => {
    const scenario = toyScenario();
    const result = tornado(scenario, { passes: 600, seed: 11, parameters: ['allies.A01.hawkishness'] });
    const base = simulate(scenario, { passes: 600, seed: 11 });
    expect(result.options.map((o) => [o.id, o.consensus, o.risk, o.viability])).toEqual(
      base.options.map((o) => [o.id, o.consensus, o.risk, o.viability]),
    );
  });

  it('moves every default parameter of toy-32 exactly as separate runs of the moved scenario do', () => {
    const scenario = toyScenario();
    const result = tornado(scenario, { passes: 1000, seed: 'exact' });
    expect(result.manifest.parameters.length).toBe(32 * 4 + 2);
    expectMovesMatchSeparateRuns(scenario, result);
  });

  it('moves every parameter of the default scenario (Hungary, Slovakia, all events, costs) exactly as separate runs do', () => {
    const scenario = JSON.parse(readFileSync(new URL('../../examples/scenarios/nato-russia-2025.json', import.meta.url), 'utf8')) as ScenarioInput;
    const result = tornado(scenario, { passes: 500, seed: 'default', parameters: ['allies.HUN.hawkishness', 'allies.SVK.engagementPreference', 'allies.TUR.salience', 'allies.*.solidarityCost', 'events.*.probability'] });
    expect(result.manifest.parameters.length).toBe(3 + 32 + scenario.events!.length);
    expectMovesMatchSeparateRuns(scenario, result);
  });

  it('moves the bargaining step, maximum drift and threshold center exactly as separate runs do', () => {
    const scenario = toyScenario();
    const result = tornado(scenario, {
      passes: 750,
      seed: 3,
      step: 0.05,
      parameters: ['bargaining.step', 'bargaining.maxDrift', 'signal.threshold.center'],
    });
    expectMovesMatchSeparateRuns(scenario, result);
  });

  it('is exact with a signal formula that reads unity (every stance enters the signal)', () => {
    const scenario = { ...toyScenario(), signal: { exponent: 2, threshold: { center: 0.3, uncertainty: 0.5 }, formula: 'visibility * firmness ^ exponent * unity' } };
    const result = tornado(scenario, { passes: 400, seed: 5, parameters: ['allies.*.hawkishness', 'allies.*.salience'], options: ['dual-track', 'suspend'] });
    expectMovesMatchSeparateRuns(scenario, result);
  });

  it('gives the same tally however its blocks are split', () => {
    const plan = prepareTornado(toyScenario(), { passes: 1100, seed: 9, parameters: ['allies.*.hawkishness', 'events.*.probability'] });
    const whole = runTornadoBlocks(plan, { from: 0, to: plan.blocks });
    const parts = [runTornadoBlocks(plan, { from: 3, to: 5 }), runTornadoBlocks(plan, { from: 0, to: 1 }), runTornadoBlocks(plan, { from: 1, to: 3 })];
    const merged = new Float64Array(plan.tallySize);
    for (const part of parts) for (let k = 0; k < merged.length; k++) merged[k]! += part[k]!;
    expect(Array.from(merged)).toEqual(Array.from(whole));
    expect(JSON.stringify(summarizeTornado(plan, merged))).toBe(JSON.stringify(summarizeTornado(plan, whole)));
  });

  it('with an absolute step, clamps centers 0.01 inside (0, 1), probabilities into [0, 1] and costs at 0, and says so', () => {
    const scenario = scenarioOf({
      allies: [ally('X', { hawkishness: { center: 0.95, uncertainty: 0.5 }, salience: 0.04, solidarityCost: 0.05 })],
      events: [{ id: 'shock', probability: 0.97, shifts: [] }],
    });
    const result = tornado(scenario, { passes: 10, seed: 1, step: 0.1, parameters: ['allies.X.hawkishness', 'allies.X.salience', 'allies.X.solidarityCost', 'events.shock.probability'] });
    const moves = result.effects.map((e) => [e.parameter, e.low.value, e.low.clamped, e.high.value, e.high.clamped]);
    expect(moves).toEqual([
      ['allies.X.hawkishness', 0.85, false, 0.99, true],
      ['allies.X.salience', 0, true, 0.14, false],
      ['allies.X.solidarityCost', 0, true, 0.15000000000000002, false],
      ['events.shock.probability', 0.87, false, 1, true],
    ]);
    expect(result.manifest).toMatchObject({ stepRule: 'absolute', step: 0.1 });
    expect(result.effects.map((e) => e.step)).toEqual(Array(4).fill({ size: 0.1, scale: 'value' }));
  });

  it('by default moves each parameter on its own scale, records the step, and never moves a cost to 0', () => {
    const scenario = scenarioOf({
      allies: [
        ally('X', { hawkishness: { center: 0.95, uncertainty: 0.5 }, salience: 0.04, solidarityCost: 0.05 }),
        ally('Y', { hawkishness: { center: 0.3, uncertainty: 0 }, solidarityCost: 0 }),
      ],
      events: [{ id: 'shock', probability: 0.97, shifts: [] }],
      bargaining: { maxRounds: 3, step: 0.5, maxDrift: 0.2 },
    });
    const names = ['allies.X.hawkishness', 'allies.X.salience', 'allies.X.solidarityCost', 'allies.Y.hawkishness', 'allies.Y.solidarityCost', 'events.shock.probability', 'bargaining.maxDrift', 'signal.threshold.center'];
    const result = tornado(scenario, { passes: 10, seed: 1, parameters: names });
    expect(result.manifest).toMatchObject({ stepRule: 'scaled', step: 0.1 });
    const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
    const byName = new Map(result.effects.map((e) => [e.parameter, e]));
    // An uncertain center: half its uncertainty on the logit scale.
    expect(byName.get('allies.X.hawkishness')!.step).toEqual({ size: 0.25, scale: 'logit' });
    expect(byName.get('allies.X.hawkishness')!.low.value).toBeCloseTo(sigmoid(logit(0.95) - 0.25), 14);
    expect(byName.get('allies.X.hawkishness')!.high.value).toBeCloseTo(sigmoid(logit(0.95) + 0.25), 14);
    expect(byName.get('allies.X.hawkishness')!.high.clamped).toBe(false);
    // A center with no uncertainty: 0.25 on the logit scale.
    expect(byName.get('allies.Y.hawkishness')!.step).toEqual({ size: 0.25, scale: 'logit' });
    // A plain number and a probability: 0.1, clamped into [0, 1].
    expect(byName.get('allies.X.salience')!.step).toEqual({ size: 0.1, scale: 'value' });
    expect(byName.get('events.shock.probability')!.high).toMatchObject({ value: 1, clamped: true });
    // A cost: a quarter of its value (never down to 0); a cost of 0: a quarter of the mean cost.
    expect(byName.get('allies.X.solidarityCost')!.step.size).toBeCloseTo(0.0125, 15);
    expect(byName.get('allies.X.solidarityCost')!.low.value).toBeCloseTo(0.0375, 15);
    expect(byName.get('allies.X.solidarityCost')!.low.clamped).toBe(false);
    expect(byName.get('allies.Y.solidarityCost')!.step.size).toBeCloseTo(0.25 * 0.025, 15);
    expect(byName.get('allies.Y.solidarityCost')!.low).toMatchObject({ value: 0, clamped: true });
    expect(byName.get('bargaining.maxDrift')!.step.size).toBeCloseTo(0.05, 15);
    // The threshold center (default: 0.45 with uncertainty 0.6): 0.3 on the logit scale.
    expect(byName.get('signal.threshold.center')!.step.size).toBeCloseTo(0.3, 15);
    for (const effect of result.effects) expect(effect.low.value).toBeLessThan(effect.high.value);
  });

  it('estimates a closed-form change within 5 paired standard errors, and pairing makes the error small', () => {
    // One ally objects to the option (firmness 0.8) iff its hawkishness h < 0.6 (it is then
    // closer to the status quo at 0.4), so P(consensus) = 1 - Phi((logit 0.6 - logit c) / sigma).
    const sigma = 1;
    const scenario = scenarioOf({
      statusQuo: { firmness: 0.4, engagement: 0.5, visibility: 0 },
      allies: [ally('X', { hawkishness: { center: 0.5, uncertainty: sigma } })],
      options: [{ id: 'firm', firmness: 0.8, engagement: 0.5, visibility: 0.5 }],
      signal: { exponent: 2, threshold: 0.1 },
    });
    const passes = 4000;
    const consensusAt = (c: number) => 1 - normalCdf((logit(0.6) - logit(c)) / sigma);
    const absolute = tornado(scenario, { passes, seed: 'closed-form', step: 0.1, parameters: ['allies.X.hawkishness'] }).effects[0]!;
    // The default step: half the uncertainty (0.5) on the logit scale.
    const scaled = tornado(scenario, { passes, seed: 'closed-form', parameters: ['allies.X.hawkishness'] }).effects[0]!;
    const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
    const cases = [[absolute.low, 0.4], [absolute.high, 0.6], [scaled.low, sigmoid(-0.5)], [scaled.high, sigmoid(0.5)]] as const;
    for (const [move, center] of cases) {
      expect(move.value).toBeCloseTo(center, 14);
      const exact = consensusAt(center) - consensusAt(0.5);
      const { estimate, standardError } = move.consensus;
      expect(Math.abs(estimate - exact) / standardError).toBeLessThan(5);
      // Unpaired runs would have an error of sqrt(p1 q1 / n + p0 q0 / n); pairing removes the common part.
      const p0 = consensusAt(0.5);
      const p1 = consensusAt(center);
      expect(standardError).toBeLessThan(0.8 * Math.sqrt((p0 * (1 - p0) + p1 * (1 - p1)) / passes));
      // Risk equals consensus here (the adopted text always exceeds the fixed threshold 0.1).
      expect(move.risk).toEqual(move.consensus);
    }
  });

  it('refuses unknown parameters and options and a bad step, naming each setting', () => {
    const problems = problemsOf(() =>
      tornado(toyScenario(), { passes: 10, seed: 1, step: 0, parameters: ['allies.HU.hawkishness', 'allies.*.hawkishnes', 'events.*.probability'], options: ['nope'] }),
    );
    expect(problems.map((p) => p.path)).toEqual(['step']);
    const named = problemsOf(() =>
      tornado(toyScenario(), { passes: 10, seed: 1, parameters: ['allies.HU.hawkishness', 'allies.*.hawkishnes'], options: ['nope'] }),
    );
    expect(named.map((p) => [p.path, p.value])).toEqual([
      ['parameters[0]', 'allies.HU.hawkishness'],
      ['parameters[1]', 'allies.*.hawkishnes'],
      ['options[0]', 'nope'],
    ]);
    expect(named[0]!.message).toMatch(/must name a parameter of this scenario/);
    expect(problemsOf(() => tornado(toyScenario(), { passes: 0, seed: -1 } as never)).map((p) => p.path)).toEqual(['passes', 'seed']);
    expect(problemsOf(() => tornado(toyScenario(), { passes: 10, seed: 1, extra: true } as never)).map((p) => p.path)).toEqual(['extra']);
    const none = problemsOf(() => tornado(scenarioOf({ allies: [ally('X')] }), { passes: 10, seed: 1, parameters: ['events.*.probability'] }));
    expect(none).toEqual([{ path: 'parameters', message: 'must select at least one parameter of this scenario (these selectors match none)', value: ['events.*.probability'] }]);
  });
});

describe('tornadoBars(result, { option, measure, top })', () => {
  it('orders bars by the larger absolute change, largest first', () => {
    const result = tornado(toyScenario(), { passes: 500, seed: 2, parameters: ['allies.*.hawkishness'] });
    const bars = tornadoBars(result, { option: 'dual-track', measure: 'consensus', top: 5 });
    expect(bars).toHaveLength(5);
    for (let k = 1; k < bars.length; k++) expect(bars[k - 1]!.swing).toBeGreaterThanOrEqual(bars[k]!.swing);
    expect(bars[0]!.swing).toBe(Math.max(Math.abs(bars[0]!.low.estimate), Math.abs(bars[0]!.high.estimate)));
    expect(() => tornadoBars(result, { option: 'nope' })).toThrow(/option "nope" is not in the result/);
  });
});

describe('pairedDifference(up, down, passes)', () => {
  it('gives the mean and the standard error of per-pass differences', () => {
    const d = pairedDifference(30, 10, 1000);
    // Differences: 30 times +1, 10 times -1, 960 times 0.
    const mean = 0.02;
    const variance = (30 * (1 - mean) ** 2 + 10 * (-1 - mean) ** 2 + 960 * mean ** 2) / 999;
    expect(d.estimate).toBe(mean);
    expect(d.standardError).toBeCloseTo(Math.sqrt(variance / 1000), 15);
    expect(d.upper - d.estimate).toBeCloseTo(1.959963984540054 * d.standardError, 15);
    expect(pairedDifference(0, 0, 10)).toMatchObject({ estimate: 0, standardError: 0, lower: 0, upper: 0 });
    expect(() => pairedDifference(6, 5, 10)).toThrow(/up \+ down <= passes/);
  });
});
