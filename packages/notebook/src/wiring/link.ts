/**
 * The link: the address bar holds the state, the kind of run shown and the pinned baseline,
 * rewritten (replaceState) shortly after each change; a hash edited by hand is loaded if valid,
 * else its problems are listed and the state stays.
 */
import { canonicalJson, formatProblem, type Scenario } from '@concert/core';
import type { ResultsState } from '../notebookApp.js';
import type { NotebookState, RunKind } from '../notebookState.js';
import type { Store } from '../store.js';
import { decodeState, encodeState, type LinkedBaseline } from '../urlState.js';
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
 * The baseline a link should carry: the pinned run's scenario, passes and seed, or the baseline
 * the page's own link named while it is still being re-run; undefined when none.
 */
export function linkedBaselineOf(results: ResultsState): LinkedBaseline | undefined {
  const { baseline, linkedBaseline } = results;
  if (baseline !== null) return { scenario: baseline.scenario, passes: baseline.manifest.passes, seed: baseline.manifest.seed };
  return linkedBaseline ?? undefined;
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
    // A change supersedes an encoding in flight too: that one must not mark the link current.
    const mine = ++generation;
    root.dataset.link = 'pending';
    timer = setTimeout(async () => {
      const baseline = linkedBaselineOf(results.get());
      const hash = await encodeState({ state: state.get(), shown: linkedRunKind(state.get(), results.get()), ...(baseline === undefined ? {} : { baseline }) });
      if (mine !== generation) return; // a newer change is being encoded
      if (location.hash !== `#${hash}`) history.replaceState(null, '', `#${hash}`);
      root.dataset.link = 'current';
    }, HASH_DELAY_MS);
  };
  state.subscribe(write);
  results.subscribe((next, previous) => {
    if (next.shown !== previous.shown || next.baseline !== previous.baseline || next.linkedBaseline !== previous.linkedBaseline) write();
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
    const now = results.get();
    const next = resultsOpeningBaseline(now, decoded.data.baseline);
    if (next !== now) results.set(next);
  });
  return { write };
}

/**
 * The results once a link naming `wanted` (or no baseline) is opened in a page showing `results`:
 * a link holds the whole state, so its baseline replaces the pinned one, and a link that names
 * none unpins it; the very run pinned already (or being re-run) stays as it is (the same object
 * is returned).
 *
 * @example
 * resultsOpeningBaseline(results, undefined).baseline; // => null
 */
export function resultsOpeningBaseline(results: ResultsState, wanted: LinkedBaseline | undefined): ResultsState {
  const pinned = linkedBaselineOf(results);
  if (wanted === undefined) return pinned === undefined ? results : { ...results, baseline: null, linkedBaseline: null };
  if (pinned !== undefined && sameBaseline(pinned, wanted)) return results;
  return { ...results, baseline: null, linkedBaseline: wanted };
}

/** Whether two linked baselines name the same run (the same scenario, passes and seed). */
function sameBaseline(a: LinkedBaseline, b: LinkedBaseline): boolean {
  return a.passes === b.passes && a.seed === b.seed && canonicalJson(a.scenario) === canonicalJson(b.scenario);
}
