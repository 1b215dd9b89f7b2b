/**
 * The Concert notebook: a column of sections over two stores, the state (what the user edits)
 * and the results (runs and what they showed). Wiring, in the order data flows:
 * edit (wiring/editing.ts) -> run (wiring/running.ts) -> results (wiring/layout.ts), with the
 * link (wiring/link.ts) following both stores, and a link's baseline re-run and pinned
 * (wiring/linkedBaseline.ts).
 */
import { formatProblem, type Problem } from '@concert/core';
import { BUILT_IN, DEFAULT_SCENARIO_KEY } from './builtInScenarios.js';
import { el, replaceChildren } from './dom.js';
import { NO_RESULTS, type NotebookApp, type ResultsState } from './notebookApp.js';
import { initialState, type NotebookState } from './notebookState.js';
import { landscapeSection } from './landscape/landscapeSection.js';
import { sensitivitySection } from './sensitivity/sensitivitySection.js';
import { Store } from './store.js';
import { decodeState, type LinkedState } from './urlState.js';
import { editActions } from './wiring/editing.js';
import { layOutPage } from './wiring/layout.js';
import { syncLink } from './wiring/link.js';
import { problemsPanel } from './wiring/problemsPanel.js';
import { compareWithBaseline } from './wiring/comparing.js';
import { pinLinkedBaseline } from './wiring/linkedBaseline.js';
import { quickRunAfterEdits, runActions } from './wiring/running.js';

/** What the page opens on: the link's state if it is valid, else the default scenario (with the link's problems). */
async function openingState(fallback: LinkedState): Promise<{ opened: LinkedState; linkProblems: readonly Problem[] }> {
  if (location.hash.length <= 1) return { opened: fallback, linkProblems: [] };
  const decoded = await decodeState(location.hash);
  return decoded.success ? { opened: decoded.data, linkProblems: [] } : { opened: fallback, linkProblems: decoded.problems };
}

async function start(root: HTMLElement): Promise<void> {
  const builtIns = BUILT_IN.scenarios;
  const builtIn = (source: string) => builtIns.find((b) => b.key === source)?.scenario;
  const fallback = builtIns.find((b) => b.key === DEFAULT_SCENARIO_KEY) ?? builtIns[0];
  if (fallback === undefined) {
    replaceChildren(root, el('p', { role: 'alert' }, 'No built-in scenario is valid; see the list below.'), ...BUILT_IN.rejected.map((r) => el('pre', {}, `${r.file}\n${r.problems.join('\n')}`)));
    return;
  }
  const { opened, linkProblems } = await openingState({ state: initialState(fallback.scenario, fallback.key), shown: 'quick' });
  const state = new Store<NotebookState>(opened.state);
  // A link's baseline is re-run and pinned (wiring/linkedBaseline.ts); the link names it meanwhile.
  const results = new Store<ResultsState>({ ...NO_RESULTS, linkedBaseline: opened.baseline ?? null });
  const problems = problemsPanel();

  const edits = editActions(state, problems, builtIn(opened.state.source) ?? opened.state.scenario);
  const runs = runActions(state, results, problems);
  const app: NotebookApp = { state, results, ...edits, ...runs, showProblems: problems.show, clearProblems: problems.clear };
  // Open on the run the link's author saw (a quick run for a fresh page). Started before the page
  // is built, so that the worker loads its code while this thread builds the sections; its answer
  // cannot arrive before this task ends, when every view is listening.
  app.startRun(opened.shown);

  layOutPage(root, app, problems.element, builtIns, BUILT_IN.rejected, { levers: [landscapeSection(app)], analyses: [sensitivitySection(app)] });
  quickRunAfterEdits(state, runs);
  const link = syncLink(root, state, results, problems, edits.setOriginal, builtIn);
  compareWithBaseline(results);
  pinLinkedBaseline(results, problems);

  if (linkProblems.length > 0) problems.show('This link could not be opened; showing the default scenario instead:', linkProblems.map(formatProblem));
  else link.write();
  root.setAttribute('aria-busy', 'false');
}

void start(document.getElementById('notebook')!);
