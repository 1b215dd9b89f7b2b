/**
 * Hostile signal formulas: the sealed language refuses everything outside its allow-list before
 * any pass runs, naming `signal.formula`, the formula and what a formula may use; the cost probe
 * refuses formulas too slow for the run's passes; and no formula, accepted or refused, changes
 * what any other run computes (the normal runs keep their pinned bytes in the same process).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ConcertInputError,
  FORMULA_COST,
  MAX_FORMULA_DEPTH,
  MAX_FORMULA_LENGTH,
  MAX_FORMULA_NODES,
  SIGNAL_FUNCTIONS,
  compileModel,
  compileSignalFormula,
  formulaCost,
  prepareRun,
  prepareSignalFormula,
  prepareTornado,
  simulate,
  validateScenario,
} from '../../packages/core/src/index.js';
import { expectNormalRuns, thrown, withFormula } from './helpers.js';

/** The problem a refused formula reports; fails the test unless it is a signal-formula input error. */
function refusal(formula: string): { message: string; value: unknown } {
  const error = thrown(() => compileSignalFormula(formula, 3, 2));
  expect(error, formula).toBeInstanceOf(ConcertInputError);
  const { kind, problems } = error as ConcertInputError;
  expect(kind).toBe('signal-formula');
  expect(problems).toHaveLength(1);
  expect(problems[0]!.path).toBe('signal.formula');
  expect(problems[0]!.value).toBe(formula);
  return { message: problems[0]!.message, value: problems[0]!.value };
}

const INPUTS = { firmness: 0.4, engagement: 0.6, visibility: 0.8, exponent: 2, unity: 0.75, rounds: 1 };

describe('the sealed formula language', () => {
  it("refuses the issue's config() formula, and a formula run afterwards computes as before", () => {
    const formula = '[visibility * firmness ^ exponent, config({absTol: 1e9, relTol: 1e9})][1]';
    const { message } = refusal(formula);
    expect(message).toContain('the unknown symbols config()');
    expect(message).toContain('lists and matrices ([...])');
    expect(message).toContain('it may combine numbers, the variables firmness, engagement, visibility, exponent, unity, rounds');
    // Through the run too: refused before any pass, as a scenario problem.
    expect(() => simulate(withFormula(formula), { passes: 10, seed: 1 })).toThrow('signal.formula: uses');
    expectNormalRuns();
  });

  it.each([
    ['config({ relTol: 1 })', 'config()'],
    ['import({ sin: 1 }, { override: true })', 'import()'],
    ['createUnit("furlong")', 'createUnit()'],
    ['evaluate("1")', 'evaluate()'],
    ['parse("1").compile()', 'parse()'],
    ["help('sin')", 'help()'],
    ['random()', 'random()'],
    ['random(0, 1) * visibility', 'random()'],
    ['0 * sum(zeros(30000, 30000))', 'zeros()'],
    ['matrix([1, 2])[1]', 'matrix()'],
    ['size(ones(1000))[1] / 1000', 'ones()'],
    ['unit("5 cm") / unit("1 m")', 'unit()'],
    ['5 cm', 'cm'],
    ['string(firmness)', 'string()'],
    ['simplify("x")', 'simplify()'],
    ['derivative("x^2", "x")', 'derivative()'],
    ['factorial(170) * 0', 'factorial()'],
    ['typeOf(firmness) == "number"', 'typeOf()'],
  ])('refuses %s, naming what is unknown (%s)', (formula, named) => {
    expect(refusal(formula).message).toContain(named);
  });

  it('refuses Infinity and NaN, which give no number in [0, 1]', () => {
    expect(refusal('Infinity * 0').message).toContain('but gave NaN');
    expect(refusal('NaN').message).toContain('but gave NaN');
  });

  it.each([
    ['[firmness, visibility][1]', 'lists and matrices'],
    ['{a: firmness}.a', 'objects'],
    ['cos.constructor', 'property access'],
    ['sin["constructor"]("return 1")', 'property access'],
    ['x = 0.5', 'assignments'],
    ['f(x) = x; f(firmness)', 'function definitions'],
    ['firmness; visibility', 'several expressions'],
    ['(1:3)[1] / 3', 'ranges'],
    ['"0.5"', 'text'],
    ['firmness!', 'the operator !'],
    ['firmness & 1', 'the operator &'],
    ['~firmness', 'the operator ~'],
    ["firmness'", "the operator '"],
    ['firmness to cm', 'the operator to'],
    ['firmness << 1', 'the operator <<'],
    ['null', 'the constant null'],
  ])('refuses %s (it uses %s)', (formula, what) => {
    const { message } = refusal(formula);
    expect(message).toMatch(/^uses /);
    expect(message).toContain(what);
    expect(message).toContain(', which a signal formula cannot use: it may combine numbers');
  });

  it('refuses a formula too long, too big or too deep, with the budget in the message', () => {
    const long = 'firmness + '.repeat(50) + 'firmness';
    expect(refusal(long).message).toBe(`must be at most ${MAX_FORMULA_LENGTH} characters, but has ${long.length}`);
    const big = Array.from({ length: 101 }, () => '0').join('+');
    expect(refusal(big).message).toBe(`has 201 parts (numbers, variables, operators, calls); a signal formula has at most ${MAX_FORMULA_NODES}`);
    const brackets = '('.repeat(MAX_FORMULA_DEPTH + 1) + 'firmness' + ')'.repeat(MAX_FORMULA_DEPTH + 1);
    expect(refusal(brackets).message).toBe(`nests brackets ${MAX_FORMULA_DEPTH + 1} deep; a signal formula nests at most ${MAX_FORMULA_DEPTH}`);
    const chain = Array.from({ length: 66 }, () => '0').join('+');
    expect(refusal(chain).message).toBe(`nests 66 levels deep; a signal formula nests at most ${MAX_FORMULA_DEPTH}`);
    expectNormalRuns([1]);
  });

  it('evaluates every allowed function, operator and constant (the sealed instance has them all)', () => {
    const uses: Record<(typeof SIGNAL_FUNCTIONS)[number], string> = {
      abs: 'abs(firmness - 1)', sign: 'sign(firmness)', min: 'min(firmness, visibility, 1)', max: 'max(0, firmness)',
      round: 'round(firmness, 1)', floor: 'floor(visibility * 2) / 2', ceil: 'ceil(firmness) / 2', fix: 'fix(-firmness) + 1', mod: 'mod(firmness * 3, 1)',
      sqrt: 'sqrt(firmness)', cbrt: 'cbrt(firmness)', pow: 'pow(firmness, 2)', exp: 'exp(-firmness)', expm1: 'expm1(firmness) / 2',
      log: 'log(1 + firmness, 2)', log10: 'log10(1 + firmness)', log2: 'log2(1 + firmness)', log1p: 'log1p(firmness)', hypot: 'hypot(firmness, visibility) / 2',
      sin: 'sin(firmness)', cos: 'cos(firmness)', tan: 'tan(firmness) / 2', asin: 'asin(firmness) / 2', acos: 'acos(firmness) / 2',
      atan: 'atan(firmness)', atan2: 'atan2(firmness, 1)', sinh: 'sinh(firmness) / 2', cosh: 'cosh(firmness) / 2', tanh: 'tanh(firmness)',
    };
    for (const name of SIGNAL_FUNCTIONS) {
      const value = compileSignalFormula(uses[name], 3, 2)(INPUTS);
      expect(value, name).toBeGreaterThanOrEqual(0);
      expect(value, name).toBeLessThanOrEqual(1);
    }
    const operators: [string, number][] = [
      ['(firmness + engagement) / 2', 0.5],
      ['firmness * visibility - engagement * 0', 0.32],
      ['visibility ^ 2 % 1', 0.64],
      ['-(-firmness) + +0', 0.4],
      ['firmness == 0.4 and not (visibility != 0.8)', 1],
      ['firmness < 0.5 xor visibility >= 0.8 or false', 0],
      ['0 < rounds <= 1 ? unity : 0', 0.75],
      ['firmness > 0.3 ? pi / e / PI * E / 4 : 0', 0.25],
      ['true', 1],
    ];
    for (const [formula, expected] of operators) expect(compileSignalFormula(`min(1, max(0, ${formula}))`, 3, 2)(INPUTS), formula).toBeCloseTo(expected, 12);
  });

  it('keeps the results of formulas the old language accepted (pinned bytes)', () => {
    expectNormalRuns([1, 2, 3]);
  });
});

describe('the formula cost probe', () => {
  // 199 nodes and 40 calls: about as slow as the size budget allows.
  const slow = Array.from({ length: 40 }, () => 'min(e,1)').join('*');
  const perEvaluation = FORMULA_COST.evaluation + 199 * FORMULA_COST.node + 40 * FORMULA_COST.call;

  it('counts a formula by its tree, not by the clock: the same numbers on every machine', () => {
    const { shape } = prepareSignalFormula(slow, 3, 2);
    expect(shape).toEqual({ nodes: 199, calls: 40, depth: 41, usesUnity: false });
    const model = compileModel(validateScenario(withFormula(slow)));
    const cost = formulaCost(model, 1_000_000)!;
    expect(cost.formulaSeconds).toBeCloseTo((1_000_000 * 6 * perEvaluation) / 1e9, 9);
    expect(cost.engineSeconds).toBeCloseTo((1_000_000 * 6 * 32 * FORMULA_COST.engineOptionAlly) / 1e9, 9);
    // This formula costs more than 10 times the engine's own work per pass, so it is refused
    // wherever it would add more than the free 60 s.
    expect(perEvaluation).toBeGreaterThan(10 * 32 * FORMULA_COST.engineOptionAlly);
  });

  it('refuses a formula too slow for the passes before any pass runs, and accepts it for fewer', () => {
    const error = thrown(() => prepareRun(withFormula(slow), { passes: 1_000_000, seed: 1 })) as ConcertInputError;
    expect(error).toBeInstanceOf(ConcertInputError);
    expect(error.kind).toBe('signal-formula');
    expect(error.problems[0]!.path).toBe('signal.formula');
    expect(error.problems[0]!.value).toBe(slow);
    const added = Math.round((1_000_000 * 6 * perEvaluation) / 1e9 / 60);
    const allowed = Math.ceil((10 * 1_000_000 * 6 * 32 * FORMULA_COST.engineOptionAlly) / 1e9);
    expect(error.problems[0]!.message).toBe(
      `would add about ${added} min to a run of 1,000,000 passes (199 parts and 40 calls, evaluated for 6 options in every pass), more than the ${allowed} s a formula may add to it (60 s, or 10 times the engine's own work); simplify the formula or run fewer passes`,
    );
    expect(() => prepareRun(withFormula(slow), { passes: 100_000, seed: 1 })).not.toThrow();
    expect(() => prepareTornado(withFormula(slow), { passes: 1_000_000, seed: 1 })).toThrow('to a tornado of');
    expectNormalRuns([1]);
  });

  it('accepts the default formula written out at the largest pass count', () => {
    expect(() => prepareRun(withFormula('visibility * firmness ^ exponent'), { passes: 1_000_000_000, seed: 1 })).not.toThrow();
  });
});

describe('hostile formulas at random (property)', () => {
  const PIECES = [
    'firmness', 'engagement', 'visibility', 'exponent', 'unity', 'rounds', '0', '1', '0.5', '1e308', '-1', 'pi', 'e', 'true',
    '+', '-', '*', '/', '^', '%', '(', ')', '[', ']', '{', '}', ',', ':', ';', '?', '=', '.', '!', "'", '"', '<', '>', '==', 'and', 'not',
    'config', 'import', 'help', 'random', 'evaluate', 'parse', 'zeros', 'matrix', 'unit', 'cm', 'constructor', 'sin', 'min', 'max', 'sqrt', 'log',
    'abs', 'x', 'f(x)=', '\u001b[2J', '\n',
  ];

  it('compileSignalFormula either refuses a formula as a signal-formula problem, or gives numbers in [0, 1]; normal runs stay the same', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 14 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }), (pieces, [firmness, engagement, visibility, unity, r]) => {
        const formula = pieces.join(' ');
        let f: ((inputs: typeof INPUTS) => number) | undefined;
        try {
          f = compileSignalFormula(formula, 3, 2);
        } catch (error) {
          expect(error, formula).toBeInstanceOf(ConcertInputError);
          expect((error as ConcertInputError).problems[0]!.path).toBe('signal.formula');
          return;
        }
        try {
          const value = f({ firmness: firmness!, engagement: engagement!, visibility: visibility!, exponent: 2, unity: unity!, rounds: Math.floor(r! * 4) });
          expect(value >= 0 && value <= 1, formula).toBe(true);
        } catch (error) {
          expect(error, formula).toBeInstanceOf(ConcertInputError);
        }
      }),
      { numRuns: 150, seed: 13 },
    );
    expectNormalRuns();
  });
});
