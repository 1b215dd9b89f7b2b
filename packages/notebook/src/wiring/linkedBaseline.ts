/**
 * The baseline of a link: a link carries the pinned run as its scenario, passes and seed
 * (urlState.ts), and the page that opens it re-runs that in a run worker of its own and pins the
 * result, which is byte for byte the run its author pinned. Until then the link keeps naming the
 * baseline. Pinning or clearing a baseline by hand first cancels the re-run.
 */
import { formatProblem, type SimulationResult } from '@concert/core';
import type { ResultsState } from '../notebookApp.js';
import type { Store } from '../store.js';
import type { LinkedBaseline } from '../urlState.js';
import { JobClient } from '../workers/jobClient.js';
import type { RunWorker } from './running.js';
import type { ProblemsPanel } from './problemsPanel.js';

const moduleWorker = (): RunWorker => new Worker(new URL('../workers/runWorker.ts', import.meta.url), { type: 'module' }) as unknown as RunWorker;

/**
 * Follows `results.linkedBaseline`: re-runs each baseline a link names and pins its result,
 * unless another baseline was pinned or cleared meanwhile. Acts in a microtask after each change
 * of the store, as the comparison does (wiring/comparing.ts).
 */
export function pinLinkedBaseline(results: Store<ResultsState>, problems: Pick<ProblemsPanel, 'show'>, createWorker: () => RunWorker = moduleWorker): void {
  const client = new JobClient<LinkedBaseline, SimulationResult, LinkedBaseline>(createWorker, {
    onOutcome: (job, result) => {
      const now = results.get();
      if (now.linkedBaseline === job.info) results.set({ ...now, baseline: result, linkedBaseline: null });
    },
    onProblems: (job, list) => {
      const now = results.get();
      if (now.linkedBaseline === job.info) results.set({ ...now, linkedBaseline: null });
      problems.show('The baseline this link was shared with could not be re-run:', list.map(formatProblem));
    },
  });

  function follow(): void {
    const wanted = results.get().linkedBaseline;
    const inProgress = client.current;
    if (wanted === null) {
      if (inProgress !== null) client.cancel();
      return;
    }
    if (inProgress !== null && inProgress.info === wanted) return;
    client.start(wanted, wanted);
  }

  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      follow();
    });
  };
  results.subscribe(schedule);
  schedule();
}
