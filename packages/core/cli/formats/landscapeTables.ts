/**
 * Maps of viable texts and scenario comparisons as CSV and text, for `concert landscape` and
 * `concert compare`. Probabilities are written with 6 decimals, coordinates as short as they are exact to 1e-9.
 * Text from a scenario goes through `csvCell` in CSV and is shown with its control characters
 * escaped in tables, so no name can run in a spreadsheet or drive a terminal.
 */
import { csvCell, escapeControlCharacters, type Change, type ComparisonResult, type Estimate, type LandscapeResult, type MeasureComparison } from '../../src/index.js';

/** The map's CSV lives in the core, shared with the notebook's download. */
export { landscapeCsv } from '../../src/index.js';
import { estimateText, percent } from './table.js';

/** The measures a map shows. */
export const LANDSCAPE_MEASURES = ['viability', 'consensus', 'risk'] as const;
/** One measure of a map. */
export type LandscapeMeasure = (typeof LANDSCAPE_MEASURES)[number];

const probability = (x: number) => x.toFixed(6);
const coordinate = (x: number) => String(Number(x.toFixed(9)));
/** Text from the scenario in a table: control characters and line breaks escaped (docs/LIMITS.md, "Terminals"). */
const shown = (text: string) => escapeControlCharacters(text);
const estimateColumns = (e: Estimate) => [probability(e.estimate), probability(e.lower), probability(e.upper)];

/** Shades from 0 to 1, in ten steps. */
const SHADES = ' .:-=+*#%@';

/** A signed change in percentage points: `+1.2 pt`, `-0.4 pt`, `0.0 pt`. */
function points(x: number): string {
  const text = (x * 100).toFixed(1);
  return Number(text) === 0 ? '0.0 pt' : `${x > 0 ? '+' : ''}${text} pt`;
}

/** A change with its standard error and interval: `+1.2 pt ± 0.3 (95%: +0.6 to +1.8)`. */
export function changeText(change: Change): string {
  return `${points(change.estimate)} ± ${(change.standardError * 100).toFixed(2)} (95%: ${points(change.lower)} to ${points(change.upper)})`;
}

/**
 * A map as text: the measure drawn in shades (engagement up, firmness to the right), then the
 * most viable text with its interval and its paired advantage over the runner-up.
 */
export function landscapeTable(result: LandscapeResult, measure: LandscapeMeasure = 'viability'): string {
  const { manifest, firmness, engagement } = result;
  const grid = manifest.grid;
  const lines = [
    `Map of viable texts: ${grid} x ${grid} texts at visibility ${manifest.visibility}, each judged in the same ${manifest.passes.toLocaleString('en-US')} passes (seed ${JSON.stringify(manifest.seed)})`,
    `${measure} by shade: "${SHADES}" = 0 to 100% in tenths; engagement up, firmness to the right`,
    '',
  ];
  for (let row = grid - 1; row >= 0; row--) {
    let text = '';
    for (let column = 0; column < grid; column++) {
      const estimate = result.cells[row * grid + column]![measure].estimate;
      text += SHADES[Math.min(9, Math.floor(estimate * 10))];
    }
    lines.push(`${engagement[row]!.toFixed(2).padStart(5)} |${text}|`);
  }
  lines.push(`${''.padStart(5)}  ${firmness[0]!.toFixed(2)}${firmness.at(-1)!.toFixed(2).padStart(Math.max(4, grid - 4))}`);
  const most = result.mostViable;
  lines.push('');
  if (most === null) lines.push('No cell has been judged yet.');
  else {
    const { best, runnerUp, ties, advantage } = most;
    const where = (cell: { firmness: number; engagement: number }) => `firmness ${coordinate(cell.firmness)}, engagement ${coordinate(cell.engagement)}`;
    const blocker = (cell: typeof best) => (cell.topBlocker === null ? 'no ally blocks it' : `most often blocked by ${shown(cell.topBlocker.name)} (${percent(cell.topBlocker.rate.estimate)})`);
    lines.push(`Most viable text: ${where(best)}: viability ${estimateText(best.viability)}, consensus ${estimateText(best.consensus)}, risk ${estimateText(best.risk)}; ${blocker(best)}.`);
    if (ties > 1) lines.push(`${ties} texts of the map share its viability on these passes (a plateau); among them it has the highest consensus, then the lowest risk, then the lowest engagement and firmness.`);
    if (runnerUp !== null) lines.push(`Runner-up: ${where(runnerUp)}: viability ${estimateText(runnerUp.viability)}.`);
    if (advantage !== null)
      lines.push(
        `Advantage over the runner-up on the same passes: ${changeText({ ...advantage })}; ${advantage.lower > 0 ? 'the best text is ahead beyond the 95% interval' : advantage.up + advantage.down === 0 ? 'the two texts had the same outcome in every pass' : 'the two cannot be told apart at 95%'}.`,
      );
  }
  return lines.join('\n') + '\n';
}

const MEASURE_ROWS = ['consensus', 'risk', 'viability'] as const;

/** A comparison as CSV: one row per option and measure, and per option, ally and blocker rate. */
export function comparisonCsv(result: ComparisonResult): string {
  const header = ['option', 'measure', 'ally', 'baseline', 'baseline_lower', 'baseline_upper', 'current', 'current_lower', 'current_upper', 'change', 'change_se', 'change_lower', 'change_upper', 'up', 'down', 'paired'];
  const row = (option: string, measure: string, ally: string, comparison: MeasureComparison) =>
    [
      csvCell(option),
      measure,
      csvCell(ally),
      ...estimateColumns(comparison.baseline),
      ...estimateColumns(comparison.current),
      probability(comparison.change.estimate),
      probability(comparison.change.standardError),
      probability(comparison.change.lower),
      probability(comparison.change.upper),
      comparison.change.up === null ? '' : String(comparison.change.up),
      comparison.change.down === null ? '' : String(comparison.change.down),
      result.pairing.paired ? 'yes' : 'no',
    ].join(',');
  const rows: string[] = [];
  for (const option of result.options) {
    for (const measure of MEASURE_ROWS) rows.push(row(option.id, measure, '', option[measure]));
    for (const ally of option.allies) rows.push(row(option.id, 'blockerRate', ally.id, ally.blockerRate));
  }
  return [header.join(','), ...rows].join('\n') + '\n';
}

/** A comparison as text: per option, each measure from baseline to current with its change, and the allies whose blocking changed most. */
export function comparisonTable(result: ComparisonResult): string {
  const { manifest, pairing } = result;
  const lines = [
    `Comparison, current against baseline: ${manifest.passes.toLocaleString('en-US')} passes each (seed ${JSON.stringify(manifest.seed)}), ${pairing.paired ? 'paired: both judged in the same sampled worlds, so the change is a mean of per-pass differences' : 'UNPAIRED: two independent runs (Newcombe intervals)'}`,
  ];
  if (!pairing.paired) lines.push(`Not paired because ${shown(pairing.reason ?? '')}.`);
  for (const option of result.options) {
    lines.push('', `${shown(option.name)} (${shown(option.id)})`);
    for (const measure of MEASURE_ROWS) {
      const m = option[measure];
      lines.push(`  ${measure.padEnd(10)} ${percent(m.baseline.estimate).padStart(6)} -> ${percent(m.current.estimate).padStart(6)}  change ${changeText(m.change)}`);
    }
    const moved = option.allies
      .filter((ally) => ally.blockerRate.change.estimate !== 0)
      .sort((a, b) => Math.abs(b.blockerRate.change.estimate) - Math.abs(a.blockerRate.change.estimate) || (a.id < b.id ? -1 : 1))
      .slice(0, 3);
    for (const ally of moved)
      lines.push(`  blocked by ${shown(ally.name)}: ${percent(ally.blockerRate.baseline.estimate)} -> ${percent(ally.blockerRate.current.estimate)}  change ${changeText(ally.blockerRate.change)}`);
  }
  if (result.added.length > 0) lines.push('', `Added (only in current): ${result.added.map((o) => `${shown(o.name)} (${shown(o.id)})`).join(', ')}`);
  if (result.removed.length > 0) lines.push('', `Removed (only in baseline): ${result.removed.map((o) => `${shown(o.name)} (${shown(o.id)})`).join(', ')}`);
  return lines.join('\n') + '\n';
}
