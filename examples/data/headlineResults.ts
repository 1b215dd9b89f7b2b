/**
 * The README's headline results for the default scenario: consensus, destabilization risk and
 * viability per option with 95% intervals, and the top blockers, from a named seed.
 */
import { simulate, validateScenario, type SimulationResult } from '../../packages/core/src/index.js';

/** The seed of the README table. */
export const HEADLINE_SEED = 'hague-2025';
/** The number of passes of the README table. */
export const HEADLINE_PASSES = 20_000;
/** How many blockers the table names per option. */
export const HEADLINE_TOP_BLOCKERS = 3;
/** The markers around the generated table in README.md. */
export const HEADLINE_START = '<!-- headline-results:start -->';
export const HEADLINE_END = '<!-- headline-results:end -->';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const withInterval = (e: { estimate: number; lower: number; upper: number }) => `${pct(e.estimate)} (${pct(e.lower)}–${pct(e.upper)})`;

/**
 * The Markdown that goes between the markers: the command, seed and passes, then the table.
 *
 * @example
 * headlineMarkdown(simulate(scenario, { passes: 20_000, seed: 'hague-2025' })).startsWith('Produced by'); // => true
 */
export function headlineMarkdown(result: SimulationResult): string {
  const names = new Map(result.scenario.allies.map((a) => [a.id, a.name ?? a.id]));
  const rows = result.options.map((option) => {
    const blockers = [...option.allies]
      .filter((a) => a.blockerRate.estimate >= 0.0005)
      .sort((a, b) => b.blockerRate.estimate - a.blockerRate.estimate || a.id.localeCompare(b.id))
      .slice(0, HEADLINE_TOP_BLOCKERS)
      .map((a) => `${names.get(a.id)} ${pct(a.blockerRate.estimate)}`);
    return `| ${option.name ?? option.id} | ${withInterval(option.consensus)} | ${withInterval(option.risk)} | ${withInterval(option.viability)} | ${blockers.length > 0 ? blockers.join(', ') : 'none'} |`;
  });
  return [
    `Produced by \`pnpm readme:results\` (scenario \`examples/scenarios/nato-russia-2025.json\`, seed \`"${result.manifest.seed}"\`, ${result.manifest.passes.toLocaleString('en-US')} passes, engine ${result.manifest.engineVersion}); the same figures: \`pnpm concert run examples/scenarios/nato-russia-2025.json --seed ${result.manifest.seed} --passes ${result.manifest.passes} --format table\`. Intervals are 95% Wilson intervals; a blocker rate is the share of passes in which the ally still objected after the last bargaining round.`,
    '',
    '| Option | Consensus | Destabilization risk | Viability (consensus, no risk) | Top blockers (blocker rate) |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/**
 * Runs the default scenario at the headline seed and passes.
 *
 * @example
 * headlineResult(JSON.parse(readFileSync('examples/scenarios/nato-russia-2025.json', 'utf8'))).manifest.seed; // => 'hague-2025'
 * @throws {ConcertInputError} when the scenario is not valid.
 */
export function headlineResult(scenarioJson: unknown): SimulationResult {
  return simulate(validateScenario(scenarioJson), { passes: HEADLINE_PASSES, seed: HEADLINE_SEED });
}

/**
 * Replaces the text between the headline markers of a README.
 *
 * @example
 * replaceHeadline('a\n<!-- headline-results:start -->\nold\n<!-- headline-results:end -->\nb', 'new');
 * // => 'a\n<!-- headline-results:start -->\nnew\n<!-- headline-results:end -->\nb'
 * @throws {Error} when the markers are missing or out of order.
 */
export function replaceHeadline(readme: string, markdown: string): string {
  const start = readme.indexOf(HEADLINE_START);
  const end = readme.indexOf(HEADLINE_END);
  if (start < 0 || end < start) throw new Error(`README.md: expected ${HEADLINE_START} followed by ${HEADLINE_END}`);
  return `${readme.slice(0, start + HEADLINE_START.length)}\n${markdown}\n${readme.slice(end)}`;
}

/**
 * The text between the headline markers of a README (without the surrounding newlines).
 *
 * @throws {Error} when the markers are missing or out of order.
 */
export function currentHeadline(readme: string): string {
  const start = readme.indexOf(HEADLINE_START);
  const end = readme.indexOf(HEADLINE_END);
  if (start < 0 || end < start) throw new Error(`README.md: expected ${HEADLINE_START} followed by ${HEADLINE_END}`);
  return readme.slice(start + HEADLINE_START.length, end).replace(/^\n/, '').replace(/\n$/, '');
}
