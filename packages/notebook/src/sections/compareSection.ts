/** Compare: pin a run as the baseline and see how every figure changed against it. */
import type { Estimate, SimulationResult } from '@concert/core';
import { isFiniteNumber, optionLabel, pointChange } from '../charts/chartData.js';
import { el, replaceChildren } from '../dom.js';
import type { NotebookApp, ResultsState } from '../notebookApp.js';
import { button, section } from './controls.js';

/** One figure of an option in the baseline and now. */
export interface Change {
  readonly option: string;
  readonly measure: string;
  readonly baseline: number | null;
  readonly current: number | null;
  /** For shares: true when the two runs' 95% intervals overlap, so the change may be noise. */
  readonly withinNoise: boolean;
  /**
   * A 95% interval of the difference, when one is known. Independent runs give none; paired runs
   * on common random numbers (a core comparison to come) fill it, and the table then shows it.
   */
  readonly interval: { readonly lower: number; readonly upper: number } | null;
}

/**
 * The 95% interval of the difference (now minus baseline) of an option's measure, when a paired
 * comparison on common random numbers has computed it; null when unknown. The default knows none.
 */
export type DifferenceIntervals = (optionId: string, measure: string) => { readonly lower: number; readonly upper: number } | null;

/** How two runs differ in size and seed: a sentence flagging it, or null when they match. */
export function runSizeNote(baseline: SimulationResult, current: SimulationResult): string | null {
  const notes: string[] = [];
  const { passes: before } = baseline.manifest;
  const { passes: now } = current.manifest;
  if (before !== now)
    notes.push(`The baseline ran ${before.toLocaleString('en-US')} passes and this run ${now.toLocaleString('en-US')}: the smaller run is noisier, so small changes may be noise. Compare runs of the same size (pin and compare full runs).`);
  if (String(baseline.manifest.seed) !== String(current.manifest.seed)) notes.push(`The seeds differ (${String(baseline.manifest.seed)} and ${String(current.manifest.seed)}).`);
  return notes.length === 0 ? null : notes.join(' ');
}

/**
 * Every headline figure of every option present in both runs, baseline against current, with
 * the interval of each difference when `intervals` knows it.
 *
 * @example
 * compareResults(pinned, latest).find((c) => c.measure === 'consensus');
 * // => { option: 'Dual track', measure: 'consensus', baseline: 0.61, current: 0.55 } (for example)
 */
export function compareResults(baseline: SimulationResult, current: SimulationResult, intervals: DifferenceIntervals = () => null): Change[] {
  const changes: Change[] = [];
  for (const option of current.options) {
    const base = baseline.options.find((o) => o.id === option.id);
    if (base === undefined) continue;
    const label = optionLabel(option);
    const add = (measure: string, before: number | null, now: number | null, withinNoise = false) =>
      changes.push({ option: label, measure, baseline: before, current: now, withinNoise, interval: intervals(option.id, measure) });
    const share = (measure: string, before: Estimate, now: Estimate) => add(measure, before.estimate, now.estimate, before.lower <= now.upper && now.lower <= before.upper);
    share('consensus', base.consensus, option.consensus);
    share('first-round consensus', base.firstRoundConsensus, option.firstRoundConsensus);
    share('risk', base.risk, option.risk);
    share('consensus without risk', base.viability, option.viability);
    add('mean adopted firmness', base.adoptedFirmness.mean, option.adoptedFirmness.mean);
    add('dilution', base.dilution, option.dilution);
  }
  return changes;
}

const isShare = (measure: string) => ['consensus', 'first-round consensus', 'risk', 'consensus without risk'].includes(measure);

/** A number with three decimals and no negative zero. */
const fixed3 = (value: number) => (Math.abs(value) < 0.0005 ? '0.000' : value.toFixed(3));
const signed = (value: number) => (Math.abs(value) < 0.0005 ? '±0.000' : `${value > 0 ? '+' : '−'}${fixed3(Math.abs(value))}`);
const fmt = (measure: string, value: number | null) => (value === null || !isFiniteNumber(value) ? '–' : isShare(measure) ? `${(value * 100).toFixed(1)}%` : fixed3(value));

/** The compare section; returns its element and a function that shows new results. */
export function compareSection(app: NotebookApp) {
  const note = el('p', { class: 'muted', 'data-field': 'baseline-note' }, 'No baseline pinned.');
  const sizeNote = el('p', { class: 'field-error', 'data-field': 'run-size-note', role: 'status', hidden: true });
  const table = el('table', { class: 'compare', 'data-field': 'compare' });
  const pin = button('Pin the current run as baseline', () => {
    const results = app.results.get();
    if (results.result !== null) app.results.set({ ...results, baseline: results.result });
  });
  const clear = button('Clear the baseline', () => app.results.set({ ...app.results.get(), baseline: null }));

  let shown: { result: ResultsState['result']; baseline: ResultsState['baseline'] } | null = null;

  function update(results: ResultsState): void {
    const { baseline, result } = results;
    pin.disabled = result === null;
    clear.disabled = baseline === null;
    // Progress messages change nothing here: redraw only for a new result or baseline.
    if (shown !== null && shown.result === result && shown.baseline === baseline) return;
    shown = { result, baseline };
    if (baseline === null || result === null) {
      note.textContent = 'No baseline pinned. Pin a run, change something, and every chart and the table below show the change.';
      sizeNote.hidden = true;
      table.replaceChildren();
      return;
    }
    note.textContent = `Baseline: ${baseline.manifest.passes.toLocaleString('en-US')} passes, seed ${String(baseline.manifest.seed)}, scenario ${baseline.manifest.scenarioHash.slice(0, 12)}. Each cell: baseline → now, and the change (muted where the two runs’ 95% intervals overlap: it may be noise).`;
    const flag = runSizeNote(baseline, result);
    sizeNote.hidden = flag === null;
    sizeNote.textContent = flag ?? '';
    const changes = compareResults(baseline, result);
    const measures = [...new Set(changes.map((change) => change.measure))];
    const options = [...new Set(changes.map((change) => change.option))];
    const cell = (change: Change | undefined) => {
      if (change === undefined) return el('td', {}, '–');
      const { measure, baseline: before, current: now, withinNoise, interval } = change;
      const difference = before === null || now === null ? '' : isShare(measure) ? pointChange(now - before) : signed(now - before);
      const range = interval === null ? '' : isShare(measure) ? ` (${pointChange(interval.lower)} to ${pointChange(interval.upper)})` : ` (${signed(interval.lower)} to ${signed(interval.upper)})`;
      const quiet = difference.startsWith('±') || difference === '' || withinNoise;
      return el(
        'td',
        { 'data-within-noise': withinNoise ? 'yes' : 'no', 'data-share': isShare(measure) ? 'yes' : 'no' },
        `${fmt(measure, before)} → ${fmt(measure, now)}`,
        el('br'),
        el('small', { class: quiet ? 'muted' : 'change', ...(withinNoise ? { title: 'The two runs’ 95% intervals overlap: this change may be noise.' } : {}) }, `${difference}${range}${withinNoise && !difference.startsWith('±') ? ' (may be noise)' : ''}`),
      );
    };
    const rows = options.map((option) =>
      el('tr', {}, el('th', { scope: 'row' }, option), ...measures.map((measure) => cell(changes.find((c) => c.option === option && c.measure === measure)))),
    );
    replaceChildren(table, el('thead', {}, el('tr', {}, el('th', {}, 'Option'), ...measures.map((m) => el('th', {}, `${m}: change`)))), el('tbody', {}, ...rows));
  }

  const element = section(
    'compare',
    'Compare with a baseline',
    'Pin a run, then change sliders: the charts draw the baseline in grey and this table lists every figure’s change. Differences smaller than the intervals may be noise.',
    el('div', { class: 'row' }, pin, clear),
    note,
    sizeNote,
    el('div', { class: 'table-scroll' }, table),
  );
  return { element, update, pin };
}
