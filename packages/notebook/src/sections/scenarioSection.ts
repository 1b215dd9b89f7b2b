/** Scenario: pick a built-in scenario, load one from a JSON file, download the current one. */
import { parseScenario, type Scenario } from '@concert/core';
import type { BuiltInScenario, RejectedScenarioFile } from '../builtInScenarios.js';
import { el, replaceChildren, setText } from '../dom.js';
import { downloadText } from '../download.js';
import type { NotebookApp } from '../notebookApp.js';
import { effectiveScenario, type NotebookState } from '../notebookState.js';
import { problemLine } from '../problemWords.js';
import { button, section } from './controls.js';

/**
 * Reads a scenario file's text: the scenario, or its problems formatted one per line.
 *
 * @example
 * readScenarioText('{"schemaVersion": 2}').problems[0]; // => 'schemaVersion: must be 1 (...), got 2'
 */
export function readScenarioText(text: string): { readonly scenario: Scenario } | { readonly problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problems: [`(file): must be JSON; ${error instanceof Error ? error.message : String(error)}`] };
  }
  const parsed = parseScenario(json);
  return parsed.success ? { scenario: parsed.data } : { problems: parsed.problems.map((problem) => problemLine(problem, json)) };
}

/** The scenario section; returns its element and a function that shows a new state. */
export function scenarioSection(app: NotebookApp, builtIns: readonly BuiltInScenario[], rejected: readonly RejectedScenarioFile[]) {
  const picker = el('select', { 'aria-label': 'Built-in scenario', 'data-field': 'scenario-picker' });
  for (const builtIn of builtIns) picker.append(el('option', { value: builtIn.key }, `${builtIn.scenario.title} (${builtIn.file})`));
  const fileOption = el('option', { value: '', disabled: true }, 'Loaded from a file');
  picker.append(fileOption);
  picker.addEventListener('change', () => {
    const chosen = builtIns.find((builtIn) => builtIn.key === picker.value);
    if (chosen !== undefined) app.loadScenario(chosen.scenario, chosen.key);
  });

  const fileProblems = el('div', { class: 'problems file-problems', role: 'alert', 'data-field': 'file-problems', id: 'file-problems', hidden: true });
  const fileInput = el('input', { type: 'file', accept: '.json,application/json', 'aria-label': 'Load a scenario JSON file', 'aria-describedby': 'file-problems', 'data-field': 'scenario-file' });
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (file === undefined) return;
    const read = readScenarioText(await file.text());
    fileInput.value = '';
    // The problems appear next to the file field, where the eye is, and are scrolled into view.
    if ('problems' in read) {
      replaceChildren(
        fileProblems,
        el('strong', {}, `${file.name} is not a valid scenario; the notebook keeps the current one.`),
        el('ul', {}, ...read.problems.map((line) => el('li', {}, line))),
      );
      fileProblems.hidden = false;
      fileProblems.scrollIntoView({ block: 'center' });
    } else {
      fileProblems.hidden = true;
      fileProblems.replaceChildren();
      app.clearProblems();
      app.loadScenario(read.scenario, `file:${file.name}`);
    }
  });

  const download = button('Download scenario JSON', () => {
    const state = app.state.get();
    downloadText('scenario.json', `${JSON.stringify(effectiveScenario(state), null, 2)}\n`);
  });
  const title = el('h3', { class: 'scenario-title' });
  const description = el('p', { class: 'scenario-description' });
  const rejectedNote =
    rejected.length === 0
      ? null
      : el(
          'details',
          { class: 'rejected' },
          el('summary', {}, `${rejected.length} file(s) in examples/scenarios are not valid scenarios and are not offered`),
          el('ul', {}, ...rejected.map((file) => el('li', {}, `${file.file}: ${file.problems.slice(0, 3).join('; ')}`))),
        );

  const element = section(
    'scenario',
    'Scenario',
    'The allies, their uncertain stances, the strategy options on the table and the rules of the game. Pick a built-in scenario, or load your own JSON file (the format is in docs/MODEL.md). Every edit below changes the scenario; download it to run it from the command line.',
    el('div', { class: 'row' }, el('label', {}, 'Built-in: ', picker), el('label', { class: 'file' }, 'Load a file: ', fileInput), download),
    fileProblems,
    title,
    description,
    rejectedNote,
  );

  function update(state: NotebookState): void {
    const isFile = state.source.startsWith('file:');
    setText(fileOption, isFile ? `Loaded from ${state.source.slice(5)}` : 'Loaded from a file');
    picker.value = isFile || !builtIns.some((b) => b.key === state.source) ? '' : state.source;
    setText(title, state.scenario.title);
    setText(description, state.scenario.description ?? '');
  }
  return { element, update };
}
