/** Messages between the page and the run worker. Every message carries the run id it belongs to. */
import type { Problem, Scenario, Seed, SimulationResult } from '@concert/core';
import type { RunKind } from './notebookState.js';

/** Page to worker: start a run (superseding any older one), or cancel one. */
export type RunRequest =
  | { readonly type: 'run'; readonly runId: number; readonly kind: RunKind; readonly scenario: Scenario; readonly passes: number; readonly seed: Seed }
  | { readonly type: 'cancel'; readonly runId: number };

/** Worker to page: progress, the result (with the worker's own time), a cancellation, or problems. */
export type RunResponse =
  | { readonly type: 'progress'; readonly runId: number; readonly passesDone: number; readonly passes: number }
  | { readonly type: 'result'; readonly runId: number; readonly result: SimulationResult; readonly workerMs: number }
  | { readonly type: 'cancelled'; readonly runId: number }
  | { readonly type: 'error'; readonly runId: number; readonly problems: readonly Problem[] };
