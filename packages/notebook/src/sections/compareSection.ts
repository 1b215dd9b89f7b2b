/**
 * Compare: pin a run as the baseline, change something, and see each figure's change with its
 * 95% interval. The changes come from the core's `compareScenarios`, run in the comparison worker
 * (wiring/comparing.ts): the baseline scenario and the current one re-run at the same passes and
 * seed, pass by pass on common random numbers when they can be paired. A change whose interval
 * contains 0 is "no clear change", so noise is never shown as a change.
 */
import type { Change, ComparisonResult, Scenario, SimulationResult } from '@concert/core';
import { changeText, isClearChange, percent } from '../charts/chartData.js';
import { el, replaceChildren } from '../dom.js';
import { comparisonOf, type NotebookApp, type ResultsState } from '../notebookApp.js';
import { button, section } from './controls.js';
import { glossaryNote, term } from './glossary.js';

/** The measures the comparison reports, with their words on the page. */
export const COMPARED_MEASURES = [
  ['consensus', 'consensus'],
  ['risk', 'risk'],
  ['viability', 'consensus without risk'],
] as const;

/** A measure of the comparison. */
export type ComparedMeasure = (typeof COMPARED_MEASURES)[number][0];

export { changeText, isClearChange } from '../charts/chartData.js';

/** One measure of one option in the comparison, as the table shows it. */
export interface ComparisonRow {
  readonly option: string;
  readonly optionName: string;
  readonly measure: ComparedMeasure;
  /** The two estimates (of the comparison's own runs, at its passes and seed). */
  readonly baseline: number;
  readonly current: number;
  readonly change: Change;
  readonly clear: boolean;
}

/**
 * Every measure of every option in both scenarios, with its change and whether the change is clear.
 *
 * @example
 * comparisonRows(compareScenarios(baseline, current, { passes: 4000, seed: 1 })).filter((row) => row.clear);
 */
export function comparisonRows(comparison: ComparisonResult): ComparisonRow[] {
  return comparison.options.flatMap((option) =>
    COMPARED_MEASURES.map(([measure]) => {
      const { baseline, current, change } = option[measure];
      return { option: option.id, optionName: option.name, measure, baseline: baseline.estimate, current: current.estimate, change, clear: isClearChange(change) };
    }),
  );
}

/**
 * What a reader must know about how the comparison was made: paired or not (and why not), and
 * whether the baseline was pinned from a run of another size or seed (it is then re-run at this
 * run's size and seed, so like is compared with like). Given the current scenario, the reason
 * they cannot be paired names the allies, blocs and events (else it is the core's, with ids).
 *
 * @example
 * comparisonNotes(pinnedFullRun, comparisonOfQuickRun).size;
 * // => 'The baseline was pinned from a run of 20,000 passes; …re-run here at 4,000 passes…'
 */
export function comparisonNotes(baseline: SimulationResult, comparison: ComparisonResult, current?: Scenario): { readonly pairing: string; readonly size: string | null } {
  const { passes, seed } = comparison.manifest;
  const runs = `${passes.toLocaleString('en-US')} passes, seed ${String(seed)}`;
  const pairing = comparison.pairing.paired
    ? `Paired: the baseline scenario and the current one are re-run on the same ${runs}, and each option is judged in both versions of every pass (common random numbers), so what did not change cancels out. Each change has its 95% interval; one whose interval contains 0 is shown as “no clear change”.`
    : `Not paired: ${current === undefined ? (comparison.pairing.reason ?? 'the scenarios’ draws differ') : layoutDifferences(baseline.scenario, current)}, so the passes of the two scenarios draw different numbers. Both are re-run separately with ${runs}; the intervals of the changes (Newcombe’s) are wider than paired ones would be.`;
  const notes: string[] = [];
  if (baseline.manifest.passes !== passes)
    notes.push(`The baseline was pinned from a run of ${baseline.manifest.passes.toLocaleString('en-US')} passes and this run has ${passes.toLocaleString('en-US')}: runs of different sizes are not compared, so the baseline scenario is re-run here at ${passes.toLocaleString('en-US')} passes, and its figures below are those of that run.`);
  if (String(baseline.manifest.seed) !== String(seed)) notes.push(`The baseline was pinned with seed ${String(baseline.manifest.seed)}; both are re-run here with seed ${String(seed)}.`);
  return { pairing, size: notes.length === 0 ? null : notes.join(' ') };
}

/**
 * Why two scenarios cannot be paired, by name: the allies, blocs or events in one and not the
 * other, or in another order (the core's `pairingProblem` says the same with ids).
 *
 * @example
 * layoutDifferences(baseline, { ...baseline, events: baseline.events.slice(1) });
 * // => 'the events differ (switched off or removed now: Escalation incident on the eastern flank)'
 */
export function layoutDifferences(baseline: Scenario, current: Scenario): string {
  const parts: string[] = [];
  for (const [what, before, now] of [
    ['allies', baseline.allies, current.allies],
    ['blocs', baseline.blocs, current.blocs],
    ['events', baseline.events, current.events],
  ] as const) {
    const name = (item: { id: string; name?: string | undefined }) => item.name ?? item.id;
    const ids = new Set(now.map((item) => item.id));
    const old = new Set(before.map((item) => item.id));
    const removed = before.filter((item) => !ids.has(item.id)).map(name);
    const added = now.filter((item) => !old.has(item.id)).map(name);
    const words = [removed.length > 0 ? `${what === 'events' ? 'switched off or removed' : 'removed'} now: ${removed.join(', ')}` : '', added.length > 0 ? `added now: ${added.join(', ')}` : ''].filter((w) => w !== '');
    if (words.length > 0) parts.push(`the ${what} differ (${words.join('; ')})`);
    else if (before.map((item) => item.id).join() !== now.map((item) => item.id).join()) parts.push(`the ${what} are in another order`);
  }
  return parts.length === 0 ? 'the scenarios’ draws differ' : parts.join('; ');
}

/** What the baseline note says of a pinned run. */
function pinnedWords(baseline: SimulationResult): string {
  return `Baseline: pinned from a run of ${baseline.manifest.passes.toLocaleString('en-US')} passes, seed ${String(baseline.manifest.seed)}, scenario ${baseline.manifest.scenarioHash.slice(0, 12)}.`;
}

/** The compare section; returns its element, a function that shows new results, and the pin button. */
export function compareSection(app: NotebookApp) {
  const note = el('p', { class: 'muted', 'data-field': 'baseline-note' }, 'No baseline pinned.');
  // A live region: its text changes only when the comparison starts, waits, fails or is done (its progress bar is not announced).
  const status = el('p', { class: 'muted', 'data-field': 'comparison-status', role: 'status' });
  /** Sets the live region's text only when it changes, so a screen reader hears each state once. */
  const say = (text: string) => {
    if (status.textContent !== text) status.textContent = text;
  };
  const progress = el('progress', { max: 1, value: 0, 'aria-label': 'Comparison progress', 'data-field': 'comparison-progress', hidden: true });
  const pairingNote = el('p', { class: 'explain', 'data-field': 'pairing-note', hidden: true });
  const sizeNote = el('p', { class: 'field-error', 'data-field': 'run-size-note', hidden: true });
  const table = el('table', { class: 'compare', 'data-field': 'compare' });
  const onlyIn = el('p', { class: 'muted', 'data-field': 'compare-options', hidden: true });
  const pin = button('Pin the current run as baseline', () => {
    const results = app.results.get();
    // Pinning (or clearing) by hand wins over a baseline the link named and that is still re-running.
    if (results.result !== null) app.results.set({ ...results, baseline: results.result, linkedBaseline: null });
  });
  const clear = button('Clear the baseline', () => app.results.set({ ...app.results.get(), baseline: null, linkedBaseline: null }));

  let shown: ComparisonResult | null = null;

  function showTable(comparison: ComparisonResult | null): void {
    if (comparison === shown) return;
    shown = comparison;
    if (comparison === null) {
      table.replaceChildren();
      onlyIn.hidden = true;
      return;
    }
    const rows = comparisonRows(comparison);
    const cell = (row: ComparisonRow | undefined) =>
      row === undefined
        ? el('td', {}, '–')
        : el(
            'td',
            { 'data-measure': row.measure, 'data-clear': row.clear ? 'yes' : 'no' },
            `${percent(row.baseline)} → ${percent(row.current)}`,
            el('br'),
            el('small', { class: row.clear ? 'change' : 'muted' }, changeText(row.change)),
          );
    const body = comparison.options.map((option) =>
      el('tr', { 'data-option': option.id }, el('th', { scope: 'row' }, option.name), ...COMPARED_MEASURES.map(([measure]) => cell(rows.find((row) => row.option === option.id && row.measure === measure)))),
    );
    replaceChildren(
      table,
      el('thead', {}, el('tr', {}, el('th', {}, 'Option'), ...COMPARED_MEASURES.map(([, words]) => el('th', {}, `${words}: change`)))),
      el('tbody', {}, ...body),
    );
    const names = (list: readonly { name: string }[]) => list.map((option) => option.name).join(', ');
    const parts = [comparison.added.length > 0 ? `Only in the current scenario (nothing to compare): ${names(comparison.added)}.` : '', comparison.removed.length > 0 ? `Only in the baseline: ${names(comparison.removed)}.` : ''].filter((part) => part !== '');
    onlyIn.hidden = parts.length === 0;
    onlyIn.textContent = parts.join(' ');
  }

  function update(results: ResultsState): void {
    const { baseline, linkedBaseline, result, comparison, running } = results;
    pin.disabled = result === null;
    clear.disabled = baseline === null && linkedBaseline === null;
    if (baseline === null || result === null) {
      note.textContent =
        baseline !== null
          ? pinnedWords(baseline)
          : linkedBaseline !== null
          ? `Re-running the baseline pinned in this link (${linkedBaseline.passes.toLocaleString('en-US')} passes, seed ${String(linkedBaseline.seed)}); “Clear the baseline” stops it.`
          : 'No baseline pinned. Pin a run, change something, and this table shows each figure’s change with its 95% interval.';
      say('');
      progress.hidden = true;
      pairingNote.hidden = true;
      sizeNote.hidden = true;
      showTable(null);
      return;
    }
    note.textContent = pinnedWords(baseline);
    const outcome = comparisonOf(results);
    const mine = comparison !== null && comparison.baseline === baseline && comparison.result === result ? comparison : null;
    if (baseline === result) say('This is the pinned run: change something, and each figure’s change appears here.');
    else if (mine !== null && mine.problems !== null) say(`The comparison could not run: ${mine.problems.join('; ')}`);
    else if (outcome !== null) say(`Compared in ${outcome.manifest.passes.toLocaleString('en-US')} passes.`);
    else if (running !== null) say('A new run is in progress; the comparison follows its result.');
    else say('Comparing with the baseline…');
    const comparing = outcome === null && mine !== null && mine.problems === null && running === null;
    progress.hidden = !comparing;
    progress.value = comparing ? mine.progress : 0;
    if (outcome === null) {
      pairingNote.hidden = true;
      sizeNote.hidden = true;
    } else {
      const notes = comparisonNotes(baseline, outcome, result.scenario);
      pairingNote.hidden = false;
      pairingNote.textContent = notes.pairing;
      pairingNote.dataset.paired = outcome.pairing.paired ? 'yes' : 'no';
      sizeNote.hidden = notes.size === null;
      sizeNote.textContent = notes.size ?? '';
    }
    showTable(outcome);
  }

  const element = section(
    'compare',
    'Compare with a baseline',
    'Pin a run, then change sliders: the charts draw the baseline in grey, and this table lists the change of every option’s consensus, risk and consensus without risk since the baseline, each with its 95% interval.',
    el('div', { class: 'row' }, pin, clear),
    note,
    status,
    progress,
    pairingNote,
    sizeNote,
    el('div', { class: 'table-scroll' }, table),
    onlyIn,
    el('p', { class: 'muted' }, 'Terms: ', term('paired comparison'), ', ', term('interval of a change'), ', ', term('no clear change'), '.'),
    glossaryNote(['paired comparison', 'interval of a change', 'no clear change', '95% interval', 'consensus', 'risk', 'consensus without risk']),
  );
  return { element, update, pin };
}
