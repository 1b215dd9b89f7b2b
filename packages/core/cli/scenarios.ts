/**
 * The built-in scenarios: the JSON files of the repository's `examples/scenarios/`, shipped in the
 * package (the build copies them to `dist/scenarios/`). A command that reads a scenario takes
 * either a file or the name of a built-in scenario (`nato-russia-2025`); a file that exists wins.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateScenario, type Scenario } from '../src/index.js';
import type { CliContext } from './context.js';
import { InputFailure, rethrowAsFailure } from './exitCodes.js';
import { readJsonFile } from './files.js';

/** One built-in scenario: its name (the file name without `.json`), its title and description, and its file. */
export interface BuiltInScenario {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly file: string;
}

/**
 * Where the built-in scenarios are: `dist/scenarios/` beside the built command (the installed
 * package), else the repository's `examples/scenarios/` (running from source); undefined when neither exists.
 */
export function builtInScenarioFolder(): string | undefined {
  const candidates = [new URL('../scenarios/', import.meta.url), new URL('../../../examples/scenarios/', import.meta.url)];
  for (const candidate of candidates) {
    const folder = fileURLToPath(candidate);
    if (existsSync(folder) && statSync(folder).isDirectory()) return folder;
  }
  return undefined;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Every built-in scenario, by name. A file that is not a scenario object is listed with an empty title. */
export function builtInScenarios(context: CliContext): BuiltInScenario[] {
  const folder = builtInScenarioFolder();
  if (folder === undefined) return [];
  return readdirSync(folder)
    .filter((entry) => entry.endsWith('.json'))
    .sort()
    .map((entry) => {
      const file = resolve(folder, entry);
      const scenario = readJsonFile(file, context, 'a built-in scenario');
      const fields = scenario !== null && typeof scenario === 'object' ? (scenario as Record<string, unknown>) : {};
      return { name: basename(entry, '.json'), title: text(fields['title']), description: text(fields['description']), file };
    });
}

/**
 * Reads a scenario given as a file or as the name of a built-in scenario (with or without `.json`).
 * A file of that name, relative to the working directory, wins over a built-in scenario.
 *
 * @throws {InputFailure} naming the argument when it is neither a readable JSON file nor a built-in scenario.
 * @example
 * readScenarioArgument('nato-russia-2025', context).id; // => 'nato-russia-2025'
 */
export function readScenarioArgument(fileOrName: string, context: CliContext): unknown {
  if (existsSync(resolve(context.cwd, fileOrName))) return readJsonFile(fileOrName, context, 'the scenario');
  const scenarios = builtInScenarios(context);
  const builtIn = scenarios.find((scenario) => scenario.name === fileOrName || `${scenario.name}.json` === fileOrName);
  if (builtIn !== undefined) return readJsonFile(builtIn.file, context, 'the scenario');
  const names = scenarios.map((scenario) => scenario.name).join(', ');
  throw new InputFailure('cannot read the scenario', [
    { path: fileOrName, message: `no such file${names === '' ? '' : `, and no built-in scenario of that name (built-in: ${names}; see \`concert scenarios\`)`}` },
  ]);
}

/**
 * Reads a scenario ({@link readScenarioArgument}) and validates it: budgets, nesting, "this is a
 * result", the schema.
 *
 * @throws {InputFailure} naming the file, with every problem.
 */
export function readValidScenario(fileOrName: string, context: CliContext): Scenario {
  const scenario = readScenarioArgument(fileOrName, context);
  try {
    return validateScenario(scenario);
  } catch (error) {
    return rethrowAsFailure(error, () => `invalid scenario in ${fileOrName}`);
  }
}
