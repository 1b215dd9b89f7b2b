/**
 * `pnpm derive`: derives examples/scenarios/nato-russia-2025.json and the preset files from
 * examples/data/nato-allies-facts.csv, validates each with the core's parseScenario, and writes
 * them (stable key order, numbers rounded to three decimals, so the output is byte-stable), and
 * rewrites the derived-parameter table of docs/SCENARIO.md.
 *
 *   pnpm derive            # writes the files
 *   pnpm derive --check    # exits 1 if a committed file differs from what the facts give
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblem, parseScenario, type ScenarioInput } from '../../packages/core/src/index.js';
import { parseFacts } from './facts.js';
import { deriveAllies, deriveNatoRussia2025 } from './deriveNatoRussia2025.js';
import { parameterTableMarkdown, replaceParameterTable } from './parameterTable.js';
import { presetScenarios } from './presets.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The facts file the default scenario is derived from. */
export const FACTS_FILE = join(here, 'nato-allies-facts.csv');
/** Where the scenario files are written. */
export const SCENARIO_DIR = resolve(here, '../scenarios');
/** The documentation whose derived-parameter table is rewritten. */
export const SCENARIO_DOC = resolve(here, '../../docs/SCENARIO.md');

/**
 * The docs/SCENARIO.md text with its derived-parameter table replaced by the one the facts give.
 *
 * @throws {FactsError} when the facts file is malformed; {@link replaceParameterTable}'s errors.
 */
export function documentedParameters(factsCsv: string, doc: string): string {
  return replaceParameterTable(doc, parameterTableMarkdown(deriveAllies(parseFacts(factsCsv))));
}

/** A scenario file to write: its name in examples/scenarios and its exact text. */
export interface ScenarioFile {
  readonly file: string;
  readonly text: string;
}

/**
 * Derives every scenario file from the facts text: the default first, then the presets.
 *
 * @example
 * deriveScenarioFiles(readFileSync(FACTS_FILE, 'utf8')).map((f) => f.file);
 * // => ['nato-russia-2025.json', 'us-disengagement.json', 'escalation-before-summit.json', 'engagers-coordinate.json']
 * @throws {FactsError} when the facts file is malformed (naming row and column).
 * @throws {Error} when a derived scenario does not validate (listing every problem).
 */
export function deriveScenarioFiles(factsCsv: string): ScenarioFile[] {
  const base = deriveNatoRussia2025(parseFacts(factsCsv));
  return [base, ...presetScenarios(base)].map((scenario: ScenarioInput) => {
    const parsed = parseScenario(scenario);
    if (!parsed.success)
      throw new Error(`derived scenario ${scenario.id} is not valid:\n${parsed.problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    return { file: `${scenario.id}.json`, text: `${JSON.stringify(scenario, null, 2)}\n` };
  });
}

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const facts = readFileSync(FACTS_FILE, 'utf8');
  const files = deriveScenarioFiles(facts);
  let stale = 0;
  const doc = readFileSync(SCENARIO_DOC, 'utf8');
  const newDoc = documentedParameters(facts, doc);
  if (check && doc !== newDoc) (stale += 1), console.error('docs/SCENARIO.md: the derived-parameter table differs from what the facts give (run pnpm derive)');
  if (!check) writeFileSync(SCENARIO_DOC, newDoc), console.log('wrote the derived-parameter table of docs/SCENARIO.md');
  for (const { file, text } of files) {
    const path = join(SCENARIO_DIR, file);
    if (check) {
      let committed = '';
      try {
        committed = readFileSync(path, 'utf8');
      } catch {
        committed = '';
      }
      if (committed !== text) (stale += 1), console.error(`examples/scenarios/${file} differs from what the facts give (run pnpm derive)`);
    } else {
      writeFileSync(path, text);
      console.log(`wrote examples/scenarios/${file}`);
    }
  }
  return stale === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
