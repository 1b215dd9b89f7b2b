/**
 * Closed-form cases: one or two allies with no (or simple) uncertainty, where the model's answer
 * can be worked out by hand. Exact where the outcome is certain; within 5 Monte Carlo standard
 * errors where it is a probability.
 */
import { erf } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { logit, simulate, type ScenarioInput } from '../../packages/core/src/index.js';
import { ally, scenarioOf, withinMonteCarloError } from './helpers.js';

const normalCdf = (x: number) => 0.5 * (1 + (erf(x / Math.SQRT2) as number));
const option = (firmness: number, extra: Partial<{ engagement: number; visibility: number }> = {}) => ({
  id: `f${firmness}`,
  firmness,
  engagement: 0.5,
  visibility: 0.5,
  ...extra,
});

describe('the consensus rule', () => {
  // Status quo at firmness 0.5; the ally's ideal firmness is 0.2, salience 1, solidarity cost 0.1.
  const dove = ally('DOVE', { hawkishness: 0.2, solidarityCost: 0.1 });

  it('adopts a text no farther from the ally than the status quo at once', () => {
    const result = simulate(scenarioOf({ allies: [dove], options: [option(0.5)] }), { passes: 300, seed: 1 });
    const [o] = result.options;
    expect(o!.consensus.estimate).toBe(1);
    expect(o!.firstRoundConsensus.estimate).toBe(1);
    expect(o!.meanRounds).toBe(0);
    expect(o!.allies[0]!.initialObjectionRate.estimate).toBe(0);
  });

  it('blocks a text whose salience-weighted loss exceeds the solidarity cost, without bargaining', () => {
    // d(0.8) - d(0.5) = 0.6 - 0.3 = 0.3 > 0.1
    const result = simulate(scenarioOf({ allies: [dove], options: [option(0.8)] }), { passes: 300, seed: 1 });
    const [o] = result.options;
    expect(o!.consensus.estimate).toBe(0);
    expect(o!.allies[0]!.blockerRate.estimate).toBe(1);
    expect(o!.allies[0]!.soleBlockerRate.estimate).toBe(1);
    expect(o!.adoptedFirmness.mean).toBeNull();
    expect(o!.dilution).toBeNull();
  });

  it('does not block when the loss equals the solidarity cost exactly (strict inequality)', () => {
    // d(0.6) - d(0.5) = 0.4 - 0.3 = 0.1, not > 0.1 (0.1 is not exact in binary: use 0.25 steps)
    const exact = ally('E', { hawkishness: 0.25, solidarityCost: 0.25 });
    const result = simulate(
      scenarioOf({ allies: [exact], statusQuo: { firmness: 0.5, engagement: 0.5, visibility: 0.5 }, options: [option(0.75)] }),
      { passes: 10, seed: 1 },
    );
    expect(result.options[0]!.consensus.estimate).toBe(1);
  });
});

describe('the bargaining step', () => {
  const dove = ally('DOVE', { hawkishness: 0.2, solidarityCost: 0.1 });

  it('moves the text half way to the objector and adopts it in round 1', () => {
    // x1 = 0.8 + 0.5 (0.2 - 0.8) = 0.5, which the ally accepts.
    const result = simulate(
      scenarioOf({ allies: [dove], options: [option(0.8)], bargaining: { maxRounds: 1, step: 0.5, maxDrift: 1 } }),
      { passes: 200, seed: 1 },
    );
    const [o] = result.options;
    expect(o!.consensus.estimate).toBe(1);
    expect(o!.firstRoundConsensus.estimate).toBe(0);
    expect(o!.meanRounds).toBe(1);
    expect(o!.adoptedFirmness.mean).toBeCloseTo(0.5, 6);
    expect(o!.dilution).toBeCloseTo(0.3, 6);
  });

  it('pulls the text back onto the disc of maxDrift around the proposal', () => {
    // x1 would be 0.5, but maxDrift 0.1 keeps it at 0.7: d = 0.5, loss 0.2 > 0.1, still blocked.
    const result = simulate(
      scenarioOf({ allies: [dove], options: [option(0.8)], bargaining: { maxRounds: 1, step: 0.5, maxDrift: 0.1 } }),
      { passes: 200, seed: 1 },
    );
    expect(result.options[0]!.consensus.estimate).toBe(0);
    expect(result.options[0]!.allies[0]!.blockerRate.estimate).toBe(1);
  });

  it("weights the objectors' ideal points by influence times salience", () => {
    // Both object to 0.9; m = (1 * 0.1 + 3 * 0.3) / 4 = 0.25; x1 = 0.9 + 0.5 (0.25 - 0.9) = 0.575,
    // where each ally's loss is 0.075 < 0.1.
    const allies = [
      ally('A', { hawkishness: 0.1, influence: 1, solidarityCost: 0.1 }),
      ally('B', { hawkishness: 0.3, influence: 3, solidarityCost: 0.1 }),
    ];
    const result = simulate(
      scenarioOf({ allies, options: [option(0.9)], bargaining: { maxRounds: 2, step: 0.5, maxDrift: 1 } }),
      { passes: 100, seed: 1 },
    );
    const [o] = result.options;
    expect(o!.consensus.estimate).toBe(1);
    expect(o!.meanRounds).toBe(1);
    expect(o!.adoptedFirmness.mean).toBeCloseTo(0.575, 6);
    expect(o!.allies.map((a) => a.initialObjectionRate.estimate)).toEqual([1, 1]);
  });

  it('ignores a dimension whose weight is 0', () => {
    const allies = [ally('A', { hawkishness: 0.5, engagementPreference: 0.9, solidarityCost: 0.05 })];
    const scenario = (wE: number): ScenarioInput =>
      scenarioOf({ allies, dimensionWeights: { firmness: 1, engagement: wE }, options: [option(0.5, { engagement: 0 })] });
    expect(simulate(scenario(1), { passes: 10, seed: 1 }).options[0]!.consensus.estimate).toBe(0);
    expect(simulate(scenario(0), { passes: 10, seed: 1 }).options[0]!.consensus.estimate).toBe(1);
  });
});

describe('uncertainty, events and blocs', () => {
  const passes = 40_000;

  it('makes consensus as likely as the event that moves the ally (probability 0.3)', () => {
    // Without the event the ally (ideal 0.5) objects to 0.8 (loss 0.3 > 0.2); the event shifts its
    // hawkishness by +3 on the logit scale, to 0.953, where 0.8 is closer than the status quo.
    const scenario = scenarioOf({
      allies: [ally('A', { hawkishness: { center: 0.5, uncertainty: 0 }, solidarityCost: 0.2 })],
      events: [{ id: 'escalation', probability: 0.3, shifts: [{ allies: '*', parameter: 'hawkishness', by: 3 }] }],
      options: [option(0.8)],
    });
    const estimate = simulate(scenario, { passes, seed: 'event' }).options[0]!.consensus.estimate;
    const check = withinMonteCarloError(estimate, 0.3, passes);
    expect(check.ok, check.message).toBe(true);
  });

  // Status quo at firmness 0.1, text at 0.5, engagement equal: an ally with ideal h objects
  // (salience 1, no cost) iff h < 0.3. With h = sigmoid(latent), P(object) = Phi(logit(0.3)).
  const pObject = normalCdf(logit(0.3));
  const pair = (rho: number) =>
    scenarioOf({
      statusQuo: { firmness: 0.1, engagement: 0.5, visibility: 0.5 },
      allies: ['A', 'B'].map((id) => ally(id, { hawkishness: { center: 0.5, uncertainty: 1 }, bloc: 'bloc' })),
      blocs: [{ id: 'bloc', correlation: rho }],
      options: [option(0.5)],
    });

  it('treats allies of a bloc with correlation 0 as independent: P(consensus) = (1 - p)^2', () => {
    const o = simulate(pair(0), { passes, seed: 'bloc' }).options[0]!;
    const check = withinMonteCarloError(o.consensus.estimate, (1 - pObject) ** 2, passes);
    expect(check.ok, check.message).toBe(true);
    const blocker = withinMonteCarloError(o.allies[0]!.blockerRate.estimate, pObject, passes);
    expect(blocker.ok, blocker.message).toBe(true);
  });

  it('moves allies of a bloc with correlation 1 together: P(consensus) = 1 - p, never a sole blocker', () => {
    const o = simulate(pair(1), { passes, seed: 'bloc' }).options[0]!;
    const check = withinMonteCarloError(o.consensus.estimate, 1 - pObject, passes);
    expect(check.ok, check.message).toBe(true);
    expect(o.allies[0]!.blockerRate.estimate).toBe(o.allies[1]!.blockerRate.estimate);
    expect(o.allies.map((a) => a.soleBlockerRate.estimate)).toEqual([0, 0]);
  });
});

describe('the signal and its risk', () => {
  const passes = 40_000;
  const agreeable = ally('A', { solidarityCost: 10 });

  it('sends visibility * firmness ^ exponent when adopted, and the status quo signal when not', () => {
    const adopted = simulate(
      scenarioOf({ allies: [agreeable], options: [option(0.8, { visibility: 0.5 })], signal: { exponent: 2, threshold: 0.9 } }),
      { passes: 100, seed: 1 },
    ).options[0]!;
    expect(adopted.signal.mean).toBeCloseTo(0.5 * 0.64, 5);
    expect(adopted.risk.estimate).toBe(0);
    const blocked = simulate(
      scenarioOf({
        allies: [ally('B', { hawkishness: 0.1, solidarityCost: 0 })],
        statusQuo: { firmness: 0.5, engagement: 0.5, visibility: 0.4 },
        options: [option(0.8, { visibility: 1 })],
        signal: { exponent: 3, threshold: 0.01 },
      }),
      { passes: 100, seed: 1 },
    ).options[0]!;
    expect(blocked.consensus.estimate).toBe(0);
    expect(blocked.signal.mean).toBeCloseTo(0.4 * 0.125, 5);
    expect(blocked.risk.estimate).toBe(1);
  });

  it('crosses an uncertain threshold with probability Phi((logit S - logit c) / u)', () => {
    const S = 1 * 0.8 ** 2;
    const threshold = { center: 0.45, uncertainty: 0.6 };
    const exact = normalCdf((logit(S) - logit(threshold.center)) / threshold.uncertainty);
    const o = simulate(
      scenarioOf({ allies: [agreeable], options: [option(0.8, { visibility: 1 })], signal: { exponent: 2, threshold } }),
      { passes, seed: 'threshold' },
    ).options[0]!;
    const check = withinMonteCarloError(o.risk.estimate, exact, passes);
    expect(check.ok, check.message).toBe(true);
    expect(o.viability.estimate).toBeCloseTo(1 - o.risk.estimate, 12);
  });
});
