/** What the sections of the notebook share: the state store, the results store and the actions. */
import type { ComparisonResult, Scenario, SimulationResult } from '@concert/core';
import type { NotebookState, RunInfo, RunKind } from './notebookState.js';
import type { Store } from './store.js';
import type { LinkedBaseline } from './urlState.js';
import type { ActiveJob } from './workers/jobClient.js';

/** Runs and their results, as the page shows them: what was shown lives here, not in the state. */
export interface ResultsState {
  /** The result on screen (the last run that finished), if any. */
  readonly result: SimulationResult | null;
  /** The run that produced it (its kind, size and the state it ran), and how long it took. */
  readonly shown: RunInfo | null;
  readonly timing: { readonly totalMs: number; readonly workerMs: number } | null;
  /** The pinned run to compare against; its `scenario` is the baseline scenario each comparison re-runs. */
  readonly baseline: SimulationResult | null;
  /**
   * The baseline a link named, while it is re-run to be pinned (wiring/linkedBaseline.ts); null
   * once pinned, or when the user pins or clears a baseline first.
   */
  readonly linkedBaseline: LinkedBaseline | null;
  /** The paired comparison of the baseline's scenario with the result's (wiring/comparing.ts), if one is pinned. */
  readonly comparison: ComparisonState | null;
  /** The run in progress and its passes done. */
  readonly running: ActiveJob<RunInfo> | null;
  readonly passesDone: number;
}

/**
 * A comparison of the baseline with the result on screen: which two it compares (by reference,
 * so a comparison of an older result is never shown with a newer one), its progress, and its
 * outcome or problems once done.
 */
export interface ComparisonState {
  readonly baseline: SimulationResult;
  readonly result: SimulationResult;
  /** The passes both scenarios run with (the result's), and the share of the work done (0 to 1). */
  readonly passes: number;
  readonly progress: number;
  readonly outcome: ComparisonResult | null;
  readonly problems: readonly string[] | null;
}

/** True when a comparison belongs to the results' very baseline and result. */
export function belongsTo(comparison: ComparisonState | null, results: ResultsState): comparison is ComparisonState {
  return comparison !== null && comparison.baseline === results.baseline && comparison.result === results.result;
}

/**
 * The comparison the page shows for these results: the finished comparison of this very
 * baseline and result, or null (none pinned, still running, or one of an older result).
 *
 * @example
 * const change = comparisonOf(app.results.get())?.options[0]?.consensus.change;
 */
export function comparisonOf(results: ResultsState): ComparisonResult | null {
  return belongsTo(results.comparison, results) ? results.comparison.outcome : null;
}

/** The results store before any run. */
export const NO_RESULTS: ResultsState = { result: null, shown: null, timing: null, baseline: null, linkedBaseline: null, comparison: null, running: null, passesDone: 0 };

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
