/**
 * Signal formulas: a scenario's `signal.formula`, an expression over `firmness, engagement,
 * visibility, exponent, unity, rounds` that replaces the default signal strength.
 *
 * The formula language is sealed. An expression is parsed by mathjs and then accepted only if every
 * part of its tree is on an allow-list: numbers, the six variables, `pi` and `e`, arithmetic,
 * comparisons, `and`/`or`/`not`/`xor`, `a ? b : c`, parentheses and the elementary functions of
 * {@link SIGNAL_FUNCTIONS}. Nothing else can be written: no `config`, `import`, `createUnit`,
 * `evaluate`, `parse`, `help` or `random`, no matrices, lists, strings, units, objects, property
 * access, assignments or function definitions. The tree has a budget (nodes and depth), and each
 * formula is compiled on its own private mathjs instance, which is sealed too, so a formula cannot
 * change how another formula, or another run, computes. How the signal enters a pass is `signal.ts`;
 * the cost probe that refuses formulas too slow for a run is `run/formulaCost.ts`.
 */
import {
  create,
  parseDependencies,
  addDependencies,
  subtractDependencies,
  multiplyDependencies,
  divideDependencies,
  powDependencies,
  modDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  equalDependencies,
  unequalDependencies,
  smallerDependencies,
  largerDependencies,
  smallerEqDependencies,
  largerEqDependencies,
  andDependencies,
  orDependencies,
  notDependencies,
  xorDependencies,
  absDependencies,
  signDependencies,
  minDependencies,
  maxDependencies,
  roundDependencies,
  floorDependencies,
  ceilDependencies,
  fixDependencies,
  sqrtDependencies,
  cbrtDependencies,
  expDependencies,
  expm1Dependencies,
  logDependencies,
  log10Dependencies,
  log2Dependencies,
  log1pDependencies,
  hypotDependencies,
  sinDependencies,
  cosDependencies,
  tanDependencies,
  asinDependencies,
  acosDependencies,
  atanDependencies,
  atan2Dependencies,
  sinhDependencies,
  coshDependencies,
  tanhDependencies,
  piDependencies,
  eDependencies,
  // @ts-expect-error PIDependencies is in mathjs (the upper-case alias of pi) but not in its type declarations.
  PIDependencies,
  // @ts-expect-error EDependencies, likewise.
  EDependencies,
  type EvalFunction,
  type FactoryFunctionMap,
  type MathNode,
} from 'mathjs';
import { MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH, MAX_FORMULA_NODES } from '../budgets.js';
import { ConcertInputError, describeValue, listForMessage } from '../problems.js';

/** The variables a signal formula may use. */
export const SIGNAL_VARIABLES = ['firmness', 'engagement', 'visibility', 'exponent', 'unity', 'rounds'] as const;

/** The named constants a signal formula may use (`true` and `false` too, as 1 and 0). */
export const SIGNAL_CONSTANTS = ['pi', 'e', 'PI', 'E'] as const;

/** The functions a signal formula may call: elementary functions of numbers. */
export const SIGNAL_FUNCTIONS = [
  'abs', 'sign', 'min', 'max', 'round', 'floor', 'ceil', 'fix', 'mod',
  'sqrt', 'cbrt', 'pow', 'exp', 'expm1', 'log', 'log10', 'log2', 'log1p', 'hypot',
  'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh', 'tanh',
] as const;

/**
 * The operators a signal formula may use, by the mathjs function they stand for: `+ - * / ^ %`,
 * unary `-` and `+`, `== != < > <= >=`, `and`, `or`, `not`, `xor`.
 */
export const SIGNAL_OPERATORS = [
  'add', 'subtract', 'multiply', 'divide', 'pow', 'mod', 'unaryMinus', 'unaryPlus',
  'equal', 'unequal', 'smaller', 'larger', 'smallerEq', 'largerEq', 'and', 'or', 'not', 'xor',
] as const;

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

/** The size of a formula's expression tree, which its cost is counted from. */
export interface SignalFormulaShape {
  /** Nodes of the tree: numbers, variables, operators, calls, brackets. */
  readonly nodes: number;
  /** Function calls among them. */
  readonly calls: number;
  /** Depth of the tree. */
  readonly depth: number;
  /** Whether the formula uses `unity`, which costs one pass over the allies per evaluation. */
  readonly usesUnity: boolean;
}

/** A compiled signal formula: the function, and the shape the cost probe counts. */
export interface CompiledSignalFormula {
  readonly evaluate: SignalFunction;
  readonly shape: SignalFormulaShape;
}

type Dependencies = Record<string, FactoryFunctionMap[string]>;

/**
 * The mathjs factories a private instance is built from: the parser and the allowed functions,
 * imported by name (a bundler then leaves the rest of mathjs out, and mathjs's default instance,
 * which costs most of a second to build, is never made).
 */
const FACTORIES = {
  parseDependencies,
  addDependencies,
  subtractDependencies,
  multiplyDependencies,
  divideDependencies,
  powDependencies,
  modDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  equalDependencies,
  unequalDependencies,
  smallerDependencies,
  largerDependencies,
  smallerEqDependencies,
  largerEqDependencies,
  andDependencies,
  orDependencies,
  notDependencies,
  xorDependencies,
  absDependencies,
  signDependencies,
  minDependencies,
  maxDependencies,
  roundDependencies,
  floorDependencies,
  ceilDependencies,
  fixDependencies,
  sqrtDependencies,
  cbrtDependencies,
  expDependencies,
  expm1Dependencies,
  logDependencies,
  log10Dependencies,
  log2Dependencies,
  log1pDependencies,
  hypotDependencies,
  sinDependencies,
  cosDependencies,
  tanDependencies,
  asinDependencies,
  acosDependencies,
  atanDependencies,
  atan2Dependencies,
  sinhDependencies,
  coshDependencies,
  tanhDependencies,
  piDependencies,
  eDependencies,
  PIDependencies,
  EDependencies,
} as unknown as Dependencies;

/** The instance functions that could reach outside an expression, replaced on every private instance. */
const SEALED = ['config', 'import', 'create', 'createUnit', 'evaluate', 'parse', 'compile', 'help', 'simplify', 'derivative', 'resolve', 'random'];

/**
 * A new, sealed mathjs instance: only the parser and the allowed functions, with `config`,
 * `import` and the other functions that could change it replaced by functions that throw.
 * mathjs builds an instance's functions on first use, so every allowed one is built before the
 * instance is sealed.
 */
function privateMath(): { parse: (text: string) => MathNode } {
  const math = create(FACTORIES) as unknown as Record<string, unknown> & {
    parse: (text: string) => MathNode;
    import: (values: object, options: object) => void;
  };
  for (const name of [...SIGNAL_OPERATORS, ...SIGNAL_FUNCTIONS, ...SIGNAL_CONSTANTS]) void math[name];
  const parse = math.parse;
  const disabled = (name: string) => () => {
    throw new Error(`${name} is not available in signal formulas`);
  };
  math.import(Object.fromEntries(SEALED.map((name) => [name, disabled(name)])), { override: true });
  return { parse };
}

const VARIABLES = new Set<string>(SIGNAL_VARIABLES);
const CONSTANTS = new Set<string>(SIGNAL_CONSTANTS);
const FUNCTIONS = new Set<string>(SIGNAL_FUNCTIONS);
const OPERATORS = new Set<string>(SIGNAL_OPERATORS);

/** What a part of an expression the language does not have is called, for the message. */
const FORBIDDEN_NODES: Record<string, string> = {
  AccessorNode: 'property access (a.b, a[...])',
  ArrayNode: 'lists and matrices ([...])',
  AssignmentNode: 'assignments (=)',
  BlockNode: 'several expressions (; or a line break)',
  FunctionAssignmentNode: 'function definitions',
  IndexNode: 'indexing ([...])',
  ObjectNode: 'objects ({...})',
  RangeNode: 'ranges (a:b)',
};

interface Inspection {
  shape: SignalFormulaShape;
  unknown: string[];
  forbidden: string[];
}

type Node = MathNode & { type: string; name?: string; fn?: unknown; op?: string; value?: unknown; conditionals?: string[] };

/** Walks a parsed formula: its shape, its unknown symbols and the parts the language does not have. */
function inspect(root: MathNode): Inspection {
  const calledNames = new Set<MathNode>();
  const depthOf = new Map<MathNode, number>();
  const unknown = new Set<string>();
  const forbidden = new Set<string>();
  let nodes = 0;
  let calls = 0;
  let depth = 0;
  let usesUnity = false;
  root.traverse((raw, _path, parent) => {
    const node = raw as Node;
    const level = (parent === null ? 0 : depthOf.get(parent)!) + 1;
    depthOf.set(raw, level);
    depth = Math.max(depth, level);
    nodes += 1;
    switch (node.type) {
      case 'ConstantNode':
        if (typeof node.value === 'string') forbidden.add('text ("...")');
        else if (typeof node.value !== 'number' && typeof node.value !== 'boolean') forbidden.add(`the constant ${String(node.value)}`);
        return;
      case 'SymbolNode': {
        const name = node.name!;
        if (calledNames.has(raw)) {
          if (!FUNCTIONS.has(name)) unknown.add(`${name}()`);
        } else if (VARIABLES.has(name)) usesUnity ||= name === 'unity';
        else if (!CONSTANTS.has(name)) unknown.add(name);
        return;
      }
      case 'FunctionNode': {
        calls += 1;
        const fn = node.fn as Node;
        if (fn.type === 'SymbolNode') calledNames.add(fn);
        else forbidden.add(FORBIDDEN_NODES[fn.type] ?? `calls of ${fn.type}`);
        return;
      }
      case 'OperatorNode':
        if (!OPERATORS.has(node.fn as string)) forbidden.add(`the operator ${node.op}`);
        return;
      case 'RelationalNode':
        for (const fn of node.conditionals ?? []) if (!OPERATORS.has(fn)) forbidden.add(`the comparison ${fn}`);
        return;
      case 'ParenthesisNode':
      case 'ConditionalNode':
        return;
      default:
        forbidden.add(FORBIDDEN_NODES[node.type] ?? node.type);
    }
  });
  return { shape: { nodes, calls, depth, usesUnity }, unknown: [...unknown], forbidden: [...forbidden] };
}

/** The deepest nesting of brackets in a text, counted before parsing so the parser never recurses deeper. */
function bracketDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const character of text) {
    if (character === '(' || character === '[' || character === '{') deepest = Math.max(deepest, ++depth);
    else if (character === ')' || character === ']' || character === '}') depth = Math.max(0, depth - 1);
  }
  return deepest;
}

const WHAT_IT_MAY_USE = `it may combine numbers, the variables ${SIGNAL_VARIABLES.join(', ')}, pi and e with + - * / ^ %, comparisons, and, or, not, xor, a ? b : c and the functions ${SIGNAL_FUNCTIONS.join(', ')}`;

/**
 * Compiles a signal formula once, on its own sealed mathjs instance, and returns it with the shape
 * the cost probe counts. A formula that is too long or too deep, does not parse, uses anything
 * outside the language (see the module comment), or gives anything but a number in [0, 1] on the
 * probe grid (each of firmness, engagement, visibility and unity at 0, 1/2 and 1, rounds at 0,
 * half of `maxRounds` and `maxRounds`) is reported as a problem at `signal.formula`.
 *
 * @throws {ConcertInputError} (kind `signal-formula`) when the formula cannot be used.
 * @example
 * const { evaluate, shape } = prepareSignalFormula('visibility * firmness ^ exponent', 3, 2);
 * evaluate({ firmness: 0.5, engagement: 0, visibility: 1, exponent: 2, unity: 1, rounds: 0 }); // => 0.25
 * shape.nodes; // => 5
 */
export function prepareSignalFormula(formula: string, maxRounds: number, exponent: number): CompiledSignalFormula {
  const fail = (message: string): never => {
    throw new ConcertInputError('invalid signal formula', [{ path: 'signal.formula', message, value: formula }], 'signal-formula');
  };
  if (typeof formula !== 'string' || formula.length === 0) fail('must be a non-empty mathjs expression');
  if (formula.length > MAX_FORMULA_LENGTH) fail(`must be at most ${MAX_FORMULA_LENGTH} characters, but has ${formula.length}`);
  const brackets = bracketDepth(formula);
  if (brackets > MAX_FORMULA_DEPTH) fail(`nests brackets ${brackets} deep; a signal formula nests at most ${MAX_FORMULA_DEPTH}`);

  const math = privateMath();
  let node: MathNode;
  try {
    // Spaces and line breaks around the expression are not a second expression.
    node = math.parse(formula.trim());
  } catch (error) {
    return fail(`must be a valid mathjs expression (${(error as Error).message})`);
  }
  const { shape, unknown, forbidden } = inspect(node);
  if (forbidden.length > 0) {
    const alsoUnknown = unknown.length > 0 ? `, and the unknown symbols ${listForMessage(unknown)}` : '';
    fail(`uses ${listForMessage(forbidden)}${alsoUnknown}, which a signal formula cannot use: ${WHAT_IT_MAY_USE}`);
  }
  if (unknown.length > 0) {
    const functions = unknown.some((name) => name.endsWith('()')) ? `, and the functions ${SIGNAL_FUNCTIONS.join(', ')}` : '';
    fail(`uses unknown symbols ${listForMessage(unknown)}; it may use ${SIGNAL_VARIABLES.join(', ')}${functions}`);
  }
  if (shape.nodes > MAX_FORMULA_NODES)
    fail(`has ${shape.nodes} parts (numbers, variables, operators, calls); a signal formula has at most ${MAX_FORMULA_NODES}`);
  if (shape.depth > MAX_FORMULA_DEPTH) fail(`nests ${shape.depth} levels deep; a signal formula nests at most ${MAX_FORMULA_DEPTH}`);
  let compiled: EvalFunction;
  try {
    compiled = node.compile();
  } catch (error) {
    return fail(`must be a valid mathjs expression (${(error as Error).message})`);
  }

  const evaluate: SignalFunction = (inputs) => {
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

  // Probe the formula before any pass runs: the corners of the input space first, then the rest
  // of the grid, so that a formula that leaves [0, 1] fails here rather than mid-run where it can.
  const roundValues = [...new Set([0, maxRounds, Math.floor(maxRounds / 2)])];
  for (const levels of [[0, 1], [0, 0.5, 1]] as const)
    for (const firmness of levels)
      for (const engagement of levels)
        for (const visibility of levels)
          for (const unity of levels)
            for (const rounds of levels.length === 2 ? roundValues.slice(0, 2) : roundValues)
              evaluate({ firmness, engagement, visibility, exponent, unity, rounds });
  return { evaluate, shape };
}

/**
 * Compiles a signal formula once (see {@link prepareSignalFormula}) and returns its function.
 *
 * @throws {ConcertInputError} (kind `signal-formula`) when the formula cannot be used.
 * @example
 * const f = compileSignalFormula('visibility * firmness ^ exponent', 3, 2);
 * f({ firmness: 0.5, engagement: 0, visibility: 1, exponent: 2, unity: 1, rounds: 0 }); // => 0.25
 */
export function compileSignalFormula(formula: string, maxRounds: number, exponent: number): SignalFunction {
  return prepareSignalFormula(formula, maxRounds, exponent).evaluate;
}
