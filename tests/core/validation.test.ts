import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ConcertInputError,
  formatProblem,
  parseScenario,
  simulate,
  validateScenario,
  type Scenario,
  type Uncertain,
} from '../../packages/core/src/index.js';
import { ally, scenarioOf, toyScenario } from './helpers.js';

const problemsOf = (input: unknown): string[] => {
  const parsed = parseScenario(input);
  return parsed.success ? [] : parsed.problems.map(formatProblem);
};

describe('parseScenario(input)', () => {
  it('accepts the toy fixture and fills the documented defaults', () => {
    const parsed = parseScenario(scenarioOf({ allies: [ally('A')], bargaining: undefined as never }));
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(parsed.data.dimensionWeights).toEqual({ firmness: 1, engagement: 1 });
    expect(parsed.data.blocs).toEqual([]);
    expect(parsed.data.events).toEqual([]);
    expect(parsed.data.bargaining).toEqual({ maxRounds: 3, step: 0.5, maxDrift: 0.15 });
    expect(parsed.data.signal).toEqual({ exponent: 2, threshold: { center: 0.45, uncertainty: 0.6 } });
  });

  it('reports a bad center with its path, what was expected and the value', () => {
    const scenario = toyScenario() as { allies: { hawkishness: { center: number } }[] };
    scenario.allies[12]!.hawkishness.center = 1.2;
    expect(problemsOf(scenario)).toEqual(['allies[12].hawkishness.center: must be strictly between 0 and 1, got 1.2']);
  });

  it('reports every problem at once, in the order of the scenario (regression guard on wording)', () => {
    const s = toyScenario() as Record<string, any>;
    s.allies[12].hawkishness.center = 1.2;
    s.allies[3].salience = 'high';
    s.allies[4].id = 'A01';
    s.allies[5].bloc = 'nordics';
    s.events[0].shifts[0].allies = ['A02', 'XX', 'bloc:zz'];
    s.events[0].probability = -0.1;
    delete s.options[1].firmness;
    s.bargaining.maxRounds = 2.5;
    s.signal.threshold = { center: 0.4 };
    s.colour = 'red';
    expect(problemsOf(s)).toMatchInlineSnapshot(`
      [
        "colour: is not a known field (check the spelling)",
        "allies[3].salience: must be a number in [0, 1], or an object { center, uncertainty }, got "high"",
        "allies[4].id: must be unique (already used by allies[0]), got "A01"",
        "allies[5].bloc: must be the id of a bloc listed in blocs (known: engagers, east), got "nordics"",
        "allies[12].hawkishness.center: must be strictly between 0 and 1, got 1.2",
        "events[0].probability: must be between 0 and 1, got -0.1",
        "events[0].shifts[0].allies[1]: must be the id of an ally listed in allies, or "bloc:<id>", got "XX"",
        "events[0].shifts[0].allies[2]: must name a bloc listed in blocs, got "bloc:zz"",
        "events[1].shifts[0].allies[1]: must be the id of an ally listed in allies, or "bloc:<id>", got "A05"",
        "options[1].firmness: is required (expected a number)",
        "bargaining.maxRounds: must be a whole number, got 2.5",
        "signal.threshold.uncertainty: is required (expected a number)",
      ]
    `);
  });

  it('refuses an empty option list, duplicate option ids and a missing scenario', () => {
    expect(problemsOf(scenarioOf({ allies: [ally('A')], options: [] }))).toEqual([
      'options: must list at least one strategy option, got []',
    ]);
    const twice = { id: 'x', firmness: 0.5, engagement: 0.5, visibility: 0.5 };
    expect(problemsOf(scenarioOf({ allies: [ally('A')], options: [twice, twice] }))).toEqual([
      'options[1].id: must be unique (already used by options[0]), got "x"',
    ]);
    expect(problemsOf(null)).toEqual(['(input): must be an object, got null']);
    expect(problemsOf('{}')).toEqual(['(input): must be an object, got "{}"']);
  });

  it('refuses numbers that would give NaN or Infinity downstream', () => {
    const bad = scenarioOf({
      allies: [ally('A', { influence: 0, hawkishness: { center: 0, uncertainty: 0.1 }, salience: { center: 0.5, uncertainty: -1 } })],
      dimensionWeights: { firmness: 0, engagement: 0 },
      signal: { exponent: 0, threshold: 1.5 },
    });
    expect(problemsOf(bad)).toEqual([
      'dimensionWeights: firmness and engagement weights must not both be 0, got {"firmness":0,"engagement":0}',
      'allies[0].hawkishness.center: must be strictly between 0 and 1, got 0',
      'allies[0].influence: must be greater than 0, got 0',
      'allies[0].salience.uncertainty: must be at least 0, got -1',
      'signal.exponent: must be greater than 0, got 0',
      'signal.threshold: must be between 0 and 1, got 1.5',
    ]);
  });
});

describe('validateScenario(input)', () => {
  it('throws a ConcertInputError that lists every problem', () => {
    const error = (() => {
      try {
        validateScenario({ schemaVersion: 2 });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConcertInputError);
    const problems = (error as ConcertInputError).problems;
    expect(problems.map((p) => p.path)).toEqual(['schemaVersion', 'id', 'title', 'statusQuo', 'allies', 'options']);
    expect((error as Error).message).toContain('invalid scenario: 6 problems');
  });

  it('infers the types from the schema', () => {
    expectTypeOf<Uncertain>().toEqualTypeOf<number | { center: number; uncertainty: number }>();
    expectTypeOf<Scenario['bargaining']>().toEqualTypeOf<{ maxRounds: number; step: number; maxDrift: number }>();
    expectTypeOf<Scenario['allies'][number]['bloc']>().toEqualTypeOf<string | undefined>();
  });
});

describe('simulate(scenario, settings) with bad settings', () => {
  it('lists every problem with the run settings', () => {
    expect(() => simulate(toyScenario(), { passes: 0, seed: -1 })).toThrowErrorMatchingInlineSnapshot(`
      [ConcertInputError: invalid run settings: 2 problems
        - passes: must be a whole number from 1 to 1000000000, got 0
        - seed: must be a non-empty string (at most 200 characters) or a whole number from 0 to 2^53 - 1, got -1]
    `);
    expect(() => simulate(toyScenario(), { passes: 2.5, seed: 'x' })).toThrow('passes: must be a whole number from 1 to 1000000000, got 2.5');
    expect(() => simulate(toyScenario(), { passes: Number.NaN, seed: 'x' })).toThrow('got NaN');
  });
});
