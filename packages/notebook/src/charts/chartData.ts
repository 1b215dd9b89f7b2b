/**
 * Shared pieces of the charts: labels, colours, number formats and the guard that keeps NaN and
 * other non-finite numbers out of every chart.
 */
import type { Change as PairedChange, ComparisonResult, Scenario, SimulationResult } from '@concert/core';

/** Options every result chart takes. */
export interface ChartOptions {
  /** A pinned run to compare against: its figures are drawn as reference marks. */
  readonly baseline?: SimulationResult | undefined;
  /**
   * The paired comparison of the baseline with this result (wiring/comparing.ts), once done: the
   * charts that show changes (consensus, blockers) take them from it, with their intervals.
   */
  readonly comparison?: ComparisonResult | undefined;
  /** Width in pixels. Default 640. */
  readonly width?: number;
}

/** Colour of consensus marks. */
export const CONSENSUS_COLOR = '#2f6ca3';
/** Colour of consensus-without-risk (viability) marks. */
export const VIABLE_COLOR = '#3a8a4f';
/** Colour of destabilization-risk marks. */
export const RISK_COLOR = '#c0392b';
/** Colour of baseline (pinned run) marks. */
export const BASELINE_COLOR = '#7a7a7a';

/**
 * The caption of a map whose every mark is labelled. The stance map and the map of viable texts
 * name the labels left off in their caption; they always have one (two lines kept for it, in
 * style.css), so a redraw that places the labels otherwise keeps their height and does not move,
 * so repaint, the page below them.
 */
export const EVERY_LABEL = 'Every mark is labelled.';

/** An option's label: its name, or its id when it has none. */
export function optionLabel(option: { readonly id: string; readonly name?: string | undefined }): string {
  return option.name !== undefined && option.name !== '' ? option.name : option.id;
}

/** An ally's label: its name, or its id. */
export function allyLabel(ally: { readonly id: string; readonly name?: string | undefined }): string {
  return ally.name !== undefined && ally.name !== '' ? ally.name : ally.id;
}

/** True for a finite number (not NaN, not infinite, not null). */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Keeps the rows whose listed fields are all finite numbers, so no NaN reaches a chart.
 *
 * @example
 * finiteRows([{ x: 1 }, { x: NaN }, { x: null }], ['x']); // => [{ x: 1 }]
 */
export function finiteRows<T extends object>(rows: readonly T[], fields: readonly (keyof T)[]): T[] {
  return rows.filter((row) => fields.every((field) => isFiniteNumber(row[field])));
}

/**
 * A probability as a percentage with one decimal: the one rounding of every chart, table and
 * sentence of the notebook.
 *
 * @example
 * percent(0.4567); // => '45.7%'
 * percent(0.0123); // => '1.2%'
 */
export function percent(value: number): string {
  const p = value * 100;
  return `${Math.abs(p) < 0.05 ? '0.0' : p.toFixed(1)}%`;
}

/**
 * An estimate and its 95% interval as text, rounded as every chart and table rounds.
 *
 * @example
 * estimateText({ estimate: 0.612, lower: 0.601, upper: 0.623 }); // => '61.2% (60.1–62.3%)'
 */
export function estimateText(value: { readonly estimate: number; readonly lower: number; readonly upper: number }): string {
  return `${percent(value.estimate)} (${percent(value.lower).slice(0, -1)}–${percent(value.upper)})`;
}

/**
 * A change in percentage points, signed.
 *
 * @example
 * pointChange(0.031); // => '+3.1 pt'
 */
export function pointChange(delta: number): string {
  const points = delta * 100;
  const sign = points > 0.05 ? '+' : points < -0.05 ? '−' : '±';
  return `${sign}${Math.abs(points).toFixed(1)} pt`;
}

/**
 * True when a change is clear: its 95% interval lies wholly above or below 0.
 *
 * @example
 * isClearChange({ estimate: -0.03, lower: -0.04, upper: -0.02 }); // => true
 * isClearChange({ estimate: 0.008, lower: -0.004, upper: 0.02 }); // => false
 */
export function isClearChange(change: Pick<PairedChange, 'lower' | 'upper'>): boolean {
  return change.lower > 0 || change.upper < 0;
}

/** The interval of a change in points: "−4.0 to −2.2 pt". */
function intervalText(change: Pick<PairedChange, 'lower' | 'upper'>): string {
  return `${pointChange(change.lower).slice(0, -3)} to ${pointChange(change.upper)}`;
}

/**
 * A change of a share in words: the change in points and its 95% interval when clear, else "no
 * clear change" with the interval (or "no change in any pass" when a paired comparison found none).
 *
 * @example
 * changeText({ estimate: -0.031, lower: -0.04, upper: -0.022, up: 12, down: 136 }); // => '−3.1 pt (−4.0 to −2.2 pt)'
 * changeText({ estimate: 0.008, lower: -0.004, upper: 0.02, up: null, down: null }); // => 'no clear change (−0.4 to +2.0 pt)'
 */
export function changeText(change: Pick<PairedChange, 'estimate' | 'lower' | 'upper' | 'up' | 'down'>): string {
  if (change.up === 0 && change.down === 0) return 'no change in any pass';
  return isClearChange(change) ? `${pointChange(change.estimate)} (${intervalText(change)})` : `no clear change (${intervalText(change)})`;
}

/**
 * A change of a share in few words, for a chart label: the change and its interval when clear,
 * else "no clear change".
 *
 * @example
 * shortChangeText({ estimate: -0.031, lower: -0.04, upper: -0.022, up: 12, down: 136 }); // => '−3.1 pt (−4.0 to −2.2)'
 */
export function shortChangeText(change: Pick<PairedChange, 'estimate' | 'lower' | 'upper' | 'up' | 'down'>): string {
  if (change.up === 0 && change.down === 0) return 'no change';
  return isClearChange(change) ? `${pointChange(change.estimate)} (${pointChange(change.lower).slice(0, -3)} to ${pointChange(change.upper).slice(0, -3)})` : 'no clear change';
}

/** The option labels of a result, in scenario order (the band scales' domain). */
export function optionLabels(result: SimulationResult): string[] {
  return result.scenario.options.map(optionLabel);
}

/** Baseline figures of an option by id, if the baseline has that option. */
export function baselineOption(baseline: SimulationResult | undefined, id: string) {
  return baseline?.options.find((option) => option.id === id);
}

/**
 * Breaks a long label into lines of at most about `width` characters, at spaces, so axis labels
 * and mark labels stay inside the chart.
 *
 * @example
 * wrapLabel('Dual track: firm deterrence plus risk-reduction channels', 30);
 * // => 'Dual track: firm deterrence\nplus risk-reduction channels'
 */
export function wrapLabel(label: string, width = 30): string {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join('\n');
}

/** Left margin wide enough for the longest line of the labels (about 7.4 px a character at the charts' 12 px font). */
export function marginFor(labels: readonly string[], minimum = 60, maximum = 240, pixelsPerCharacter = 7.4): number {
  const longest = labels.reduce((max, label) => Math.max(max, ...label.split('\n').map((line) => line.length)), 0);
  return Math.min(maximum, Math.max(minimum, Math.round(longest * pixelsPerCharacter) + 14));
}

/** The blocs of a scenario: those listed in `blocs` (in that order) that have allies, then "no bloc" if any ally has none. */
export function blocOrder(scenario: Scenario): string[] {
  const used = new Set(scenario.allies.map((ally) => ally.bloc ?? 'no bloc'));
  const blocs = scenario.blocs.map((bloc) => bloc.id).filter((id) => used.has(id));
  for (const ally of scenario.allies) if (ally.bloc !== undefined && !blocs.includes(ally.bloc)) blocs.push(ally.bloc);
  return used.has('no bloc') ? [...blocs, 'no bloc'] : blocs;
}

/** Bloc colours (Tableau 10), with allies in no bloc in grey. */
export function blocColors(blocs: readonly string[]): string[] {
  const palette = ['#4e79a7', '#f28e2c', '#e15759', '#76b7b2', '#59a14f', '#edc949', '#af7aa1', '#ff9da7', '#9c755f'];
  return blocs.map((bloc, k) => (bloc === 'no bloc' ? '#9aa3ad' : palette[k % palette.length]!));
}

/** Approximate width in pixels of a (possibly multi-line) label in the charts' bold 12 px font. */
export function labelWidth(label: string): number {
  return Math.max(...label.split('\n').map((line) => line.length)) * 7.8;
}
