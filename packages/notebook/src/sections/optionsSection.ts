/** Options: the strategy texts on the table, with firmness, engagement and visibility sliders; add, rename, remove. */
import type { StrategyOption } from '@concert/core';
import { el, replaceChildren } from '../dom.js';
import type { NotebookApp } from '../notebookApp.js';
import type { NotebookState } from '../notebookState.js';
import { addOption, removeOption, renameOption, setOptionNumber } from '../scenarioEdits.js';
import { optionLabel } from '../charts/chartData.js';
import { button, section, slider, type Slider } from './controls.js';
import { glossaryNote } from './glossary.js';

const FIELDS = [
  { field: 'firmness', label: 'Firmness' },
  { field: 'engagement', label: 'Engagement' },
  { field: 'visibility', label: 'Visibility' },
] as const;

/** The options section; returns its element and a function that shows a new state. */
export function optionsSection(app: NotebookApp) {
  const list = el('div', { class: 'options' });
  const cards = new Map<string, { sliders: Map<string, Slider>; name: HTMLInputElement; remove: HTMLButtonElement; shown: StrategyOption }>();
  let layoutKey = '';

  function card(option: StrategyOption, removable: boolean): HTMLElement {
    const name = el('input', { type: 'text', value: option.name ?? '', placeholder: option.id, 'aria-label': `Name of option ${optionLabel(option)}`, 'data-field': `${option.id}.name` });
    name.addEventListener('change', () => app.editScenario((scenario) => renameOption(scenario, option.id, name.value)));
    const sliders = new Map<string, Slider>();
    const controls = FIELDS.map(({ field, label }) => {
      const control = slider({
        label: `${optionLabel(option)} ${label}`,
        term: field,
        field: `${option.id}.${field}`,
        min: 0,
        max: 1,
        step: 0.01,
        value: option[field],
        onInput: (value) => app.editScenario((scenario) => setOptionNumber(scenario, option.id, field, value)),
      });
      control.element.querySelector('.slider-label')!.textContent = label;
      sliders.set(field, control);
      return control.element;
    });
    const remove = button('Remove', () => app.editScenario((scenario) => removeOption(scenario, option.id)), { 'aria-label': `Remove option ${optionLabel(option)}` });
    remove.disabled = !removable;
    cards.set(option.id, { sliders, name, remove, shown: option });
    return el(
      'div',
      { class: 'option-card', 'data-option': option.id },
      el('div', { class: 'row' }, name, el('small', { class: 'muted' }, option.id), remove),
      option.description === undefined ? null : el('p', { class: 'muted' }, option.description),
      ...controls,
    );
  }

  function update(state: NotebookState): void {
    const options = state.scenario.options;
    const key = options.map((option) => option.id).join(',');
    if (key !== layoutKey) {
      layoutKey = key;
      cards.clear();
      replaceChildren(list, ...options.map((option) => card(option, options.length > 1)));
      return;
    }
    for (const option of options) {
      const entry = cards.get(option.id);
      if (entry === undefined || entry.shown === option) continue;
      entry.shown = option;
      for (const { field } of FIELDS) entry.sliders.get(field)?.set(option[field]);
      if (document.activeElement !== entry.name) entry.name.value = option.name ?? '';
      // Labels follow a rename: sliders, name field and remove button say the new name.
      const label = optionLabel(option);
      for (const { field, label: what } of FIELDS) entry.sliders.get(field)?.relabel(`${label} ${what}`);
      entry.name.setAttribute('aria-label', `Name of option ${label}`);
      entry.remove.setAttribute('aria-label', `Remove option ${label}`);
    }
  }

  const element = section(
    'options',
    'Strategy options',
    'Each option is a draft text: how firm it is toward Russia (0 normalization, 1 maximal confrontation), how much dialogue it keeps open (engagement), and how loudly it is made public (visibility, which scales the signal it sends).',
    list,
    el('div', { class: 'row' }, button('Add an option', () => app.editScenario(addOption))),
    glossaryNote(['firmness', 'engagement', 'visibility', 'signal strength']),
  );
  return { element, update };
}
