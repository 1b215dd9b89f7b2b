/**
 * Problems in the page's words: a path such as `allies[12].hawkishness.center` becomes
 * "Hungary’s hawkishness center", naming the ally, option or event by its name, with the path
 * kept for whoever edits the file.
 */
import { formatProblem, type Problem } from '@concert/core';

const WORDS: Record<string, string> = {
  engagementPreference: 'engagement preference',
  solidarityCost: 'solidarity cost',
  maxRounds: 'bargaining rounds',
  maxDrift: 'maximum drift',
  statusQuo: 'status quo',
  dimensionWeights: 'dimension weights',
  schemaVersion: 'schema version',
};

const LISTS: Record<string, string> = { allies: 'ally', options: 'option', events: 'event', blocs: 'bloc' };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The thing a path names, in words, looked up in the (possibly invalid) scenario it came from;
 * null when the path names no list entry.
 *
 * @example
 * namedPath('allies[12].hawkishness.center', scenario); // => 'Hungary’s hawkishness center'
 * namedPath('options[0]', scenario); // => 'option “Dual track”'
 */
export function namedPath(path: string, scenario: unknown): string | null {
  const match = /^(?:scenario\.)?(allies|options|events|blocs)\[(\d+)\](?:\.(.*))?$/.exec(path);
  if (match === null || !isRecord(scenario)) return null;
  const [, list, index, rest] = match as unknown as [string, string, string, string | undefined];
  const entries = scenario[list];
  const entry = Array.isArray(entries) ? entries[Number(index)] : undefined;
  if (!isRecord(entry)) return null;
  const name = typeof entry.name === 'string' && entry.name !== '' ? entry.name : typeof entry.id === 'string' && entry.id !== '' ? entry.id : `number ${Number(index) + 1}`;
  const kind = LISTS[list]!;
  if (rest === undefined || rest === '') return `${kind} “${name}”`;
  const field = rest
    .split('.')
    .map((part) => part.replace(/\[(\d+)\]/g, (_m, k: string) => ` ${Number(k) + 1}`))
    .map((part) => WORDS[part] ?? part)
    .join(' ');
  return kind === 'ally' ? `${name}’s ${field}` : `${kind} “${name}”: ${field}`;
}

/**
 * A problem as a line of the page: the named thing first (when the path names one), then the
 * core's line with its path, value and what was expected.
 *
 * @example
 * problemLine({ path: 'allies[12].hawkishness.center', message: 'must be strictly between 0 and 1', value: 1.4 }, scenario);
 * // => 'Hungary’s hawkishness center: must be strictly between 0 and 1, got 1.4 (allies[12].hawkishness.center)'
 */
export function problemLine(problem: Problem, scenario: unknown): string {
  const named = namedPath(problem.path, scenario);
  if (named === null) return formatProblem(problem);
  const text = formatProblem(problem);
  const detail = text.startsWith(`${problem.path}: `) ? text.slice(problem.path.length + 2) : text;
  return `${named}: ${detail} (${problem.path})`;
}
