/** Run settings: passes, seed, bargaining rounds, step and maximum drift, the signal model, events on or off. */
import { runSettingsProblems } from '@concert/core';
import { el, replaceChildren, setText } from '../dom.js';
import type { NotebookApp } from '../notebookApp.js';
import { parseSeed, type NotebookState, type RunSettingsState } from '../notebookState.js';
import { centerOf, setBargaining, setSignalExponent, setThreshold, uncertaintyOf } from '../scenarioEdits.js';
import { section, slider } from './controls.js';
import { glossaryNote, term } from './glossary.js';

/** The run settings section; returns its element and a function that shows a new state. */
export function settingsSection(app: NotebookApp) {
  // Each field shows its own error right under it, quoting what was typed.
  const field = (label: string, name: string, size: number, numeric: boolean) => {
    const input = el('input', { type: 'text', ...(numeric ? { inputmode: 'numeric' } : {}), 'aria-label': label, 'data-field': name, size, 'aria-describedby': `${name}-error` });
    const error = el('p', { class: 'field-error', id: `${name}-error`, 'data-field': `${name}-error`, role: 'alert', hidden: true });
    return { input, error, label };
  };
  const passes = field('Passes of a full run', 'passes', 10, true);
  const quickPasses = field('Passes of a quick run', 'quickPasses', 10, true);
  const seed = field('Seed', 'seed', 14, false);

  function showError(target: ReturnType<typeof field>, message: string | null): void {
    target.error.hidden = message === null;
    target.error.textContent = message ?? '';
    if (message === null) target.input.removeAttribute('aria-invalid');
    else target.input.setAttribute('aria-invalid', 'true');
  }

  function changeRun(change: Partial<RunSettingsState>, target: ReturnType<typeof field>, what: string): void {
    const current = app.state.get();
    const next = { ...current.run, ...change };
    const value = target === seed ? next.seed : target === passes ? next.passes : next.quickPasses;
    const problem = runSettingsProblems(target === seed ? { passes: 1, seed: value } : { passes: value, seed: 1 })[0];
    if (problem !== undefined) {
      const typed = `${target.label}: “${target.input.value}”`;
      showError(target, Number.isNaN(value) ? `${typed} is not a whole number; ${what} ${problem.message}.` : `${typed} was not applied: ${what} ${problem.message}.`);
      target.input.focus();
      target.input.scrollIntoView({ block: 'center' });
      return;
    }
    showError(target, null);
    app.state.set({ ...current, run: next });
  }
  const wholeNumber = (text: string) => (/^\s*[\d_,]+\s*$/.test(text) ? Number(text.replace(/[_,\s]/g, '')) : Number.NaN);
  passes.input.addEventListener('change', () => changeRun({ passes: wholeNumber(passes.input.value) }, passes, 'the passes'));
  quickPasses.input.addEventListener('change', () => changeRun({ quickPasses: wholeNumber(quickPasses.input.value) }, quickPasses, 'the passes'));
  seed.input.addEventListener('change', () => changeRun({ seed: parseSeed(seed.input.value) }, seed, 'the seed'));

  const state0 = app.state.get().scenario;
  const rounds = slider({ label: 'Bargaining rounds', term: 'bargaining rounds', field: 'maxRounds', min: 0, max: 10, step: 1, digits: 0, value: state0.bargaining.maxRounds, onInput: (v) => app.editScenario((s) => setBargaining(s, 'maxRounds', v)) });
  const step = slider({ label: 'Step toward objectors', term: 'step', field: 'step', min: 0, max: 1, step: 0.05, value: state0.bargaining.step, onInput: (v) => app.editScenario((s) => setBargaining(s, 'step', v)) });
  const drift = slider({ label: 'Maximum drift', term: 'maximum drift', field: 'maxDrift', min: 0, max: 0.6, step: 0.01, value: state0.bargaining.maxDrift, onInput: (v) => app.editScenario((s) => setBargaining(s, 'maxDrift', v)) });
  const exponent = slider({ label: 'Signal exponent', term: 'exponent', field: 'exponent', min: 0.5, max: 5, step: 0.1, digits: 1, value: state0.signal.exponent, onInput: (v) => app.editScenario((s) => setSignalExponent(s, v)) });
  const thresholdCenter = slider({ label: 'Threshold center', term: 'threshold center', field: 'threshold.center', min: 0.01, max: 0.99, step: 0.01, value: centerOf(state0.signal.threshold), onInput: (v) => app.editScenario((s) => setThreshold(s, 'center', v)) });
  const thresholdSpread = slider({ label: 'Threshold uncertainty', term: 'threshold uncertainty', field: 'threshold.uncertainty', min: 0, max: 3, step: 0.05, value: uncertaintyOf(state0.signal.threshold), onInput: (v) => app.editScenario((s) => setThreshold(s, 'uncertainty', v)) });
  const formulaNote = el('p', { class: 'muted' });
  const events = el('ul', { class: 'events' });
  let eventsKey = '';

  function update(state: NotebookState): void {
    const { run, scenario } = state;
    for (const [target, value] of [[passes, run.passes], [quickPasses, run.quickPasses], [seed, run.seed]] as const)
      if (document.activeElement !== target.input && target.error.hidden) target.input.value = String(value);
    rounds.set(scenario.bargaining.maxRounds);
    step.set(scenario.bargaining.step);
    drift.set(scenario.bargaining.maxDrift);
    exponent.set(scenario.signal.exponent);
    thresholdCenter.set(centerOf(scenario.signal.threshold));
    thresholdSpread.set(uncertaintyOf(scenario.signal.threshold));
    setText(formulaNote, scenario.signal.formula === undefined ? 'Signal strength = visibility × adopted firmness ^ exponent.' : `Signal strength = ${scenario.signal.formula} (the scenario's own formula).`);
    const key = `${scenario.events.map((event) => event.id).join(',')}|${state.disabledEvents.join(',')}`;
    if (key === eventsKey) return;
    eventsKey = key;
    if (scenario.events.length === 0) {
      replaceChildren(events, el('li', { class: 'muted' }, 'This scenario has no events.'));
      return;
    }
    replaceChildren(
      events,
      ...scenario.events.map((event) => {
        const box = el('input', { type: 'checkbox', 'data-field': `event.${event.id}` });
        box.checked = !state.disabledEvents.includes(event.id);
        box.addEventListener('change', () => {
          const current = app.state.get();
          const off = current.disabledEvents.filter((id) => id !== event.id);
          if (!box.checked) off.push(event.id);
          app.state.set({ ...current, disabledEvents: off });
        });
        return el('li', {}, el('label', {}, box, ` ${event.name ?? event.id} `, el('small', { class: 'muted' }, `probability ${Math.round(event.probability * 100)}% per pass`)));
      }),
    );
  }

  const element = section(
    'settings',
    'Run settings',
    'A quick run starts by itself after every change; the full run starts on demand (button at the top). The same seed and passes always give the same numbers, in this page or on the command line. Bargaining: after objections, the chair moves the text a step toward the objectors, for a number of rounds, never further than the maximum drift from the proposal. Signal: a run is risky when the adopted text’s signal exceeds Russia’s uncertain tolerance threshold.',
    el(
      'div',
      { class: 'grid' },
      ...[
        [passes, 'Full run ', term('passes')],
        [quickPasses, 'Quick run ', term('passes')],
        [seed, '', term('seed', 'Seed')],
      ].map(([target, ...words]) => {
        const { input, error } = target as ReturnType<typeof field>;
        return el('div', { class: 'field' }, el('label', {}, ...(words as (string | HTMLElement)[]), ' ', input), error);
      }),
    ),
    el('h3', {}, 'Bargaining'),
    el('div', { class: 'grid' }, rounds.element, step.element, drift.element),
    el('h3', {}, 'Signal'),
    el('div', { class: 'grid' }, exponent.element, thresholdCenter.element, thresholdSpread.element),
    formulaNote,
    el('h3', {}, 'Events'),
    events,
    glossaryNote(['passes', 'seed', 'bargaining rounds', 'step', 'maximum drift', 'exponent', 'signal strength', 'threshold center', 'threshold uncertainty', 'logit scale']),
  );
  return { element, update };
}
