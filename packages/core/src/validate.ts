/** Validating scenarios at the boundary: all problems at once, each with its path and value. */
import type { z } from 'zod';
import { formatPath, type Problem, ConcertInputError } from './problems.js';
import { ScenarioSchema, type Scenario } from './schema.js';

/** The outcome of {@link parseScenario}: the scenario, or every problem with it. */
export type ParseResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly problems: readonly Problem[] };

function describeExpectedType(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const expected = String(issue.expected);
    if (issue.input === undefined) return `is required (expected ${expected === 'object' ? 'an object' : `a ${expected}`})`;
    return `must be ${expected === 'object' ? 'an object' : expected === 'array' ? 'a list' : `a ${expected}`}`;
  }
  return issue.message;
}

/** Turns zod issues into problems; a failed union reports the branch that fits the value's type. */
export function problemsFromZod(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union') {
      // Prefer the branch that failed on something deeper than the value's type.
      const branches = issue.errors.filter(
        (branch) => !(branch.length === 1 && branch[0]!.code === 'invalid_type' && branch[0]!.path.length === 0),
      );
      if (branches.length === 1) {
        problems.push(...problemsFromZod(branches[0]!, path));
        continue;
      }
      problems.push({
        path: formatPath(path),
        message: 'must be a number in [0, 1], or an object { center, uncertainty }',
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

/**
 * Validates a scenario (for example parsed JSON) and fills its defaults.
 *
 * @example
 * const parsed = parseScenario(JSON.parse(text));
 * if (!parsed.success) console.error(parsed.problems.map(formatProblem).join('\n'));
 */
export function parseScenario(input: unknown): ParseResult<Scenario> {
  const result = ScenarioSchema.safeParse(input, { reportInput: true });
  if (result.success) return { success: true, data: result.data };
  return { success: false, problems: problemsFromZod(result.error.issues) };
}

/**
 * Validates a scenario and returns it with its defaults filled in.
 *
 * @throws {ConcertInputError} listing every problem, each with its path, value and what was expected.
 */
export function validateScenario(input: unknown): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.success) throw new ConcertInputError('invalid scenario', parsed.problems);
  return parsed.data;
}
