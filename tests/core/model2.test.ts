/**
 * Model 2: the decision rules (qualified majority with quotas and a blocking minority, allies that
 * cannot block, co-legislators), the compromise and setter protocols, and the stance distributions
 * at the ends of the scale. Closed-form cases with tolerances from the Monte Carlo standard error,
 * exact cases, and properties. Model 2 is opt-in: a scenario that names none of it stays model 1.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EngineState,
  blockStream,
  canonicalJson,
  compileModel,
  createJudgment,
  drawLayout,
  evaluateOption,
  forEachPass,
  modelVersionOf,
  prepareRun,
  reflectIntoUnit,
  sampleWorld,
  simulate,
  validateScenario,
  type ScenarioInput,
} from '../../packages/core/src/index.js';
import { ally, scenarioOf, toyScenario, withinMonteCarloError } from './helpers.js';

/** Fails unless `estimate` is within 5 Monte Carlo standard errors of `exact` (helpers.ts). */
function expectWithinMonteCarloError(estimate: number, exact: number, trials: number): void {
  const { ok, message } = withinMonteCarloError(estimate, exact, trials);
  expect(ok, message).toBe(true);
}

/** An ally that objects to a text at firmness 1 (status quo 0, no cost) with probability 1/2, independently. */
const coinAlly = (id: string) => ally(id, { hawkishness: { center: 0.5, uncertainty: 1 }, salience: 1, solidarityCost: 0 });
const coinScenario = (parts: Partial<ScenarioInput> & Pick<ScenarioInput, 'allies'>): ScenarioInput =>
  scenarioOf({
    statusQuo: { firmness: 0, engagement: 0.5, visibility: 0 },
    dimensionWeights: { firmness: 1, engagement: 0 },
    options: [{ id: 'text', firmness: 1, engagement: 0.5, visibility: 0 }],
    bargaining: { maxRounds: 0, step: 0.5, maxDrift: 0.15 },
    protocol: { name: 'chair' },
    ...parts,
  });
const PASSES = 20_000;
const consensusOf = (scenario: ScenarioInput) => simulate(scenario, { passes: PASSES, seed: 'model2' }).options[0]!.consensus.estimate;

describe('model 2 is opt-in', () => {
  it('a scenario naming no rule, protocol or distribution validates to the same object, and stays model 1', () => {
    const toy = validateScenario(toyScenario());
    expect('decisionRule' in toy || 'protocol' in toy).toBe(false);
    expect(canonicalJson(validateScenario(JSON.parse(JSON.stringify(toy))))).toBe(canonicalJson(toy));
    expect(modelVersionOf(toy)).toBe('1');
    expect(prepareRun(toyScenario(), { passes: 10, seed: 1 }).manifest.modelVersion).toBe('1');
    expect(prepareRun({ ...toyScenario(), protocol: { name: 'chair' } }, { passes: 10, seed: 1 }).manifest.modelVersion).toBe('2');
  });

  it('the chair named explicitly gives model 1\'s numbers', () => {
    const plain = simulate(toyScenario(), { passes: 2000, seed: 3 });
    const named = simulate({ ...toyScenario(), protocol: { name: 'chair' } }, { passes: 2000, seed: 3 });
    expect(named.options).toEqual(plain.options);
  });

  it('the compromise draws one uniform per pass after the world\'s draws; the chair and the setter none', () => {
    const base = drawLayout(compileModel(validateScenario(toyScenario())));
    expect(drawLayout(compileModel(validateScenario({ ...toyScenario(), protocol: { name: 'compromise' } }))).size).toBe(base.size + 1);
    expect(drawLayout(compileModel(validateScenario({ ...toyScenario(), protocol: { name: 'setter' } }))).size).toBe(base.size);
  });
});

describe('decision rules, closed form (each of n allies objects with probability 1/2, independently)', () => {
  const three = [coinAlly('a'), coinAlly('b'), coinAlly('c')];

  it('unanimity among members: P = 1/8; an ally that cannot block changes nothing; a co-legislator halves it', () => {
    expectWithinMonteCarloError(consensusOf(coinScenario({ allies: three, decisionRule: { rule: 'unanimity' } })), 1 / 8, PASSES);
    const withProposer = [...three, ally('com', { hawkishness: 0, salience: 1 })]; // always objects to firmness 1
    expectWithinMonteCarloError(consensusOf(coinScenario({ allies: withProposer, decisionRule: { rule: 'unanimity', nonBlocking: ['com'] } })), 1 / 8, PASSES);
    const withParliament = [...three, coinAlly('ep')];
    expectWithinMonteCarloError(consensusOf(coinScenario({ allies: withParliament, decisionRule: { rule: 'unanimity', coLegislators: ['ep'] } })), 1 / 16, PASSES);
  });

  it('weighted votes 2, 1, 1 with a quota of 3: P = 3/8; with a co-legislator: 3/16', () => {
    const quotas = [{ weights: { a: 2, b: 1, c: 1 }, atLeast: 3 }];
    expectWithinMonteCarloError(consensusOf(coinScenario({ allies: three, decisionRule: { rule: 'qualifiedMajority', quotas } })), 3 / 8, PASSES);
    expectWithinMonteCarloError(
      consensusOf(coinScenario({ allies: [...three, coinAlly('ep')], decisionRule: { rule: 'qualifiedMajority', quotas, coLegislators: ['ep'] } })),
      3 / 16,
      PASSES,
    );
  });

  it('a share quota and a count quota together (both must hold), and a blocking minority', () => {
    const four = [...three, coinAlly('d')];
    // At least 75% of members: 3 or 4 of 4 accept: (4 + 1) / 16.
    expectWithinMonteCarloError(consensusOf(coinScenario({ allies: four, decisionRule: { rule: 'qualifiedMajority', quotas: [{ share: 0.75 }] } })), 5 / 16, PASSES);
    // An impossible quota, but a text opposed by fewer than 2 members passes: 0 or 1 objector of 4.
    expectWithinMonteCarloError(
      consensusOf(coinScenario({ allies: four, decisionRule: { rule: 'qualifiedMajority', quotas: [{ atLeast: 100 }], blockingMinority: 2 } })),
      5 / 16,
      PASSES,
    );
  });

  it('refuses unknown allies, members without a weight, and a blocking minority above the members, naming the path', () => {
    const bad = coinScenario({
      allies: three,
      decisionRule: { rule: 'qualifiedMajority', quotas: [{ weights: { a: 1, b: 1, x: 1 }, atLeast: 1 }], coLegislators: ['zz'], blockingMinority: 9 },
    });
    expect(() => validateScenario(bad)).toThrowErrorMatchingInlineSnapshot(`
      [ConcertInputError: invalid scenario: 4 problems
        - decisionRule.blockingMinority: must be at most the number of members (3), got 9
        - decisionRule.coLegislators[0]: must be the id of an ally listed in allies, got "zz"
        - decisionRule.quotas[0].weights: must give a weight to every member (missing: c)
        - decisionRule.quotas[0].weights.x: must be the id of an ally listed in allies, got 1]
    `);
  });
});

describe('the compromise protocol', () => {
  const fixedAllies = [
    ally('a', { hawkishness: 0, salience: 1, influence: 4 }),
    ally('b', { hawkishness: 1, salience: 0.5, influence: 1 }),
    ally('c', { hawkishness: 0.6, salience: 0, influence: 9 }), // no stake: weighs nothing
  ];
  const compromiseScenario = (protocol: ScenarioInput['protocol']) =>
    scenarioOf({ allies: fixedAllies, dimensionWeights: { firmness: 1, engagement: 0 }, protocol, decisionRule: { rule: 'qualifiedMajority', quotas: [{ atLeast: 0 }] } });

  it('adopts the mean of the ideal points weighted by influence ^ exponent * salience', () => {
    const square = simulate(compromiseScenario({ name: 'compromise', influenceExponent: 0.5 }), { passes: 500, seed: 1 }).options[0]!;
    // weights: a 2 * 1 = 2, b 1 * 0.5 = 0.5: (0 * 2 + 1 * 0.5) / 2.5 = 0.2
    expect(square.consensus.estimate).toBe(1);
    expect(square.adoptedFirmness.mean).toBeCloseTo(0.2, 5);
    const linear = simulate(compromiseScenario({ name: 'compromise' }), { passes: 500, seed: 1 }).options[0]!;
    expect(linear.adoptedFirmness.mean).toBeCloseTo(0.5 / 4.5, 5);
  });

  it('with recognition 1, adopts one ally\'s ideal point, recognized in proportion to its weight', () => {
    const result = simulate(compromiseScenario({ name: 'compromise', recognition: 1 }), { passes: PASSES, seed: 2 }).options[0]!;
    // a (weight 4) adopts 0, b (weight 0.5) adopts 1: P(firmness 1) = 0.5 / 4.5.
    expectWithinMonteCarloError(result.adoptedFirmness.mean!, 0.5 / 4.5, PASSES);
  });

  it('is judged by the rule: under unanimity with no cost an ally at the status quo blocks it', () => {
    const blocked = scenarioOf({
      allies: [ally('a', { hawkishness: 0.5, salience: 1 }), ally('b', { hawkishness: 1, salience: 1 })],
      statusQuo: { firmness: 0.5, engagement: 0.5, visibility: 0 },
      protocol: { name: 'compromise' },
      decisionRule: { rule: 'unanimity' },
    });
    expect(simulate(blocked, { passes: 100, seed: 1 }).options[0]!.consensus.estimate).toBe(0);
  });
});

describe('the setter protocol (one dimension: exact)', () => {
  it('concedes toward the status quo exactly as far as the rule requires', () => {
    // Status quo 0, the sponsor's text 1. Ally a (ideal 0.3, cost 0.1) accepts x <= 0.7; b (ideal 0.6) accepts x <= 1.2.
    const parts = {
      allies: [ally('a', { hawkishness: 0.3, salience: 1, solidarityCost: 0.1 }), ally('b', { hawkishness: 0.6, salience: 1 })],
      statusQuo: { firmness: 0, engagement: 0.5, visibility: 0 },
      dimensionWeights: { firmness: 1, engagement: 0 },
      options: [{ id: 'text', firmness: 1, engagement: 0.5, visibility: 0 }],
      protocol: { name: 'setter' as const },
    };
    const unanimous = simulate(scenarioOf({ ...parts, decisionRule: { rule: 'unanimity' } }), { passes: 10, seed: 1 }).options[0]!;
    expect(unanimous.consensus.estimate).toBe(1);
    expect(unanimous.adoptedFirmness.mean).toBeCloseTo(0.7, 5);
    const oneOfTwo = simulate(scenarioOf({ ...parts, decisionRule: { rule: 'qualifiedMajority', quotas: [{ atLeast: 1 }] } }), { passes: 10, seed: 1 }).options[0]!;
    expect(oneOfTwo.adoptedFirmness.mean).toBeCloseTo(1, 5);
    expect(oneOfTwo.firstRoundConsensus.estimate).toBe(1);
  });
});

describe('stances at the ends of the scale', () => {
  it('reflectIntoUnit folds any number into [0, 1] without piling values on the ends', () => {
    expect(reflectIntoUnit(-0.2)).toBeCloseTo(0.2, 12);
    expect(reflectIntoUnit(1.3)).toBeCloseTo(0.7, 12);
    expect(reflectIntoUnit(2.25)).toBeCloseTo(0.25, 12);
    fc.assert(fc.property(fc.double({ min: -50, max: 50, noNaN: true }), (x) => reflectIntoUnit(x) >= 0 && reflectIntoUnit(x) <= 1));
  });

  it('a reflected normal at center 0 has mean sigma sqrt(2 / pi), and a log-normal salience has median center', () => {
    const sigma = 0.2;
    const scenario = scenarioOf({
      allies: [ally('a', { hawkishness: { center: 0, uncertainty: sigma, distribution: 'reflectedNormal' }, salience: { center: 0.6, uncertainty: 2, distribution: 'logNormal' } })],
    });
    const model = compileModel(validateScenario(scenario));
    const state = new EngineState(model);
    let sum = 0;
    let squares = 0;
    let below = 0;
    let outside = 0;
    const passes = 20_000;
    forEachPass({
      model,
      seed: 'bounds',
      passes,
      range: { from: 0, to: Math.ceil(passes / 250) },
      world: state.world,
      onPass: () => {
        const h = state.world.hawkishness[0]!;
        sum += h;
        squares += h * h;
        if (h < 0 || h > 1) outside++;
        if (state.world.salience[0]! < 0.6) below++;
      },
    });
    const mean = sum / passes;
    const sd = Math.sqrt(squares / passes - mean * mean);
    expect(outside).toBe(0);
    expect(Math.abs(mean - sigma * Math.sqrt(2 / Math.PI))).toBeLessThan(5 * (sd / Math.sqrt(passes)));
    expectWithinMonteCarloError(below / passes, 0.5, passes);
  });

  it('refuses a log-normal ideal point and a misspelt distribution, naming the path', () => {
    const bad = scenarioOf({
      allies: [
        ally('a', { hawkishness: { center: 0, uncertainty: 0.2, distribution: 'logNormal' } }),
        ally('b', { hawkishness: { center: 0, uncertainty: 0.2, distribution: 'reflected' as 'reflectedNormal' } }),
        ally('c', { hawkishness: { center: 0, uncertainty: 0.2 } }),
      ],
    });
    expect(() => validateScenario(bad)).toThrowErrorMatchingInlineSnapshot(`
      [ConcertInputError: invalid scenario: 3 problems
        - allies[0].hawkishness.distribution: must not be logNormal, which is for salience only (an ideal point stays in [0, 1]: use reflectedNormal), got "logNormal"
        - allies[1].hawkishness.distribution: must be one of reflectedNormal, logNormal, got "reflected"
        - allies[2].hawkishness.center: must be strictly between 0 and 1, got 0]
    `);
  });
});

describe('properties of the rules and protocols', () => {
  const arbitraryAlly = (id: string) =>
    fc.record({
      id: fc.constant(id),
      hawkishness: fc.double({ min: 0, max: 1, noNaN: true }).map((center) => ({ center, uncertainty: 0.3, distribution: 'reflectedNormal' as const })),
      engagementPreference: fc.double({ min: 0.01, max: 0.99, noNaN: true }).map((center) => ({ center, uncertainty: 0.5 })),
      salience: fc.double({ min: 0, max: 1, noNaN: true }).map((center) => ({ center, uncertainty: 1, distribution: 'logNormal' as const })),
      influence: fc.double({ min: 0.1, max: 10, noNaN: true }),
      solidarityCost: fc.double({ min: 0, max: 0.5, noNaN: true }),
    });
  const arbitraryScenario = fc
    .tuple(
      fc.tuple(arbitraryAlly('a'), arbitraryAlly('b'), arbitraryAlly('c'), arbitraryAlly('d'), arbitraryAlly('e')),
      fc.constantFrom('chair', 'compromise', 'setter'),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.boolean(),
    )
    .map(([allies, protocol, share, roles]): ScenarioInput =>
      scenarioOf({
        allies: [...allies],
        bargaining: { maxRounds: 3, step: 0.5, maxDrift: 0.3 },
        protocol: protocol === 'compromise' ? { name: 'compromise', recognition: 0.3 } : { name: protocol },
        decisionRule: {
          rule: 'qualifiedMajority',
          quotas: [{ weights: { a: 3, b: 2, c: 1, ...(roles ? {} : { d: 1, e: 1 }) }, share: Math.max(0.01, share) }],
          ...(roles ? { nonBlocking: ['d'], coLegislators: ['e'] } : {}),
        },
      }),
    );

  it('never lists more objectors than allies, never an ally that cannot block, and adopts a text no one objects to', () => {
    fc.assert(
      fc.property(arbitraryScenario, (scenario) => {
        const model = compileModel(validateScenario(scenario));
        const state = new EngineState(model);
        const judgment = createJudgment(model);
        const stream = blockStream('properties', 0);
        for (let pass = 0; pass < 20; pass++) {
          sampleWorld(model, stream, state.world);
          const adopted = model.decisionRule.judge(model, state.world, stream.uniform(), 0.5, judgment);
          expect(judgment.objectors).toBeLessThanOrEqual(model.allyCount);
          for (let k = 0; k < judgment.objectors; k++) expect(model.allyRole[judgment.objectorList[k]!]).not.toBe(1);
          if (judgment.objectors === 0) expect(adopted).toBe(true);
          const outcome = evaluateOption(state, 0, null);
          expect(Number.isFinite(outcome.adoptedFirmness)).toBe(true);
          expect(outcome.adoptedFirmness).toBeGreaterThanOrEqual(0);
          expect(outcome.adoptedFirmness).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the compromise text lies between the lowest and highest ideal point', () => {
    fc.assert(
      fc.property(arbitraryScenario, (scenario) => {
        const model = compileModel(validateScenario({ ...scenario, protocol: { name: 'compromise', recognition: 0.5 } }));
        const state = new EngineState(model);
        const stream = blockStream('compromise-hull', 0);
        for (let pass = 0; pass < 20; pass++) {
          sampleWorld(model, stream, state.world);
          const outcome = evaluateOption(state, 0, null);
          const ideals = Array.from(state.world.hawkishness);
          if (outcome.consensus) {
            expect(outcome.adoptedFirmness).toBeGreaterThanOrEqual(Math.min(...ideals) - 1e-12);
            expect(outcome.adoptedFirmness).toBeLessThanOrEqual(Math.max(...ideals) + 1e-12);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
