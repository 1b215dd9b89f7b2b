/** Allies: every ally in a table grouped by bloc, with sliders for its stance, influence and solidarity cost. */
import type { Ally, Scenario } from '@concert/core';
import { allyLabel } from '../charts/chartData.js';
import { el, replaceChildren } from '../dom.js';
import type { NotebookApp } from '../notebookApp.js';
import type { NotebookState } from '../notebookState.js';
import { centerOf, resetAllAllies, resetAlly, setAllyNumber, setAllyStance, uncertaintyOf, type StanceField } from '../scenarioEdits.js';
import { button, section, slider, type Slider } from './controls.js';
import { glossaryNote, term, type Term } from './glossary.js';

/** Orders the allies table can be sorted by. */
export const ALLY_SORTS = {
  scenario: { label: 'scenario order', key: null },
  name: { label: 'name', key: null },
  hawkishness: { label: 'hawkishness', key: (ally: Ally) => centerOf(ally.hawkishness) },
  engagementPreference: { label: 'engagement preference', key: (ally: Ally) => centerOf(ally.engagementPreference) },
  salience: { label: 'salience', key: (ally: Ally) => centerOf(ally.salience) },
  influence: { label: 'influence', key: (ally: Ally) => ally.influence },
  solidarityCost: { label: 'solidarity cost', key: (ally: Ally) => ally.solidarityCost },
} as const;
export type AllySort = keyof typeof ALLY_SORTS;

/**
 * The allies to show, grouped by bloc (blocs in order of first appearance, "no bloc" last),
 * filtered by a text matched against name, id and bloc, and sorted within each group.
 */
export function groupAllies(scenario: Scenario, sort: AllySort, filter: string): { bloc: string; allies: Ally[] }[] {
  const needle = filter.trim().toLowerCase();
  const groups = new Map<string, Ally[]>();
  for (const ally of scenario.allies) {
    const bloc = ally.bloc ?? 'no bloc';
    const text = `${ally.id} ${ally.name ?? ''} ${bloc}`.toLowerCase();
    if (needle !== '' && !text.includes(needle)) continue;
    if (!groups.has(bloc)) groups.set(bloc, []);
    groups.get(bloc)!.push(ally);
  }
  const key = ALLY_SORTS[sort].key;
  const ordered = [...groups.entries()].sort(([a], [b]) => Number(a === 'no bloc') - Number(b === 'no bloc'));
  return ordered.map(([bloc, allies]) => ({
    bloc,
    allies:
      sort === 'name'
        ? [...allies].sort((a, b) => allyLabel(a).localeCompare(allyLabel(b)))
        : key === null
          ? allies
          : [...allies].sort((a, b) => key(b) - key(a)),
  }));
}

const STANCES: readonly { field: StanceField; label: string; term: Term }[] = [
  { field: 'hawkishness', label: 'Hawkishness', term: 'hawkishness' },
  { field: 'engagementPreference', label: 'Engagement preference', term: 'engagement preference' },
  { field: 'salience', label: 'Salience', term: 'salience' },
];

interface AllyRow {
  readonly sliders: Map<string, Slider>;
  /** The ally the sliders show (edits make new objects, so an unchanged ally is skipped). */
  shown: Ally;
}

/** The allies section; returns its element and a function that shows a new state. */
export function alliesSection(app: NotebookApp) {
  let sort: AllySort = 'scenario';
  let filter = '';
  let layoutKey = '';
  const rows = new Map<string, AllyRow>();

  const sortSelect = el('select', { 'aria-label': 'Sort allies by', 'data-field': 'ally-sort' });
  for (const [value, { label }] of Object.entries(ALLY_SORTS)) sortSelect.append(el('option', { value }, label));
  sortSelect.addEventListener('change', () => {
    sort = sortSelect.value as AllySort;
    rebuild(app.state.get().scenario);
  });
  const filterInput = el('input', { type: 'search', placeholder: 'Filter by name, id or bloc', 'aria-label': 'Filter allies', 'data-field': 'ally-filter' });
  filterInput.addEventListener('input', () => {
    filter = filterInput.value;
    rebuild(app.state.get().scenario);
  });
  const resetAll = button('Reset all allies', () => app.editScenario((scenario) => resetAllAllies(scenario, app.original())));
  const count = el('span', { class: 'muted' });

  const quiet = { focusable: false };
  const head = el(
    'thead',
    {},
    el(
      'tr',
      {},
      el('th', {}, 'Ally'),
      ...STANCES.flatMap(({ label, term: name }) => [el('th', {}, term(name, label, quiet), el('br'), el('small', {}, term('center', 'center', quiet))), el('th', {}, el('small', {}, term('uncertainty', 'uncertainty', quiet)))]),
      el('th', {}, term('influence', 'Influence', quiet)),
      el('th', {}, term('solidarity cost', 'Solidarity cost', quiet)),
      el('th', {}, ''),
    ),
  );
  const table = el('table', { class: 'allies' }, head);

  function allyRow(ally: Ally): HTMLTableRowElement {
    const sliders = new Map<string, Slider>();
    const name = allyLabel(ally);
    const cells: HTMLElement[] = [];
    for (const { field, label } of STANCES) {
      const center = slider({
        label: `${name} ${label} center`,
        field: `${ally.id}.${field}.center`,
        min: 0.01,
        max: 0.99,
        step: 0.01,
        value: centerOf(ally[field]),
        compact: true,
        onInput: (value) => app.editScenario((scenario) => setAllyStance(scenario, ally.id, field, 'center', value)),
      });
      const spread = slider({
        label: `${name} ${label} uncertainty`,
        field: `${ally.id}.${field}.uncertainty`,
        min: 0,
        max: 2,
        step: 0.05,
        value: uncertaintyOf(ally[field]),
        compact: true,
        onInput: (value) => app.editScenario((scenario) => setAllyStance(scenario, ally.id, field, 'uncertainty', value)),
      });
      sliders.set(`${field}.center`, center).set(`${field}.uncertainty`, spread);
      cells.push(el('td', {}, center.element), el('td', {}, spread.element));
    }
    const influence = slider({
      label: `${name} influence`,
      field: `${ally.id}.influence`,
      min: 0.05,
      max: 3,
      step: 0.05,
      value: ally.influence,
      compact: true,
      onInput: (value) => app.editScenario((scenario) => setAllyNumber(scenario, ally.id, 'influence', value)),
    });
    const cost = slider({
      label: `${name} solidarity cost`,
      field: `${ally.id}.solidarityCost`,
      min: 0,
      max: 0.5,
      step: 0.01,
      value: ally.solidarityCost,
      compact: true,
      onInput: (value) => app.editScenario((scenario) => setAllyNumber(scenario, ally.id, 'solidarityCost', value)),
    });
    sliders.set('influence', influence).set('solidarityCost', cost);
    rows.set(ally.id, { sliders, shown: ally });
    return el(
      'tr',
      { 'data-ally': ally.id },
      el('th', { scope: 'row' }, name, el('br'), el('small', { class: 'muted' }, ally.id)),
      ...cells,
      el('td', {}, influence.element),
      el('td', {}, cost.element),
      el('td', {}, button('Reset', () => app.editScenario((scenario) => resetAlly(scenario, app.original(), ally.id)), { 'aria-label': `Reset ${name}` })),
    );
  }

  function rebuild(scenario: Scenario): void {
    rows.clear();
    const groups = groupAllies(scenario, sort, filter);
    const bodies = groups.map(({ bloc, allies }) =>
      el('tbody', {}, el('tr', { class: 'bloc' }, el('th', { colspan: 10 }, `${bloc} (${allies.length})`)), ...allies.map(allyRow)),
    );
    replaceChildren(table, head, ...bodies);
    const shown = groups.reduce((sum, group) => sum + group.allies.length, 0);
    count.textContent = `${shown} of ${scenario.allies.length} allies shown`;
    layoutKey = scenario.allies.map((ally) => `${ally.id}/${ally.bloc ?? ''}/${ally.name ?? ''}`).join(',');
  }

  function update(state: NotebookState): void {
    const key = state.scenario.allies.map((ally) => `${ally.id}/${ally.bloc ?? ''}/${ally.name ?? ''}`).join(',');
    if (key !== layoutKey) {
      rebuild(state.scenario);
      return;
    }
    for (const ally of state.scenario.allies) {
      const row = rows.get(ally.id);
      if (row === undefined || row.shown === ally) continue;
      row.shown = ally;
      for (const { field } of STANCES) {
        row.sliders.get(`${field}.center`)?.set(centerOf(ally[field]));
        row.sliders.get(`${field}.uncertainty`)?.set(uncertaintyOf(ally[field]));
      }
      row.sliders.get('influence')?.set(ally.influence);
      row.sliders.get('solidarityCost')?.set(ally.solidarityCost);
    }
  }

  const element = section(
    'allies',
    'Allies',
    "Each ally's ideal firmness (hawkishness) and ideal engagement, how much it cares (salience), each with its uncertainty (the spread on the logit scale), its pull on the chair (influence) and what breaking consensus costs it (solidarity cost). An ally objects when the text is worse for it than the status quo by more than its solidarity cost.",
    el('div', { class: 'row' }, el('label', {}, 'Sort: ', sortSelect), filterInput, resetAll, count),
    el('div', { class: 'table-scroll' }, table),
    glossaryNote(['hawkishness', 'engagement preference', 'salience', 'center', 'uncertainty', 'logit scale', 'influence', 'solidarity cost']),
  );
  return { element, update };
}
