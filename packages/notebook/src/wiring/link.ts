/**
 * The link: the address bar holds the state and the kind of run shown, rewritten (replaceState)
 * shortly after each change; a hash edited by hand is loaded if valid, else its problems are
 * listed and the state stays.
 */
import { formatProblem, type Scenario } from '@concert/core';
import type { ResultsState } from '../notebookApp.js';
import type { NotebookState, RunKind } from '../notebookState.js';
import type { Store } from '../store.js';
import { decodeState, encodeState } from '../urlState.js';
import type { ProblemsPanel } from './problemsPanel.js';
import { fullRunOf } from './running.js';

/** Wait after the last change before the link is rewritten, in milliseconds. */
export const HASH_DELAY_MS = 150;

/**
 * The kind of run a link should repeat: the full run when the result on screen (or the run in
 * progress) is the full run of this very state, else the quick run.
 */
export function linkedRunKind(state: NotebookState, results: ResultsState): RunKind {
  return fullRunOf(state, results) ? 'full' : 'quick';
}

/**
 * Keeps the address bar in step with the stores; `root.dataset.link` is "current" once it holds
 * the state on screen. `builtIn(source)` finds the scenario a link's source names, for "reset".
 */
export function syncLink(root: HTMLElement, state: Store<NotebookState>, results: Store<ResultsState>, problems: ProblemsPanel, onOpen: (original: Scenario) => void, builtIn: (source: string) => Scenario | undefined): { write(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  const write = () => {
    clearTimeout(timer);
    root.dataset.link = 'pending';
    timer = setTimeout(async () => {
      const mine = ++generation;
      const hash = await encodeState({ state: state.get(), shown: linkedRunKind(state.get(), results.get()) });
      if (mine !== generation) return; // a newer change is being encoded
      if (location.hash !== `#${hash}`) history.replaceState(null, '', `#${hash}`);
      root.dataset.link = 'current';
    }, HASH_DELAY_MS);
  };
  state.subscribe(write);
  results.subscribe((next, previous) => {
    if (next.shown !== previous.shown) write();
  });
  window.addEventListener('hashchange', async () => {
    const decoded = await decodeState(location.hash);
    if (!decoded.success) {
      problems.show('This link could not be read; the notebook keeps its current state:', decoded.problems.map(formatProblem));
      write();
      return;
    }
    problems.clear();
    onOpen(builtIn(decoded.data.state.source) ?? decoded.data.state.scenario);
    state.set(decoded.data.state);
  });
  return { write };
}
