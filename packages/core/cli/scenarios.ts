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
 * The kinds of built-in files the package ships beside the command, each a folder of the
 * repository's `examples/` copied into `dist/` by the build: scenarios, experiment designs, and
 * the DEU III training data (with its README: source, citation, licence).
 */
const BUILT_IN_FOLDERS = { scenarios: 'scenarios', experiments: 'experiments', datasets: 'data/deu3' } as const;

/**
 * Where the built-in files of a kind are: `dist/<folder>/` beside the built command (the installed
 * package), else the repository's `examples/<folder>/` (running from source); undefined when neither exists.
 */
export function builtInFolder(kind: keyof typeof BUILT_IN_FOLDERS): string | undefined {
  const folder = BUILT_IN_FOLDERS[kind];
  const candidates = [new URL(`../${folder}/`, import.meta.url), new URL(`../../../examples/${folder}/`, import.meta.url)];
  for (const candidate of candidates) {
    const path = fileURLToPath(candidate);
    if (existsSync(path) && statSync(path).isDirectory()) return path;
  }
  return undefined;
}

/** Where the built-in scenarios are (see {@link builtInFolder}). */
export function builtInScenarioFolder(): string | undefined {
  return builtInFolder('scenarios');
}

/**
 * The file a command should read for an argument: the argument itself when such a file exists
 * (relative to the working directory), else the built-in file of that name (`hawks-latin-hypercube`
 * for a design, `deu3-train` for a data set, with or without its extension), else the argument
 * unchanged, so that reading it reports "no such file" with the name as typed.
 *
 * @example
 * builtInFileOr('deu3-train', 'datasets', ['.tsv'], context); // => '/…/dist/data/deu3/deu3-train.tsv'
 */
export function builtInFileOr(argument: string, kind: keyof typeof BUILT_IN_FOLDERS, extensions: readonly string[], context: CliContext): string {
  if (existsSync(resolve(context.cwd, argument))) return argument;
  const folder = builtInFolder(kind);
  if (folder === undefined || argument.includes('/') || argument.includes('\\')) return argument;
  for (const name of [argument, ...extensions.map((extension) => `${argument}${extension}`)]) {
    const file = resolve(folder, name);
    if (extensions.some((extension) => name.endsWith(extension)) && existsSync(file) && statSync(file).isFile()) return file;
  }
  return argument;
}

/** The names of the built-in files of a kind (file names without their extension), sorted. */
export function builtInNames(kind: keyof typeof BUILT_IN_FOLDERS, extensions: readonly string[]): string[] {
  const folder = builtInFolder(kind);
  if (folder === undefined) return [];
  return readdirSync(folder)
    .filter((entry) => extensions.some((extension) => entry.endsWith(extension)))
    .map((entry) => entry.slice(0, entry.lastIndexOf('.')))
    .sort();
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
 * The file a scenario argument stands for: the file of that name when it exists, else the
 * built-in scenario's file, else the argument as typed. `--out` is checked against it, so that
 * no output replaces a built-in scenario it was read from.
 */
export function scenarioFileOf(fileOrName: string, context: CliContext): string {
  if (existsSync(resolve(context.cwd, fileOrName))) return fileOrName;
  const builtIn = builtInScenarios(context).find((scenario) => scenario.name === fileOrName || `${scenario.name}.json` === fileOrName);
  return builtIn?.file ?? fileOrName;
}

/**
 * Reads a scenario given as a file or as the name of a built-in scenario (with or without `.json`).
 * A file of that name, relative to the working directory, wins over a built-in scenario.
 *
 * @throws {InputFailure} naming the argument when it is neither a readable JSON file nor a built-in scenario.
 * @example
 * readScenarioArgument('nato-russia-2025', context).id; // => 'nato-russia-2025'
 */
export function readScenarioArgument(fileOrName: string, context: CliContext, what = 'the scenario'): unknown {
  if (existsSync(resolve(context.cwd, fileOrName))) return readJsonFile(fileOrName, context, what);
  const scenarios = builtInScenarios(context);
  const builtIn = scenarios.find((scenario) => scenario.name === fileOrName || `${scenario.name}.json` === fileOrName);
  if (builtIn !== undefined) return readJsonFile(builtIn.file, context, what);
  const names = scenarios.map((scenario) => scenario.name).join(', ');
  throw new InputFailure(`cannot read ${what}`, [
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
