/** Run settings: passes, seed, bargaining rounds, step and maximum drift, the signal model, events on or off. */
import { formatProblem, runSettingsProblems } from '@concert/core';
import { el, replaceChildren } from '../dom.js';
import type { NotebookApp } from '../notebookApp.js';
import { parseSeed, type NotebookState, type RunSettingsState } from '../notebookState.js';
import { centerOf, setBargaining, setSignalExponent, setThreshold, uncertaintyOf } from '../scenarioEdits.js';
import { section, slider } from './controls.js';

/** The run settings section; returns its element and a function that shows a new state. */
export function settingsSection(app: NotebookApp) {
  const numberInput = (label: string, field: string) => el('input', { type: 'text', inputmode: 'numeric', 'aria-label': label, 'data-field': field, size: 10 });
  const passes = numberInput('Passes of a full run', 'passes');
  const quickPasses = numberInput('Passes of a quick run', 'quickPasses');
  const seed = el('input', { type: 'text', 'aria-label': 'Seed', 'data-field': 'seed', size: 14 });

  function changeRun(change: Partial<RunSettingsState>, input: HTMLInputElement): void {
    const current = app.state.get();
    const next = { ...current.run, ...change };
    const problems = [...runSettingsProblems({ passes: next.passes, seed: next.seed }), ...runSettingsProblems({ passes: next.quickPasses, seed: next.seed }).filter((p) => p.path === 'passes').map((p) => ({ ...p, path: 'quick passes' }))];
    if (problems.length > 0) {
      app.showProblems('That run setting was not applied:', problems.map(formatProblem));
      update(current);
      input.focus();
      return;
    }
    app.clearProblems();
    app.state.set({ ...current, run: next });
  }
  const wholeNumber = (text: string) => (/^\s*[\d_,]+\s*$/.test(text) ? Number(text.replace(/[_,\s]/g, '')) : Number.NaN);
  passes.addEventListener('change', () => changeRun({ passes: wholeNumber(passes.value) }, passes));
  quickPasses.addEventListener('change', () => changeRun({ quickPasses: wholeNumber(quickPasses.value) }, quickPasses));
  seed.addEventListener('change', () => changeRun({ seed: parseSeed(seed.value) }, seed));

  const state0 = app.state.get().scenario;
  const rounds = slider({ label: 'Bargaining rounds', field: 'maxRounds', min: 0, max: 10, step: 1, digits: 0, value: state0.bargaining.maxRounds, onInput: (v) => app.editScenario((s) => setBargaining(s, 'maxRounds', v)) });
  const step = slider({ label: 'Step toward objectors', field: 'step', min: 0, max: 1, step: 0.05, value: state0.bargaining.step, onInput: (v) => app.editScenario((s) => setBargaining(s, 'step', v)) });
  const drift = slider({ label: 'Maximum drift', field: 'maxDrift', min: 0, max: 0.6, step: 0.01, value: state0.bargaining.maxDrift, onInput: (v) => app.editScenario((s) => setBargaining(s, 'maxDrift', v)) });
  const exponent = slider({ label: 'Signal exponent', field: 'exponent', min: 0.5, max: 5, step: 0.1, digits: 1, value: state0.signal.exponent, onInput: (v) => app.editScenario((s) => setSignalExponent(s, v)) });
  const thresholdCenter = slider({ label: 'Threshold center', field: 'threshold.center', min: 0.01, max: 0.99, step: 0.01, value: centerOf(state0.signal.threshold), onInput: (v) => app.editScenario((s) => setThreshold(s, 'center', v)) });
  const thresholdSpread = slider({ label: 'Threshold uncertainty', field: 'threshold.uncertainty', min: 0, max: 3, step: 0.05, value: uncertaintyOf(state0.signal.threshold), onInput: (v) => app.editScenario((s) => setThreshold(s, 'uncertainty', v)) });
  const formulaNote = el('p', { class: 'muted' });
  const events = el('ul', { class: 'events' });
  let eventsKey = '';

  function update(state: NotebookState): void {
    const { run, scenario } = state;
    if (document.activeElement !== passes) passes.value = String(run.passes);
    if (document.activeElement !== quickPasses) quickPasses.value = String(run.quickPasses);
    if (document.activeElement !== seed) seed.value = String(run.seed);
    rounds.set(scenario.bargaining.maxRounds);
    step.set(scenario.bargaining.step);
    drift.set(scenario.bargaining.maxDrift);
    exponent.set(scenario.signal.exponent);
    thresholdCenter.set(centerOf(scenario.signal.threshold));
    thresholdSpread.set(uncertaintyOf(scenario.signal.threshold));
    formulaNote.textContent = scenario.signal.formula === undefined ? 'Signal strength = visibility × adopted firmness ^ exponent.' : `Signal strength = ${scenario.signal.formula} (the scenario's own formula).`;
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
    el('div', { class: 'grid' }, el('label', {}, 'Full run passes ', passes), el('label', {}, 'Quick run passes ', quickPasses), el('label', {}, 'Seed ', seed)),
    el('h3', {}, 'Bargaining'),
    el('div', { class: 'grid' }, rounds.element, step.element, drift.element),
    el('h3', {}, 'Signal'),
    el('div', { class: 'grid' }, exponent.element, thresholdCenter.element, thresholdSpread.element),
    formulaNote,
    el('h3', {}, 'Events'),
    events,
  );
  return { element, update };
}
