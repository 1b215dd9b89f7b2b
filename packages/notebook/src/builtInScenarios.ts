/// <reference types="vite/client" />
/**
 * The built-in scenarios: every JSON file in examples/scenarios/ (found by a glob at build time,
 * so files added later appear without code changes). Until that folder has any, the 32-ally test
 * fixture stands in. Files that are not valid scenarios are reported, not offered.
 */
import { formatProblem, parseScenario, type Scenario } from '@concert/core';

/** A scenario offered in the picker. */
export interface BuiltInScenario {
  /** The file's name without `.json` (unique), used as the state's `source`. */
  readonly key: string;
  /** Path of the file in the repository, for display. */
  readonly file: string;
  readonly scenario: Scenario;
}

/** A built-in file that is not a valid scenario, with its problems formatted one per line. */
export interface RejectedScenarioFile {
  readonly file: string;
  readonly problems: readonly string[];
}

/** The scenario the notebook opens on when it exists. */
export const DEFAULT_SCENARIO_KEY = 'nato-russia-2025';

/**
 * Sorts glob-imported JSON modules (path to parsed JSON) into valid scenarios and rejected files;
 * the default scenario comes first, the rest by path.
 *
 * @example
 * collectScenarios({ '../x/nato-russia-2025.json': json }).scenarios[0].key; // => 'nato-russia-2025'
 */
export function collectScenarios(modules: Record<string, unknown>): { scenarios: BuiltInScenario[]; rejected: RejectedScenarioFile[] } {
  const scenarios: BuiltInScenario[] = [];
  const rejected: RejectedScenarioFile[] = [];
  const paths = Object.keys(modules).sort();
  for (const path of paths) {
    const file = path.replace(/^(\.\.\/)+/, '');
    const key = path.replace(/^.*\//, '').replace(/\.json$/, '');
    const parsed = parseScenario(modules[path]);
    if (parsed.success) scenarios.push({ key, file, scenario: parsed.data });
    else rejected.push({ file, problems: parsed.problems.map(formatProblem) });
  }
  scenarios.sort((a, b) => Number(b.key === DEFAULT_SCENARIO_KEY) - Number(a.key === DEFAULT_SCENARIO_KEY));
  return { scenarios, rejected };
}

const examples = import.meta.glob('../../../examples/scenarios/**/*.json', { eager: true, import: 'default' });
const fixture = import.meta.glob('../../../tests/fixtures/toy-32.json', { eager: true, import: 'default' });

/** The built-in scenarios of this build (the test fixture only while examples/scenarios/ is empty). */
export const BUILT_IN = collectScenarios(Object.keys(examples).length > 0 ? examples : fixture);
