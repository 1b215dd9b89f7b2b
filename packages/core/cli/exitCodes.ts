/**
 * Exit statuses and the two kinds of failure a command reports.
 *
 * - 0: success.
 * - 1: invalid input: a file is missing, unreadable or invalid, shards do not merge, or a replay
 *   does not match. Every problem is listed on stderr, one per line.
 * - 2: bad usage: unknown command or option, a missing or malformed argument.
 */
import { ConcertInputError, capProblems, escapeControlCharacters, formatProblem, type InputErrorKind, type Problem } from '../src/index.js';

export const EXIT_OK = 0;
export const EXIT_INVALID_INPUT = 1;
export const EXIT_USAGE = 2;

/** The command line itself is wrong; the message says how, and the command's help is suggested. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * What kind of input a command failed on: the core's kinds, and the command line's own (a file
 * that cannot be read or written, a result that does not replay).
 */
export type FailureKind = InputErrorKind | 'file' | 'output' | 'replay';

/** An input is invalid; every problem is listed. */
export class InputFailure extends Error {
  override readonly name = 'InputFailure';
  /** What failed, e.g. `invalid scenario s.json`. */
  readonly what: string;
  /** What kind of input failed. */
  readonly kind: FailureKind;
  readonly problems: readonly Problem[];

  constructor(what: string, problems: readonly Problem[], kind: FailureKind = 'input') {
    super(describeProblems(what, problems));
    this.what = what;
    this.kind = kind;
    this.problems = problems;
  }
}

/**
 * A heading and one line per problem, as printed on stderr: at most 100 problems (the rest
 * counted), control characters escaped.
 *
 * @example
 * describeProblems('invalid scenario s.json', [{ path: 'passes', message: 'must be at least 1', value: 0 }]);
 * // => 'invalid scenario s.json (1 problem):\n  passes: must be at least 1, got 0'
 */
export function describeProblems(what: string, problems: readonly Problem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return `${escapeControlCharacters(what)} (${count}):\n${capProblems(problems).map((problem) => `  ${formatProblem(problem)}`).join('\n')}`;
}

/**
 * Rethrows a core input error as the CLI's failure under a heading naming the file (`heading`
 * gets the core's own, e.g. `invalid scenario`); any other error is rethrown as it is.
 *
 * @example
 * try { prepareLandscape(scenario, settings); } catch (error) { rethrowAsFailure(error, (what) => `${what} in ${file}`); }
 */
export function rethrowAsFailure(error: unknown, heading: (what: string) => string): never {
  if (error instanceof ConcertInputError) throw new InputFailure(heading(error.what), error.problems, error.kind);
  throw error;
}
