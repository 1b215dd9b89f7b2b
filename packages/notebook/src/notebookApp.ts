/** What the sections of the notebook share: the state store, the results store and the actions. */
import type { Scenario, SimulationResult } from '@concert/core';
import type { NotebookState, RunInfo, RunKind } from './notebookState.js';
import type { Store } from './store.js';
import type { ActiveJob } from './workers/jobClient.js';

/** Runs and their results, as the page shows them: what was shown lives here, not in the state. */
export interface ResultsState {
  /** The result on screen (the last run that finished), if any. */
  readonly result: SimulationResult | null;
  /** The run that produced it (its kind, size and the state it ran), and how long it took. */
  readonly shown: RunInfo | null;
  readonly timing: { readonly totalMs: number; readonly workerMs: number } | null;
  /** The pinned run to compare against. */
  readonly baseline: SimulationResult | null;
  /** The run in progress and its passes done. */
  readonly running: ActiveJob<RunInfo> | null;
  readonly passesDone: number;
}

/** The results store before any run. */
export const NO_RESULTS: ResultsState = { result: null, shown: null, timing: null, baseline: null, running: null, passesDone: 0 };

/** The notebook's shared context. */
export interface NotebookApp {
  readonly state: Store<NotebookState>;
  readonly results: Store<ResultsState>;
  /** The scenario as loaded (built-in or file), which "reset" restores. */
  original(): Scenario;
  /** Applies an edit to the scenario; an invalid outcome is refused with its problems shown. */
  editScenario(change: (scenario: Scenario) => Scenario): void;
  /** Replaces the scenario (a built-in one or a loaded file). */
  loadScenario(scenario: Scenario, source: string): void;
  /** Starts a run now. */
  startRun(kind: RunKind): void;
  cancelRun(): void;
  /** Shows a readable list of problems (never as HTML); the state stays as it was. */
  showProblems(heading: string, problems: readonly string[]): void;
  clearProblems(): void;
}
