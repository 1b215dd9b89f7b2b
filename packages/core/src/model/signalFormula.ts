/**
 * Signal formulas: a scenario's `signal.formula`, a mathjs expression over `firmness, engagement,
 * visibility, exponent, unity, rounds` that replaces the default signal strength, compiled once
 * and checked before any pass runs. How the signal enters a pass is `signal.ts`.
 */
import { create, all, type EvalFunction, type MathNode } from 'mathjs';
import { ConcertInputError, describeValue } from '../problems.js';

/** The variables a signal formula may use. */
export const SIGNAL_VARIABLES = ['firmness', 'engagement', 'visibility', 'exponent', 'unity', 'rounds'] as const;

/** What a signal depends on for one adopted text. */
export interface SignalInputs {
  firmness: number;
  engagement: number;
  visibility: number;
  exponent: number;
  /** Share of allies for whom the adopted text is no worse than the status quo. */
  unity: number;
  /** Amendment rounds it took to adopt the text. */
  rounds: number;
}

/** Evaluates the signal strength of an adopted text; always a number in [0, 1]. */
export type SignalFunction = (inputs: SignalInputs) => number;

// A private mathjs instance with the functions that could reach outside an expression removed,
// as mathjs's security notes advise.
const math = create(all!);
const parse = math.parse;
math.import(
  {
    import: () => { throw new Error('import is disabled in signal formulas'); },
    createUnit: () => { throw new Error('createUnit is disabled in signal formulas'); },
    evaluate: () => { throw new Error('evaluate is disabled in signal formulas'); },
    parse: () => { throw new Error('parse is disabled in signal formulas'); },
    simplify: () => { throw new Error('simplify is disabled in signal formulas'); },
    derivative: () => { throw new Error('derivative is disabled in signal formulas'); },
    resolve: () => { throw new Error('resolve is disabled in signal formulas'); },
  },
  { override: true },
);

const CONSTANTS = new Set(['pi', 'e', 'PI', 'E', 'true', 'false']);

function unknownSymbols(root: MathNode): string[] {
  const calledNames = new Set<MathNode>();
  root.traverse((node) => {
    if ((node as { type: string }).type === 'FunctionNode') calledNames.add((node as unknown as { fn: MathNode }).fn);
  });
  const unknown: string[] = [];
  root.traverse((node) => {
    if ((node as { type: string }).type !== 'SymbolNode') return;
    const name = (node as unknown as { name: string }).name;
    if (calledNames.has(node)) {
      if (typeof (math as unknown as Record<string, unknown>)[name] !== 'function') unknown.push(`${name}()`);
    } else if (!(SIGNAL_VARIABLES as readonly string[]).includes(name) && !CONSTANTS.has(name)) unknown.push(name);
  });
  return [...new Set(unknown)];
}

/**
 * Compiles a signal formula once. Unknown symbols, a parse error, or a result that is not a number
 * in [0, 1] at the corners of the input space are reported as a problem at `signal.formula`.
 *
 * @throws {ConcertInputError} when the formula cannot be used.
 * @example
 * const f = compileSignalFormula('visibility * firmness ^ exponent', 3, 2);
 * f({ firmness: 0.5, engagement: 0, visibility: 1, exponent: 2, unity: 1, rounds: 0 }); // => 0.25
 */
export function compileSignalFormula(formula: string, maxRounds: number, exponent: number): SignalFunction {
  const fail = (message: string): never => {
    throw new ConcertInputError('invalid signal formula', [{ path: 'signal.formula', message, value: formula }], 'signal-formula');
  };
  let node: MathNode;
  let compiled: EvalFunction;
  try {
    node = parse(formula);
    compiled = node.compile();
  } catch (error) {
    return fail(`must be a valid mathjs expression (${(error as Error).message})`);
  }
  const unknown = unknownSymbols(node);
  if (unknown.length > 0)
    fail(`uses unknown symbols ${unknown.join(', ')}; it may use ${SIGNAL_VARIABLES.join(', ')}`);

  const evaluateSignal: SignalFunction = (inputs) => {
    let value: unknown;
    try {
      value = compiled.evaluate({ ...inputs });
    } catch (error) {
      throw new ConcertInputError('signal formula failed', [
        { path: 'signal.formula', message: `could not be evaluated at ${describeValue(inputs)}: ${(error as Error).message}`, value: formula },
      ], 'signal-formula');
    }
    if (typeof value === 'boolean') value = value ? 1 : 0;
    if (typeof value !== 'number' || !(value >= 0 && value <= 1))
      throw new ConcertInputError('signal formula out of range', [
        {
          path: 'signal.formula',
          message: `must give a number in [0, 1], but gave ${describeValue(typeof value === 'number' ? value : String(value))} at ${describeValue(inputs)}`,
          value: formula,
        },
      ], 'signal-formula');
    return value;
  };

  // Check the corners of the input space once, so that a bad formula fails before any pass runs.
  for (const firmness of [0, 1])
    for (const engagement of [0, 1])
      for (const visibility of [0, 1])
        for (const unity of [0, 1])
          for (const rounds of [0, maxRounds]) evaluateSignal({ firmness, engagement, visibility, exponent, unity, rounds });
  return evaluateSignal;
}

/** Whether a formula refers to `unity`, which costs one extra pass over the allies to compute. */
export function formulaUsesUnity(formula: string): boolean {
  let uses = false;
  parse(formula).traverse((node) => {
    if ((node as { type: string }).type === 'SymbolNode' && (node as unknown as { name: string }).name === 'unity') uses = true;
  });
  return uses;
}
