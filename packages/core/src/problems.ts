/**
 * Problems: how Concert reports bad input. Every problem names where it is (a path such as
 * `allies[12].hawkishness.center`), what was expected and the value that was found. Shown
 * problems have their control characters escaped and their lists cut, so a hostile input cannot
 * drive a terminal or flood it.
 */
import { MAX_ITEMS_LISTED, MAX_PROBLEMS_LISTED, nestingTooDeep } from './budgets.js';
import { escapeControlCharacters } from './controlCharacters.js';

/** One thing wrong with an input. */
export interface Problem {
  /** Where the problem is, e.g. `allies[12].hawkishness.center`; empty for the input as a whole. */
  readonly path: string;
  /** What was expected, e.g. `must be strictly between 0 and 1`. */
  readonly message: string;
  /** The value that was found (absent when the field is missing). */
  readonly value?: unknown;
}

/** Formats a path of keys and indices the way a reader writes it: `allies[12].hawkishness`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

/**
 * Shows a found value briefly: numbers and short strings as JSON, long ones cut, control
 * characters escaped. A value nested too deep to write out is described, not written.
 *
 * @example
 * describeValue('x'.repeat(100)); // => '"xxxxxxxx...' (60 characters)
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string | undefined;
  if (typeof value === 'number' && !Number.isFinite(value)) text = String(value);
  else if (typeof value === 'object' && value !== null && nestingTooDeep(value, 32) !== null)
    text = Array.isArray(value) ? `a list nested more than 32 levels deep` : 'an object nested more than 32 levels deep';
  else
    try {
      text = JSON.stringify(value);
    } catch {
      text = undefined;
    }
  if (text === undefined) text = typeof value === 'function' ? 'a function' : typeof value === 'symbol' ? 'a symbol' : typeof value === 'bigint' ? `${value}n` : 'a value that cannot be shown';
  text = escapeControlCharacters(text);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * A list of items for a message, at most `max` of them, the rest counted.
 *
 * @example
 * listForMessage(['a', 'b', 'c', 'd'], 2); // => 'a, b and 2 more'
 * listForMessage([]); // => 'none'
 */
export function listForMessage(items: readonly string[], max = MAX_ITEMS_LISTED): string {
  if (items.length === 0) return 'none';
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${(items.length - max).toLocaleString('en-US')} more`;
}

/**
 * At most {@link MAX_PROBLEMS_LISTED} problems: the first ones, then one that counts the rest.
 *
 * @example
 * formatProblem(capProblems(manyProblems).at(-1)!); // => '...: and 120 more problems, not listed (fix the ones above first)'
 */
export function capProblems(problems: readonly Problem[], max = MAX_PROBLEMS_LISTED): Problem[] {
  if (problems.length <= max) return [...problems];
  const rest = problems.length - max;
  return [...problems.slice(0, max), { path: '...', message: `and ${rest.toLocaleString('en-US')} more problem${rest === 1 ? '' : 's'}, not listed (fix the ones above first)` }];
}

/**
 * One line per problem: `allies[12].hawkishness.center: must be strictly between 0 and 1, got 1.2`.
 *
 * @example
 * formatProblem({ path: 'passes', message: 'must be a positive whole number', value: 0 });
 * // => 'passes: must be a positive whole number, got 0'
 */
export function formatProblem(problem: Problem): string {
  const where = problem.path === '' ? '(input)' : escapeControlCharacters(problem.path);
  const got = 'value' in problem ? `, got ${describeValue(problem.value)}` : '';
  return `${where}: ${escapeControlCharacters(problem.message)}${got}`;
}

/**
 * What kind of input an error is about, so that callers can tell errors apart without reading
 * their text (the CLI picks its heading and exit status by kind).
 */
export type InputErrorKind =
  /** A scenario fails validation. */
  | 'scenario'
  /** The signal formula cannot be compiled, or fails when evaluated. */
  | 'signal-formula'
  /** A run's passes or seed. */
  | 'run-settings'
  /** The settings of an analysis (tornado, Sobol, discovery, records). */
  | 'analysis-settings'
  /** A range of blocks or design points outside the run. */
  | 'range'
  /** A partial result that is malformed or does not cover its run. */
  | 'partial'
  /** Partial results that are not parts of one run. */
  | 'merge'
  /** A data set for a backtest (a file, row and column are named), or a calibration. */
  | 'data'
  /** Any other input. */
  | 'input';

/** An error that carries every problem found, not only the first. */
export class ConcertInputError extends Error {
  override readonly name = 'ConcertInputError';
  /** What failed, in a few words, e.g. `invalid scenario`. */
  readonly what: string;
  /** What kind of input failed. */
  readonly kind: InputErrorKind;
  /** Every problem found, in input order. */
  readonly problems: readonly Problem[];

  constructor(what: string, problems: readonly Problem[], kind: InputErrorKind = 'input') {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`${what}: ${count}\n${capProblems(problems).map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    this.what = what;
    this.kind = kind;
    this.problems = problems;
  }
}
