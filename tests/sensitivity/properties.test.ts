/**
 * Property tests (fast-check): a tornado move always equals the difference of two separate runs,
 * whatever the seed, step and parameter; PRIM's figures always agree with a recount of its box;
 * paired differences are always finite and ordered.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairedDifference, prim, sensitivityParameters, simulate, tornado, validateScenario, type ScenarioInput } from '../../packages/core/src/index.js';
import { toyScenario } from '../core/helpers.js';
import { withParameter } from './helpers.js';

/** The toy fixture cut to 8 allies (its two blocs and two events kept), for speed. */
function smallScenario(): ScenarioInput {
  const toy = toyScenario();
  const allies = toy.allies.slice(0, 4).concat(toy.allies.slice(28));
  const ids = new Set(allies.map((a) => a.id));
  return {
    ...toy,
    allies,
    events: toy.events!.map((event) => ({
      ...event,
      shifts: event.shifts
        .map((shift) => (shift.allies === '*' ? shift : { ...shift, allies: shift.allies.filter((a) => a.startsWith('bloc:') || ids.has(a)) }))
        .filter((shift) => shift.allies === '*' || shift.allies.length > 0),
    })),
  };
}

describe('tornado(scenario, settings) properties', () => {
  const scenario = smallScenario();
  const names = sensitivityParameters(validateScenario(scenario)).map((p) => p.name);

  it('a move equals the difference of separate runs of the moved and base scenario, for any seed, step and parameter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 0.01, max: 0.4, noNaN: true }), fc.constantFrom(...names), (seed, step, name) => {
        const passes = 300;
        const result = tornado(scenario, { passes, seed, step, parameters: [name] });
        const base = simulate(scenario, { passes, seed });
        for (const direction of ['low', 'high'] as const) {
          const value = result.effects[0]![direction].value;
          const moved = simulate(withParameter(scenario, name, value), { passes, seed });
          for (const effect of result.effects) {
            const before = base.options.find((o) => o.id === effect.option)!;
            const after = moved.options.find((o) => o.id === effect.option)!;
            for (const measure of ['consensus', 'risk', 'viability'] as const) {
              const change = effect[direction][measure];
              expect(change.up - change.down).toBe(Math.round(after[measure].estimate * passes) - Math.round(before[measure].estimate * passes));
            }
          }
        }
      }),
      { numRuns: 12, seed: 20261129 },
    );
  });
});

describe('prim(features, cases) properties', () => {
  it('reports coverage, density and mass that a recount of its box confirms', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), { minLength: 40, maxLength: 300 }),
        fc.double({ min: 0.05, max: 0.5, noNaN: true }),
        (points, alpha) => {
          const x = points.map((p) => p[0]);
          const event = points.map((p) => (p[2] ? 1 : 0));
          const cases = points.map((p) => (p[1] < p[0] ? 1 : 0));
          const result = prim(
            [
              { name: 'x', label: 'x', binary: false, values: x },
              { name: 'e', label: 'e', binary: true, values: event },
            ],
            cases,
            { alpha, minCoverage: 0 },
          );
          const total = cases.reduce<number>((s, c) => s + c, 0);
          for (const box of result.trajectory) {
            const inside = points.map((_, i) => box.conditions.every((c) => { const v = c.feature === 'x' ? x[i]! : event[i]!; return v >= c.lower && v <= c.upper; }));
            const count = inside.filter(Boolean).length;
            const hits = inside.filter((isIn, i) => isIn && cases[i] === 1).length;
            expect(box.points).toBe(count);
            expect(box.cases).toBe(hits);
            expect(box.mass).toBe(count / points.length);
            expect(box.coverage).toBe(total === 0 ? 0 : hits / total);
            expect(box.density).toBe(count === 0 ? 0 : hits / count);
          }
          expect(result.trajectory).toContain(result.box);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});

describe('pairedDifference(up, down, passes) properties', () => {
  it('is finite, with lower <= estimate <= upper and |estimate| <= (up + down) / passes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e7 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (passes, a, b) => {
        const up = Math.floor(a * passes);
        const down = Math.floor(b * (passes - up));
        const d = pairedDifference(up, down, passes);
        for (const value of [d.estimate, d.standardError, d.lower, d.upper]) expect(Number.isFinite(value)).toBe(true);
        expect(d.lower).toBeLessThanOrEqual(d.estimate);
        expect(d.upper).toBeGreaterThanOrEqual(d.estimate);
        expect(Math.abs(d.estimate)).toBeLessThanOrEqual((up + down) / passes);
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});
