/**
 * The catalog of movable parameters: names, labels and domains; selectors; and writing values into
 * a compiled model exactly as compiling the edited scenario does, without touching the original.
 */
import { describe, expect, it } from 'vitest';
import { compileModel, selectParameters, sensitivityParameters, validateScenario, withParameterValues } from '../../packages/core/src/index.js';
import { toyScenario } from '../core/helpers.js';
import { withParameter } from './helpers.js';

const toy = validateScenario(toyScenario());

describe('sensitivityParameters(scenario)', () => {
  it('lists each ally’s three centers and cost, each event’s probability, then the scenario-wide parameters', () => {
    const catalog = sensitivityParameters(toy);
    expect(catalog).toHaveLength(32 * 4 + 2 + 3);
    expect(catalog.slice(0, 4).map((p) => [p.name, p.label, p.value, p.domain])).toEqual([
      ['allies.A01.hawkishness', "Ally 1's hawkishness", 0.2, { lower: 0, upper: 1, lowerOpen: true, upperOpen: true }],
      ['allies.A01.engagementPreference', "Ally 1's engagement preference", 0.7, { lower: 0, upper: 1, lowerOpen: true, upperOpen: true }],
      ['allies.A01.salience', "Ally 1's salience", 0.6, { lower: 0, upper: 1, lowerOpen: true, upperOpen: true }],
      ['allies.A01.solidarityCost', "Ally 1's solidarity cost", 0.05, { lower: 0, upper: 10, lowerOpen: false, upperOpen: false }],
    ]);
    expect(catalog.slice(-5).map((p) => p.name)).toEqual([
      'events.escalation.probability',
      'events.thaw.probability',
      'bargaining.step',
      'bargaining.maxDrift',
      'signal.threshold.center',
    ]);
  });
});

describe('selectParameters(catalog, selector)', () => {
  it('matches exact names, and * for every ally or event', () => {
    const catalog = sensitivityParameters(toy);
    expect(selectParameters(catalog, 'allies.*.salience')).toHaveLength(32);
    expect(selectParameters(catalog, 'events.*.probability').map((p) => p.name)).toEqual(['events.escalation.probability', 'events.thaw.probability']);
    expect(selectParameters(catalog, 'allies.A07.solidarityCost').map((p) => p.index)).toEqual([6]);
    expect(selectParameters(catalog, 'allies.A07.hawkishnes')).toEqual([]);
  });
});

describe('withParameterValues(model, parameters, values)', () => {
  it('gives the model of the edited scenario, array for array, and leaves the original model alone', () => {
    const model = compileModel(toy);
    const before = JSON.stringify(model, (_, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));
    const catalog = sensitivityParameters(toy);
    const chosen = ['allies.A03.hawkishness', 'allies.A12.solidarityCost', 'events.thaw.probability', 'bargaining.step', 'bargaining.maxDrift', 'signal.threshold.center'].map(
      (name) => catalog.find((p) => p.name === name)!,
    );
    const values = [0.41, 0.3, 0.9, 0.25, 0.2, 0.37];
    const moved = withParameterValues(model, chosen, values);
    let edited = toyScenario();
    chosen.forEach((p, k) => (edited = withParameter(edited, p.name, values[k]!)));
    const expected = compileModel(validateScenario(edited));
    for (const field of ['base', 'solidarityCost', 'eventProbability'] as const) expect(Array.from(moved[field])).toEqual(Array.from(expected[field]));
    for (const field of ['step', 'maxDrift', 'thresholdBase'] as const) expect(moved[field]).toBe(expected[field]);
    expect(JSON.stringify(model, (_, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v))).toBe(before);
  });
});
