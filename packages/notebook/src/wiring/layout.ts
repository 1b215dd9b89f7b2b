/**
 * Layout: the toolbar (progress, cancel, full run, pin) and the column of sections, in reading
 * order, each following the stores it shows.
 */
import type { BuiltInScenario, RejectedScenarioFile } from '../builtInScenarios.js';
import { el, replaceChildren } from '../dom.js';
import type { NotebookApp, ResultsState } from '../notebookApp.js';
import type { NotebookState } from '../notebookState.js';
import { alliesSection } from '../sections/alliesSection.js';
import { compareSection } from '../sections/compareSection.js';
import { button } from '../sections/controls.js';
import { optionsSection } from '../sections/optionsSection.js';
import { reproduceSection } from '../sections/reproduceSection.js';
import { resultsSection } from '../sections/resultsSection.js';
import { scenarioSection } from '../sections/scenarioSection.js';
import { settingsSection } from '../sections/settingsSection.js';
import { stanceMapSection } from '../sections/stanceMapSection.js';
import { sensitivitySection } from '../sensitivity/sensitivitySection.js';

/** The toolbar: run progress and the run and baseline buttons. */
function toolbar(app: NotebookApp, pin: () => void) {
  const progress = el('progress', { max: 1, value: 0, 'aria-label': 'Run progress', 'data-field': 'progress' });
  const progressText = el('span', { class: 'progress-text', 'data-field': 'progress-text' });
  const cancel = button('Cancel', () => app.cancelRun(), { 'data-field': 'cancel' });
  const fullRun = button('Full run', () => app.startRun('full'), { 'data-field': 'full-run' });
  const element = el(
    'header',
    { class: 'toolbar' },
    el('div', { class: 'brand' }, el('strong', {}, 'Concert'), el('span', { class: 'muted' }, ' notebook')),
    el('div', { class: 'run-controls' }, progress, progressText, cancel, fullRun, button('Pin as baseline', pin, { 'data-field': 'pin' })),
  );
  const showState = (state: NotebookState) => {
    fullRun.textContent = `Full run (${state.run.passes.toLocaleString('en-US')} passes)`;
  };
  const showResults = (results: ResultsState) => {
    const { running } = results;
    cancel.disabled = running === null;
    progress.value = running === null ? (results.result === null ? 0 : 1) : results.passesDone / running.info.passes;
    progressText.textContent =
      running === null
        ? results.result === null
          ? 'Idle'
          : 'Done'
        : `${running.info.kind === 'full' ? 'Full' : 'Quick'} run: ${results.passesDone.toLocaleString('en-US')} / ${running.info.passes.toLocaleString('en-US')} passes`;
  };
  return { element, showState, showResults };
}

const INTRO =
  'NATO’s 32 allies must all agree on a new strategy toward Russia; any one can block. Each ally’s stance is uncertain, so Concert runs thousands of Monte Carlo passes: in each, stances are drawn, the chair bargains with the objectors, and the adopted text sends a signal that may exceed Russia’s tolerance. Move any slider and the estimates below update.';

/**
 * Builds the page into `root` and subscribes every part to the stores; `problems` is the
 * problems panel's element, placed under the toolbar.
 */
export function layOutPage(root: HTMLElement, app: NotebookApp, problems: HTMLElement, builtIns: readonly BuiltInScenario[], rejected: readonly RejectedScenarioFile[]): void {
  const compare = compareSection(app);
  const bar = toolbar(app, () => compare.pin.click());
  const stateViews = [scenarioSection(app, builtIns, rejected), stanceMapSection(app), alliesSection(app), optionsSection(app), settingsSection(app)];
  const resultViews = [resultsSection(app), compare, reproduceSection(app)];
  replaceChildren(
    root,
    bar.element,
    problems,
    el('section', { class: 'intro' }, el('h1', {}, 'How does an alliance reach consensus?'), el('p', {}, INTRO)),
    ...stateViews.map((view) => view.element),
    resultViews[0]!.element,
    compare.element,
    sensitivitySection(app).element,
    resultViews[2]!.element,
  );
  const showState = (state: NotebookState) => {
    for (const view of stateViews) view.update(state);
    bar.showState(state);
  };
  const showResults = (results: ResultsState) => {
    for (const view of resultViews) view.update(results);
    bar.showResults(results);
    root.dataset.running = results.running === null ? 'no' : results.running.info.kind;
  };
  app.state.subscribe(showState);
  app.results.subscribe(showResults);
  showState(app.state.get());
  showResults(app.results.get());
}
