/**
 * The Concert notebook: a column of sections (scenario, stance map, allies, options, settings,
 * results, compare, reproduce) over one state store. Runs happen in a module worker; the URL hash
 * carries the whole state.
 */
import { formatProblem, parseScenario, type Problem, type Scenario } from '@concert/core';
import { BUILT_IN, DEFAULT_SCENARIO_KEY } from './builtInScenarios.js';
import { el, replaceChildren } from './dom.js';
import type { NotebookApp, ResultsState } from './notebookApp.js';
import { DEFAULT_RUN_SETTINGS, effectiveScenario, initialState, passesOf, type NotebookState, type RunKind } from './notebookState.js';
import { RunClient } from './runClient.js';
import { alliesSection } from './sections/alliesSection.js';
import { compareSection } from './sections/compareSection.js';
import { button } from './sections/controls.js';
import { optionsSection } from './sections/optionsSection.js';
import { reproduceSection } from './sections/reproduceSection.js';
import { resultsSection } from './sections/resultsSection.js';
import { scenarioSection } from './sections/scenarioSection.js';
import { settingsSection } from './sections/settingsSection.js';
import { sensitivitySection } from './sensitivity/sensitivitySection.js';
import { stanceMapSection } from './sections/stanceMapSection.js';
import { Store } from './store.js';
import { decodeState, encodeState } from './urlState.js';

/** Wait after the last change before the quick run starts, in milliseconds. */
const QUICK_RUN_DELAY_MS = 250;
/** Wait after the last change before the link is rewritten, in milliseconds. */
const HASH_DELAY_MS = 150;

async function start(root: HTMLElement): Promise<void> {
  const builtIns = BUILT_IN.scenarios;
  const fallback = builtIns.find((b) => b.key === DEFAULT_SCENARIO_KEY) ?? builtIns[0];
  if (fallback === undefined) {
    replaceChildren(root, el('p', { role: 'alert' }, 'No built-in scenario is valid; see the list below.'), ...BUILT_IN.rejected.map((r) => el('pre', {}, `${r.file}\n${r.problems.join('\n')}`)));
    return;
  }

  const problemsPanel = el('div', { class: 'problems', role: 'alert', 'data-field': 'problems', hidden: true });
  const showProblems = (heading: string, lines: readonly string[]) => {
    replaceChildren(
      problemsPanel,
      el('div', { class: 'row' }, el('strong', {}, heading), button('Dismiss', () => clearProblems(), { class: 'dismiss' })),
      el('ul', {}, ...lines.map((line) => el('li', {}, line))),
    );
    problemsPanel.hidden = false;
  };
  const clearProblems = () => {
    problemsPanel.hidden = true;
    problemsPanel.replaceChildren();
  };

  // The initial state: from the link if it is valid, else the default scenario.
  let initial = initialState(fallback.scenario, fallback.key);
  let linkProblems: readonly Problem[] = [];
  if (location.hash.length > 1) {
    const decoded = await decodeState(location.hash);
    if (decoded.success) initial = decoded.data;
    else linkProblems = decoded.problems;
  }
  const state = new Store<NotebookState>(initial);
  const results = new Store<ResultsState>({ result: null, shownKind: null, timing: null, baseline: null, running: null, passesDone: 0 });
  let original: Scenario = builtIns.find((b) => b.key === initial.source)?.scenario ?? initial.scenario;

  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  const client = new RunClient(worker, {
    onProgress: (run, passesDone) => results.set({ ...results.get(), running: run, passesDone }),
    onResult: (run, result, timing) => {
      results.set({ ...results.get(), result, shownKind: run.kind, timing, running: null, passesDone: run.passes });
      // Recording which run is shown (for the link) waits for its own task: short tasks only.
      setTimeout(() => {
        const current = state.get();
        if (current.run.shown !== run.kind) state.set({ ...current, run: { ...current.run, shown: run.kind } });
      }, 0);
    },
    onProblems: (_run, problems) => {
      results.set({ ...results.get(), running: null });
      showProblems('The run could not start:', problems.map(formatProblem));
    },
    onIdle: () => results.set({ ...results.get(), running: null }),
  });

  const app: NotebookApp = {
    state,
    results,
    original: () => original,
    editScenario(change) {
      const current = state.get();
      const parsed = parseScenario(change(current.scenario));
      if (!parsed.success) {
        showProblems('That change was not applied; the scenario stays as it was:', parsed.problems.map(formatProblem));
        return;
      }
      state.set({ ...current, scenario: parsed.data, run: { ...current.run, shown: 'quick' } });
    },
    loadScenario(scenario, source) {
      original = scenario;
      state.set(initialState(scenario, source, { ...state.get().run, shown: 'quick' }));
    },
    startRun(kind: RunKind) {
      const current = state.get();
      const run = current.run;
      const passes = passesOf(run, kind);
      client.start(kind, effectiveScenario(current), passes, run.seed);
      results.set({ ...results.get(), running: client.current, passesDone: 0 });
    },
    cancelRun: () => client.cancel(),
    showProblems,
    clearProblems,
  };

  // The toolbar: progress, cancel, full run, pin.
  const progress = el('progress', { max: 1, value: 0, 'aria-label': 'Run progress', 'data-field': 'progress' });
  const progressText = el('span', { class: 'progress-text', 'data-field': 'progress-text' });
  const cancel = button('Cancel', () => app.cancelRun(), { 'data-field': 'cancel' });
  const fullRun = button('Full run', () => app.startRun('full'), { 'data-field': 'full-run' });
  const compare = compareSection(app);
  const pinTop = button('Pin as baseline', () => compare.pin.click(), { 'data-field': 'pin' });
  const toolbar = el(
    'header',
    { class: 'toolbar' },
    el('div', { class: 'brand' }, el('strong', {}, 'Concert'), el('span', { class: 'muted' }, ' notebook')),
    el('div', { class: 'run-controls' }, progress, progressText, cancel, fullRun, pinTop),
  );

  const sections = {
    scenario: scenarioSection(app, builtIns, BUILT_IN.rejected),
    stance: stanceMapSection(app),
    allies: alliesSection(app),
    options: optionsSection(app),
    settings: settingsSection(app),
    results: resultsSection(app),
    compare,
    sensitivity: sensitivitySection(app),
    reproduce: reproduceSection(app),
  };
  const intro = el(
    'section',
    { class: 'intro' },
    el('h1', {}, 'How does an alliance reach consensus?'),
    el(
      'p',
      {},
      'NATO’s 32 allies must all agree on a new strategy toward Russia; any one can block. Each ally’s stance is uncertain, so Concert runs thousands of Monte Carlo passes: in each, stances are drawn, the chair bargains with the objectors, and the adopted text sends a signal that may exceed Russia’s tolerance. Move any slider and the estimates below update.',
    ),
  );
  replaceChildren(
    root,
    toolbar,
    problemsPanel,
    intro,
    sections.scenario.element,
    sections.stance.element,
    sections.allies.element,
    sections.options.element,
    sections.settings.element,
    sections.results.element,
    compare.element,
    sections.sensitivity.element,
    sections.reproduce.element,
  );

  const showState = (value: NotebookState) => {
    sections.scenario.update(value);
    sections.stance.update(value);
    sections.allies.update(value);
    sections.options.update(value);
    sections.settings.update(value);
    fullRun.textContent = `Full run (${value.run.passes.toLocaleString('en-US')} passes)`;
  };
  const showResults = (value: ResultsState) => {
    sections.results.update(value);
    compare.update(value);
    sections.reproduce.update(value);
    const running = value.running;
    cancel.disabled = running === null;
    progress.value = running === null ? (value.result === null ? 0 : 1) : value.passesDone / running.passes;
    progressText.textContent =
      running === null
        ? value.result === null
          ? 'Idle'
          : 'Done'
        : `${running.kind === 'full' ? 'Full' : 'Quick'} run: ${value.passesDone.toLocaleString('en-US')} / ${running.passes.toLocaleString('en-US')} passes`;
    root.dataset.running = running === null ? 'no' : running.kind;
  };

  // Link: rewritten (replaceState) shortly after each change; stale encodings are dropped.
  let hashTimer: ReturnType<typeof setTimeout> | undefined;
  let hashGeneration = 0;
  const writeHash = () => {
    clearTimeout(hashTimer);
    root.dataset.link = 'pending';
    hashTimer = setTimeout(async () => {
      const mine = ++hashGeneration;
      const hash = await encodeState(state.get());
      if (mine !== hashGeneration) return;
      history.replaceState(null, '', `#${hash}`);
      root.dataset.link = 'current'; // the address bar now holds the state on screen
    }, HASH_DELAY_MS);
  };

  // Quick run: debounced after each change that affects the numbers.
  let runTimer: ReturnType<typeof setTimeout> | undefined;
  state.subscribe((next, previous) => {
    showState(next);
    writeHash();
    const numbersChanged =
      next.scenario !== previous.scenario || next.disabledEvents !== previous.disabledEvents || next.run.seed !== previous.run.seed || next.run.quickPasses !== previous.run.quickPasses;
    if (numbersChanged) {
      clearTimeout(runTimer);
      runTimer = setTimeout(() => app.startRun('quick'), QUICK_RUN_DELAY_MS);
    }
  });
  results.subscribe((next) => showResults(next));

  // A link edited by hand in the address bar: load it if valid, else list its problems and keep the state.
  window.addEventListener('hashchange', async () => {
    const decoded = await decodeState(location.hash);
    if (!decoded.success) {
      showProblems('This link could not be read; the notebook keeps its current state:', decoded.problems.map(formatProblem));
      writeHash();
      return;
    }
    clearProblems();
    original = builtIns.find((b) => b.key === decoded.data.source)?.scenario ?? decoded.data.scenario;
    state.set(decoded.data);
  });

  showState(state.get());
  showResults(results.get());
  if (linkProblems.length > 0)
    showProblems('This link could not be opened; showing the default scenario instead:', linkProblems.map(formatProblem));
  else writeHash();
  // Open on the run the link's author saw (a quick run for a fresh page).
  app.startRun(linkProblems.length === 0 ? initial.run.shown : DEFAULT_RUN_SETTINGS.shown);
  root.setAttribute('aria-busy', 'false');
}

void start(document.getElementById('notebook')!);
