/** Validating scenarios at the boundary: all problems at once, each with its path and value. */
import type { z } from 'zod';
import { MAX_ALLIES, MAX_BLOCS, MAX_EVENTS, MAX_NESTING_DEPTH, MAX_OPTIONS, MAX_SHIFTS_PER_EVENT, MAX_SHIFT_TARGETS, nestingTooDeep } from '../budgets.js';
import { capProblems, formatPath, type Problem, ConcertInputError } from '../problems.js';
import { ScenarioShapeSchema, scenarioBudgetProblems, scenarioReferenceProblems, type Scenario } from './schema.js';

/** The outcome of {@link parseScenario}: the scenario, or every problem with it. */
export type ParseResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly problems: readonly Problem[] };

const TYPE_NAMES: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  int: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
};

function describeExpectedType(issue: z.core.$ZodIssue): string {
  // Zod's own wording ("Invalid input: expected ...") is replaced; messages set in the schema are kept.
  if (issue.code === 'invalid_type' && (issue.input === undefined || issue.message.startsWith('Invalid input'))) {
    const expected = TYPE_NAMES[String(issue.expected)] ?? String(issue.expected);
    return issue.input === undefined ? `is required (expected ${expected})` : `must be ${expected}`;
  }
  return issue.message;
}

/** Turns zod issues into problems; a failed union reports the branch that fits the value's type. */
export function problemsFromZod(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length === 0) {
      // A discriminated union whose discriminator matches no branch: the schema's own message.
      problems.push({ path: formatPath(path), message: issue.message, value: issue.input });
      continue;
    }
    if (issue.code === 'invalid_union') {
      // Prefer the branch that failed on something deeper than the value's type; among several,
      // the one whose fields the value has (fewest missing or unknown keys, e.g. an ally's stance
      // with or without `distribution`).
      if (issue.errors.length === 0) {
        // A discriminated union (decisionRule, protocol) whose discriminator matches no branch.
        const { discriminator, options } = issue as { discriminator?: string; options?: unknown[] };
        const input = issue.input as Record<string, unknown> | undefined;
        if (discriminator !== undefined && typeof input === 'object' && input !== null && !Array.isArray(input)) {
          const message = `must be one of ${(options ?? []).map((o) => JSON.stringify(o)).join(', ')}`;
          problems.push(discriminator in input ? { path: formatPath(path), message, value: input[discriminator] } : { path: formatPath(path), message: `is required (${message})` });
        } else problems.push({ path: formatPath(path.slice(0, discriminator === undefined ? path.length : -1)), message: issue.message, value: issue.input });
        continue;
      }
      let branches = issue.errors.filter(
        (branch) => !(branch.length === 1 && branch[0]!.code === 'invalid_type' && branch[0]!.path.length === 0),
      );
      if (branches.length > 1) {
        const keyMisfits = (branch: readonly z.core.$ZodIssue[]) =>
          branch.reduce(
            (count, sub) =>
              count +
              (sub.code === 'unrecognized_keys' && sub.path.length === 0 ? sub.keys.length : 0) +
              (sub.code === 'invalid_type' && sub.path.length === 1 && sub.input === undefined ? 1 : 0),
            0,
          );
        const fewest = Math.min(...branches.map(keyMisfits));
        const fitting = branches.filter((branch) => keyMisfits(branch) === fewest);
        if (fitting.length === 1) branches = fitting;
      }
      if (branches.length === 1) {
        problems.push(...problemsFromZod(branches[0]!, path));
        continue;
      }
      // A union with its own message (a seed: a string or a whole number) says it; the scenario's
      // one union without (an uncertain parameter) gets its own words.
      const own = issue.message !== '' && !issue.message.startsWith('Invalid input');
      if (own && issue.input === undefined) problems.push({ path: formatPath(path), message: `is required (it ${issue.message})` });
      else
        problems.push({
          path: formatPath(path),
          message: own ? issue.message : 'must be a number in [0, 1], or an object { center, uncertainty }',
          value: issue.input,
        });
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        problems.push({ path: formatPath([...path, key]), message: 'is not a known field (check the spelling)' });
      continue;
    }
    const problem: Problem =
      issue.input === undefined && issue.code === 'invalid_type'
        ? { path: formatPath(path), message: describeExpectedType(issue) }
        : { path: formatPath(path), message: describeExpectedType(issue), value: issue.input };
    problems.push(problem);
  }
  return problems;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const count = (n: number) => n.toLocaleString('en-US');

/** What other Concert files say they are, so that one given as a scenario gets a useful answer. */
const NOT_A_SCENARIO: Record<string, string> = {
  'concert-result':
    'is a result ("format": "concert-result"), not a scenario: rerun it with `concert replay`, or take the scenario it holds in its "scenario" field',
  'concert-partial':
    'is a shard\'s partial result ("format": "concert-partial"), not a scenario: add the shards up with `concert merge`, or take the scenario it holds in its "scenario" field',
  'concert-landscape': 'is a map of viable texts ("format": "concert-landscape", written by `concert landscape`), not a scenario',
  'concert-comparison': 'is a comparison ("format": "concert-comparison", written by `concert compare`), not a scenario',
  'concert-experiment':
    'is an experiment result ("format": "concert-experiment"), not a scenario: rerun it with `concert replay`, or take a scenario it holds in its "scenarios" field',
  'concert-experiment-partial': 'is an experiment shard ("format": "concert-experiment-partial"), not a scenario: add the shards up with `concert merge`',
  'concert-backtest': 'is a backtest result ("format": "concert-backtest", written by `concert backtest`), not a scenario',
  'concert-calibration': 'is a calibration ("format": "concert-calibration"), not a scenario: give it to `concert backtest --calibration`',
  'concert-tornado': 'is a tornado ("format": "concert-tornado", written by `concert sensitivity tornado`), not a scenario',
  'concert-sobol': 'is a Sobol analysis ("format": "concert-sobol", written by `concert sensitivity sobol`), not a scenario',
  'concert-discovery': 'is a discovery ("format": "concert-discovery", written by `concert sensitivity discover`), not a scenario',
};

/**
 * The problems found before the schema walks an input, each of which would make that walk slow,
 * huge or deep: another kind of Concert file, nesting deeper than {@link MAX_NESTING_DEPTH}, and
 * lists longer than their budgets. Checked without recursion. An empty list means the schema may
 * look at the input.
 */
export function scenarioInputProblems(input: unknown): Problem[] {
  if (!isRecord(input)) return [];
  const kind = typeof input['format'] === 'string' ? NOT_A_SCENARIO[input['format']] : undefined;
  if (kind !== undefined) return [{ path: '', message: kind }];
  const deep = nestingTooDeep(input, MAX_NESTING_DEPTH);
  if (deep !== null)
    return [
      {
        path: formatPath(deep.path.slice(0, 8)) + (deep.path.length > 8 ? '...' : ''),
        message: `is nested too deep: a scenario nests at most ${MAX_NESTING_DEPTH} levels of lists and objects (a valid one nests 6)`,
      },
    ];
  const problems: Problem[] = [];
  const tooLong = (path: readonly (string | number)[], value: unknown, max: number, what: string) => {
    if (Array.isArray(value) && value.length > max)
      problems.push({ path: formatPath(path), message: `must list at most ${count(max)} ${what}`, value: `${count(value.length)} entries` });
  };
  tooLong(['allies'], input['allies'], MAX_ALLIES, 'allies');
  tooLong(['blocs'], input['blocs'], MAX_BLOCS, 'blocs');
  tooLong(['events'], input['events'], MAX_EVENTS, 'events');
  tooLong(['options'], input['options'], MAX_OPTIONS, 'strategy options');
  const events = input['events'];
  if (Array.isArray(events) && events.length <= MAX_EVENTS)
    events.forEach((event: unknown, e) => {
      if (!isRecord(event)) return;
      const shifts = event['shifts'];
      tooLong(['events', e, 'shifts'], shifts, MAX_SHIFTS_PER_EVENT, 'shifts');
      if (Array.isArray(shifts) && shifts.length <= MAX_SHIFTS_PER_EVENT)
        shifts.forEach((shift: unknown, s) => {
          if (isRecord(shift)) tooLong(['events', e, 'shifts', s, 'allies'], shift['allies'], MAX_SHIFT_TARGETS, 'allies and blocs');
        });
    });
  return problems;
}

/**
 * Validates a scenario (for example parsed JSON) and fills its defaults.
 *
 * @example
 * const parsed = parseScenario(JSON.parse(text));
 * if (!parsed.success) console.error(parsed.problems.map(formatProblem).join('\n'));
 */
export function parseScenario(input: unknown): ParseResult<Scenario> {
  // Inputs that are too big or too deep for the schema to walk are refused first, on their own.
  const early = scenarioInputProblems(input);
  if (early.length > 0) return { success: false, problems: capProblems(early) };
  // Shape and references are checked separately, so that a scenario with a bad number and a
  // duplicate id gets both reported at once.
  const result = ScenarioShapeSchema.safeParse(input, { reportInput: true });
  const problems = result.success ? [] : problemsFromZod(result.error.issues);
  for (const issue of [...scenarioReferenceProblems(input), ...scenarioBudgetProblems(input)])
    problems.push(
      issue.input === undefined
        ? { path: formatPath(issue.path), message: issue.message }
        : { path: formatPath(issue.path), message: issue.message, value: issue.input },
    );
  if (problems.length > 0) return { success: false, problems: capProblems(sortProblems(problems)) };
  return { success: true, data: result.data as Scenario };
}

const FIELD_ORDER = Object.keys(ScenarioShapeSchema.shape);

/** Problems in the order of the scenario: by top-level field, then by index, then by name. */
function sortProblems(problems: Problem[]): Problem[] {
  const parts = (path: string) => path.split(/[.[\]]+/).filter((part) => part !== '');
  const compare = (a: string, b: string, depth: number): number => {
    if (depth === 0) return FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b);
    const na = Number(a);
    const nb = Number(b);
    if (Number.isInteger(na) && Number.isInteger(nb)) return na - nb;
    return a < b ? -1 : a > b ? 1 : 0;
  };
  return problems.sort((a, b) => {
    const pa = parts(a.path);
    const pb = parts(b.path);
    for (let k = 0; k < Math.min(pa.length, pb.length); k++) {
      const order = compare(pa[k]!, pb[k]!, k);
      if (order !== 0) return order;
    }
    return pa.length - pb.length;
  });
}

/**
 * Validates a scenario and returns it with its defaults filled in.
 *
 * @throws {ConcertInputError} listing every problem, each with its path, value and what was expected.
 */
export function validateScenario(input: unknown): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.success) throw new ConcertInputError('invalid scenario', parsed.problems, 'scenario');
  return parsed.data;
}
