/**
 * The derived parameter table of docs/SCENARIO.md, written by `pnpm derive` between markers so
 * the documentation always shows what the committed scenario holds.
 */
import type { DerivedAlly } from './deriveNatoRussia2025.js';

export const PARAMETERS_START = '<!-- derived-parameters:start -->';
export const PARAMETERS_END = '<!-- derived-parameters:end -->';

/**
 * One row per ally: centers, uncertainty, influence, solidarity cost, bloc and fallbacks.
 *
 * @example
 * parameterTableMarkdown(deriveAllies(parseFacts(csv))).split('\n').length; // => 34 (header, rule, 32 rows)
 */
export function parameterTableMarkdown(allies: readonly DerivedAlly[]): string {
  const f = (x: number) => x.toFixed(3);
  return [
    '| Ally | Hawkishness | Engagement | Salience | Stance uncertainty | Influence | Solidarity cost | Bloc | Fallbacks used |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...allies.map(
      (a) =>
        `| ${a.country} (${a.iso3}) | ${f(a.hawkishness)} | ${f(a.engagementPreference)} | ${f(a.salience)} | ${a.stanceUncertainty.toFixed(1)} | ${a.influence.toFixed(2)} | ${f(a.solidarityCost)} | ${a.bloc ?? '–'} | ${a.fallbacks.length > 0 ? a.fallbacks.join('; ').replace(/\|/g, '/') : '–'} |`,
    ),
  ].join('\n');
}

/**
 * Replaces the table between the markers of docs/SCENARIO.md.
 *
 * @throws {Error} when the markers are missing or out of order.
 */
export function replaceParameterTable(doc: string, table: string): string {
  const start = doc.indexOf(PARAMETERS_START);
  const end = doc.indexOf(PARAMETERS_END);
  if (start < 0 || end < start) throw new Error(`docs/SCENARIO.md: expected ${PARAMETERS_START} followed by ${PARAMETERS_END}`);
  return `${doc.slice(0, start + PARAMETERS_START.length)}\n${table}\n${doc.slice(end)}`;
}
