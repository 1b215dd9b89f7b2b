/** Invariants that hold for every valid scenario and seed (fast-check property tests). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate, type ScenarioInput } from '../../packages/core/src/index.js';

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const open = fc.double({ min: 0.01, max: 0.99, noNaN: true });
const uncertain = fc.oneof(unit, fc.record({ center: open, uncertainty: fc.double({ min: 0, max: 3, noNaN: true }) }));

const scenarioArbitrary = (maxRounds: fc.Arbitrary<number>) =>
  fc
    .record({
      allies: fc.array(
        fc.record({
          hawkishness: uncertain,
          engagementPreference: uncertain,
          salience: uncertain,
          influence: fc.double({ min: 0.01, max: 10, noNaN: true }),
          solidarityCost: fc.double({ min: 0, max: 0.5, noNaN: true }),
          inBloc: fc.boolean(),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      options: fc.array(fc.record({ firmness: unit, engagement: unit, visibility: unit }), { minLength: 1, maxLength: 3 }),
      statusQuo: fc.record({ firmness: unit, engagement: unit, visibility: unit }),
      correlation: unit,
      eventProbability: unit,
      shift: fc.double({ min: -3, max: 3, noNaN: true }),
      maxRounds,
      step: unit,
      maxDrift: fc.double({ min: 0, max: 1, noNaN: true }),
      threshold: uncertain,
      exponent: fc.double({ min: 0.2, max: 4, noNaN: true }),
    })
    .map(
      (r): ScenarioInput => ({
        schemaVersion: 1,
        id: 'property',
        title: 'property',
        statusQuo: r.statusQuo,
        allies: r.allies.map(({ inBloc, ...a }, k) => ({ id: `A${k}`, ...a, ...(inBloc ? { bloc: 'bloc' } : {}) })),
        blocs: [{ id: 'bloc', correlation: r.correlation }],
        events: [{ id: 'event', probability: r.eventProbability, shifts: [{ allies: '*', parameter: 'hawkishness', by: r.shift }] }],
        options: r.options.map((o, k) => ({ id: `O${k}`, ...o })),
        bargaining: { maxRounds: r.maxRounds, step: r.step, maxDrift: r.maxDrift },
        signal: { exponent: r.exponent, threshold: r.threshold },
      }),
    );

function everyNumber(value: unknown, check: (n: number) => boolean): boolean {
  if (typeof value === 'number') return check(value);
  if (Array.isArray(value)) return value.every((v) => everyNumber(v, check));
  if (value !== null && typeof value === 'object') return Object.values(value).every((v) => everyNumber(v, check));
  return true;
}

describe('simulate(scenario, settings) for any valid scenario (property)', () => {
  it('gives probabilities in [0, 1] with lower <= estimate <= upper, and no NaN or Infinity anywhere', () => {
    fc.assert(
      fc.property(scenarioArbitrary(fc.integer({ min: 0, max: 4 })), fc.nat(), (scenario, seed) => {
        const result = simulate(scenario, { passes: 300, seed });
        if (!everyNumber(result, Number.isFinite)) return false;
        return result.options.every((o) =>
          [o.consensus, o.firstRoundConsensus, o.risk, o.viability, ...o.allies.flatMap((a) => [a.blockerRate, a.soleBlockerRate, a.initialObjectionRate])].every(
            (e) => e.lower >= 0 && e.lower <= e.estimate && e.estimate <= e.upper && e.upper <= 1,
          ) &&
          o.viability.estimate <= o.consensus.estimate &&
          o.firstRoundConsensus.estimate <= o.consensus.estimate &&
          (o.signal.mean ?? 0) >= 0 &&
          (o.signal.mean ?? 0) <= 1,
        );
      }),
      { numRuns: 60, seed: 3 },
    );
  });

  it('never lowers consensus when every solidarity cost rises, without bargaining, at the same seed', () => {
    fc.assert(
      fc.property(scenarioArbitrary(fc.constant(0)), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.nat(), (scenario, rise, seed) => {
        const costlier = { ...scenario, allies: scenario.allies.map((a) => ({ ...a, solidarityCost: a.solidarityCost + rise })) };
        const before = simulate(scenario, { passes: 300, seed });
        const after = simulate(costlier, { passes: 300, seed });
        return before.options.every((o, k) => after.options[k]!.consensus.estimate >= o.consensus.estimate);
      }),
      { numRuns: 60, seed: 5 },
    );
  });

  it('adopts only texts within maxDrift of the proposal', () => {
    fc.assert(
      fc.property(scenarioArbitrary(fc.integer({ min: 1, max: 4 })), fc.nat(), (scenario, seed) => {
        const result = simulate(scenario, { passes: 200, seed });
        const drift = scenario.bargaining!.maxDrift;
        // Mean adopted firmness lies within maxDrift of the proposal (fixed-point rounding: 2^-20).
        return result.options.every((o) => o.adoptedFirmness.mean === null || Math.abs(o.adoptedFirmness.mean - o.proposed.firmness) <= drift + 1e-6);
      }),
      { numRuns: 40, seed: 9 },
    );
  });
});

describe('simulate on the toy fixture at two seeds', () => {
  it('agrees with itself within the Monte Carlo error (independent seeds)', async () => {
    const { toyScenario } = await import('./helpers.js');
    const passes = 20_000;
    const a = simulate(toyScenario(), { passes, seed: 'first' });
    const b = simulate(toyScenario(), { passes, seed: 'second' });
    a.options.forEach((o, k) => {
      const p = o.consensus.estimate;
      const q = b.options[k]!.consensus.estimate;
      const se = Math.sqrt((p * (1 - p) + q * (1 - q)) / passes) || 1 / passes;
      expect(Math.abs(p - q) / se, `${o.id}: ${p} vs ${q}`).toBeLessThan(5);
    });
  });
});
