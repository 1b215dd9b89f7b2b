/** Compare: pin a run as the baseline and see how every figure changed against it. */
import type { SimulationResult } from '@concert/core';
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
}

/**
 * Every headline figure of every option present in both runs, baseline against current.
 *
 * @example
 * compareResults(pinned, latest).find((c) => c.measure === 'consensus');
 * // => { option: 'Dual track', measure: 'consensus', baseline: 0.61, current: 0.55 } (for example)
 */
export function compareResults(baseline: SimulationResult, current: SimulationResult): Change[] {
  const changes: Change[] = [];
  for (const option of current.options) {
    const base = baseline.options.find((o) => o.id === option.id);
    if (base === undefined) continue;
    const label = optionLabel(option);
    const add = (measure: string, before: number | null, now: number | null) => changes.push({ option: label, measure, baseline: before, current: now });
    add('consensus', base.consensus.estimate, option.consensus.estimate);
    add('first-round consensus', base.firstRoundConsensus.estimate, option.firstRoundConsensus.estimate);
    add('risk', base.risk.estimate, option.risk.estimate);
    add('consensus without risk', base.viability.estimate, option.viability.estimate);
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
      table.replaceChildren();
      return;
    }
    note.textContent = `Baseline: ${baseline.manifest.passes.toLocaleString('en-US')} passes, seed ${String(baseline.manifest.seed)}, scenario ${baseline.manifest.scenarioHash.slice(0, 12)}. Each cell: baseline → now, and the change.`;
    const changes = compareResults(baseline, result);
    const measures = [...new Set(changes.map((change) => change.measure))];
    const options = [...new Set(changes.map((change) => change.option))];
    const cell = (change: Change | undefined) => {
      if (change === undefined) return el('td', {}, '–');
      const { measure, baseline: before, current: now } = change;
      const difference = before === null || now === null ? '' : isShare(measure) ? pointChange(now - before) : signed(now - before);
      return el('td', {}, `${fmt(measure, before)} → ${fmt(measure, now)}`, el('br'), el('small', { class: difference.startsWith('±') || difference === '' ? 'muted' : 'change' }, difference));
    };
    const rows = options.map((option) =>
      el('tr', {}, el('th', { scope: 'row' }, option), ...measures.map((measure) => cell(changes.find((c) => c.option === option && c.measure === measure)))),
    );
    replaceChildren(table, el('thead', {}, el('tr', {}, el('th', {}, 'Option'), ...measures.map((m) => el('th', {}, m)))), el('tbody', {}, ...rows));
  }

  const element = section(
    'compare',
    'Compare with a baseline',
    'Pin a run, then change sliders: the charts draw the baseline in grey and this table lists every figure’s change. Differences smaller than the intervals may be noise.',
    el('div', { class: 'row' }, pin, clear),
    note,
    el('div', { class: 'table-scroll' }, table),
  );
  return { element, update, pin };
}
