/**
 * Results as an aligned text table for a terminal: per option, consensus, risk and viability
 * with their 95% intervals, bargaining figures and the allies that block most often.
 */
import { escapeControlCharacters, type Estimate, type SimulationResult } from '../../src/index.js';

/** A probability as a percentage with one decimal: `0.6213` → `62.1%`. */
export function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** An estimate with its interval: `62.1% (61.8–62.4)`. */
export function estimateText(estimate: Estimate): string {
  return `${percent(estimate.estimate)} (${(estimate.lower * 100).toFixed(1)}–${(estimate.upper * 100).toFixed(1)})`;
}

/** A number with fixed decimals, never `-0.000`. */
export function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : text;
}

/** Pads cells into columns: text left-aligned, the rest right-aligned. */
function alignColumns(rows: readonly (readonly string[])[], leftAligned: ReadonlySet<number>): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
  return rows.map((row) =>
    row
      .map((cell, column) => {
        const pad = ' '.repeat(widths[column]! - [...cell].length);
        return leftAligned.has(column) ? cell + pad : pad + cell;
      })
      .join('  ')
      .trimEnd(),
  );
}

/** The allies most often blocking an option: `HU 21.3%, SK 12.0%`, or `none` when no ally ever blocked. */
export function topBlockers(option: SimulationResult['options'][number], count = 3): string {
  const blockers = option.allies
    .filter((ally) => ally.blockerRate.estimate > 0)
    .sort((a, b) => b.blockerRate.estimate - a.blockerRate.estimate || (a.id < b.id ? -1 : 1))
    .slice(0, count);
  return blockers.length === 0 ? 'none' : blockers.map((ally) => `${ally.id} ${percent(ally.blockerRate.estimate)}`).join(', ');
}

/**
 * The result as a text table.
 *
 * @example
 * resultTable(simulate(scenario, { passes: 10_000, seed: 1 }));
 * // => 'Toy alliance ... (toy-32): 10,000 passes, seed 1 ...\n\noption  consensus ...'
 */
export function resultTable(result: SimulationResult): string {
  const { manifest, scenario } = result;
  // The scenario's texts are input: every cell has its control characters escaped (line breaks
  // too), so no title or name can drive the terminal or add a line of its own.
  const heading = escapeControlCharacters(
    `${scenario.title} (${scenario.id}): ${manifest.passes.toLocaleString('en-US')} passes, seed ${JSON.stringify(manifest.seed)}, model ${manifest.modelVersion}, engine ${manifest.engineVersion}`,
  );
  const header = ['option', 'consensus (95% CI)', 'risk (95% CI)', 'viability (95% CI)', 'rounds', 'dilution', 'top blockers'];
  const rows = result.options.map((option) => [
    option.id,
    estimateText(option.consensus),
    estimateText(option.risk),
    estimateText(option.viability),
    option.meanRounds === null ? '–' : fixed(option.meanRounds, 2),
    option.dilution === null ? '–' : fixed(option.dilution, 3),
    topBlockers(option),
  ]);
  const notes = [
    'consensus: adopted, possibly amended; risk: the signal sent exceeds Russia\'s tolerance;',
    'viability: consensus without risk; rounds: mean amendment rounds to consensus;',
    'dilution: proposed minus mean adopted firmness; top blockers: share of passes an ally blocked.',
  ];
  const safeRows = rows.map((row) => row.map((cell) => escapeControlCharacters(cell)));
  return [heading, '', ...alignColumns([header, ...safeRows], new Set([0, 6])), '', ...notes].join('\n') + '\n';
}
