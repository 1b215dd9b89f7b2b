/**
 * Run: the run worker behind a job client, the results store it fills, and the quick run that
 * follows every edit of the numbers (debounced).
 */
import { formatProblem, type SimulationResult } from '@concert/core';
import type { ResultsState } from '../notebookApp.js';
import { effectiveScenario, runInfoOf, runIsOf, type NotebookState, type RunInfo, type RunKind } from '../notebookState.js';
import type { Store } from '../store.js';
import { JobClient, type WorkerLike } from '../workers/jobClient.js';
import type { RunJob } from '../workers/runJob.js';
import type { ProblemsPanel } from './problemsPanel.js';

/**
 * Wait after the last change before the quick run starts, in milliseconds: long enough that a
 * slider dragged (an input event every frame) starts one run when it pauses, short enough that a
 * change shows new headline figures within 300 ms (see `pnpm bench notebook`).
 */
export const QUICK_RUN_DELAY_MS = 60;

/** Starting and cancelling runs. */
export interface RunActions {
  startRun(kind: RunKind): void;
  cancelRun(): void;
}

/** The run worker as the page sees it. */
export type RunWorker = WorkerLike<RunJob, SimulationResult>;

const moduleWorker = (): RunWorker => new Worker(new URL('../workers/runWorker.ts', import.meta.url), { type: 'module' }) as unknown as RunWorker;

/**
 * Runs the state's scenario in the run worker and puts progress and results into the results
 * store; each run's time is recorded as a `concert-run` performance measure.
 */
export function runActions(state: Store<NotebookState>, results: Store<ResultsState>, problems: ProblemsPanel, createWorker: () => RunWorker = moduleWorker): RunActions {
  const client = new JobClient<RunJob, SimulationResult, RunInfo>(createWorker, {
    onProgress: (job, done) => results.set({ ...results.get(), running: job, passesDone: done }),
    onOutcome: (job, result, timing) => {
      performance.measure('concert-run', { start: job.startedAt, end: job.startedAt + timing.totalMs, detail: { runId: job.id, kind: job.info.kind, passes: job.info.passes, workerMs: timing.workerMs } });
      results.set({ ...results.get(), result, shown: job.info, timing, running: null, passesDone: job.info.passes });
    },
    onProblems: (_job, list) => {
      results.set({ ...results.get(), running: null });
      problems.show('The run could not start:', list.map(formatProblem));
    },
    onIdle: () => results.set({ ...results.get(), running: null }),
  });
  return {
    startRun(kind) {
      const current = state.get();
      // A full run is never replaced by a smaller run of the same state (say, the quick run that an
      // edit scheduled just before "Full run" was clicked): the quick run is skipped.
      if (kind === 'quick' && fullRunOf(current, results.get())) return;
      const info = runInfoOf(current, kind);
      client.start({ scenario: effectiveScenario(current), passes: info.passes, seed: info.seed }, info);
      results.set({ ...results.get(), running: client.current, passesDone: 0 });
    },
    cancelRun: () => client.cancel(),
  };
}

/** True when the full run of this very state is on screen or in progress. */
export function fullRunOf(state: NotebookState, results: ResultsState): boolean {
  return [results.running?.info, results.shown].some((info) => info?.kind === 'full' && runIsOf(info, state));
}

/** Starts a quick run shortly after each change of the state that changes the numbers. */
export function quickRunAfterEdits(state: Store<NotebookState>, runs: RunActions, delayMs = QUICK_RUN_DELAY_MS): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  state.subscribe((next, previous) => {
    const numbersChanged =
      next.scenario !== previous.scenario || next.disabledEvents !== previous.disabledEvents || next.run.seed !== previous.run.seed || next.run.quickPasses !== previous.run.quickPasses;
    if (!numbersChanged) return;
    clearTimeout(timer);
    timer = setTimeout(() => runs.startRun('quick'), delayMs);
  });
}
