import { describe, expect, it } from 'vitest';
import { compileSignalFormula, ConcertInputError, simulate } from '../../packages/core/src/index.js';
import { ally, scenarioOf, toyScenario } from './helpers.js';

const withFormula = (formula: string) => {
  const scenario = toyScenario();
  return { ...scenario, signal: { ...scenario.signal!, formula } };
};

describe('signal.formula', () => {
  it('written as the default formula gives the very same figures as the default', () => {
    const plain = simulate(toyScenario(), { passes: 1000, seed: 8 });
    const written = simulate(withFormula('visibility * firmness ^ exponent'), { passes: 1000, seed: 8 });
    expect(JSON.stringify(written.options)).toBe(JSON.stringify(plain.options));
    expect(written.manifest.scenarioHash).not.toBe(plain.manifest.scenarioHash);
  });

  it('can use unity: the share of allies no worse off than under the status quo', () => {
    const scenario = scenarioOf({
      allies: [ally('A', { hawkishness: 0.8, solidarityCost: 10 }), ally('B', { hawkishness: 0.2, solidarityCost: 10 })],
      options: [{ id: 'firm', firmness: 0.8, engagement: 0.5, visibility: 1 }],
      signal: { exponent: 2, threshold: 0.9, formula: 'unity' },
    });
    // A gains, B loses: unity = 1/2.
    expect(simulate(scenario, { passes: 50, seed: 1 }).options[0]!.signal.mean).toBeCloseTo(0.5, 6);
  });

  it('refuses unknown symbols and functions before any pass runs', () => {
    expect(() => simulate(withFormula('visibility * hardness'), { passes: 10, seed: 1 })).toThrow(
      'signal.formula: uses unknown symbols hardness; it may use firmness, engagement, visibility, exponent, unity, rounds, got "visibility * hardness"',
    );
    expect(() => compileSignalFormula('frobnicate(firmness)', 3, 2)).toThrow('uses unknown symbols frobnicate()');
    expect(() => compileSignalFormula('firmness +', 3, 2)).toThrow('must be a valid mathjs expression');
  });

  it('refuses a formula that leaves [0, 1] or gives NaN, naming the inputs', () => {
    expect(() => compileSignalFormula('2 * visibility', 3, 2)).toThrow(/must give a number in \[0, 1\], but gave 2 at/);
    expect(() => compileSignalFormula('firmness / engagement', 3, 2)).toThrow(/must give a number in \[0, 1\], but gave NaN at/);
    expect(() => compileSignalFormula('sqrt(firmness - 2)', 3, 2)).toThrow(ConcertInputError);
  });

  it('cannot reach outside the expression', () => {
    expect(() => compileSignalFormula('import({}, {})', 3, 2)).toThrow(ConcertInputError);
    expect(() => compileSignalFormula('evaluate("1")', 3, 2)).toThrow(ConcertInputError);
  });
});
