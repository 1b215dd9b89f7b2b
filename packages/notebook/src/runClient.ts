/**
 * The page's side of the run worker: starts runs with increasing ids, drops every message of a
 * run that is no longer the latest (stale results never reach the page), and records each run's
 * time as a `concert-run` performance measure.
 */
import type { Problem, Scenario, Seed, SimulationResult } from '@concert/core';
import type { RunKind } from './notebookState.js';
import type { RunRequest, RunResponse } from './runProtocol.js';

/** The part of a Worker the client uses (a fake in tests). */
export interface WorkerLike {
  postMessage(message: RunRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<RunResponse>) => void): void;
}

/** A run in progress. */
export interface ActiveRun {
  readonly runId: number;
  readonly kind: RunKind;
  readonly passes: number;
  readonly seed: Seed;
  readonly startedAt: number;
}

/** What the client tells the page. */
export interface RunHandlers {
  readonly onProgress?: (run: ActiveRun, passesDone: number) => void;
  readonly onResult?: (run: ActiveRun, result: SimulationResult, timing: { readonly totalMs: number; readonly workerMs: number }) => void;
  readonly onProblems?: (run: ActiveRun, problems: readonly Problem[]) => void;
  /** Called when the active run stops without a result (cancelled). */
  readonly onIdle?: () => void;
}

/**
 * Starts and cancels runs in a worker, delivering only the latest run's messages.
 *
 * @example
 * const client = new RunClient(new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }), { onResult: show });
 * client.start('quick', scenario, 4000, 42);
 */
export class RunClient {
  private nextId = 1;
  private active: ActiveRun | null = null;

  constructor(
    private readonly worker: WorkerLike,
    private readonly handlers: RunHandlers,
  ) {
    worker.addEventListener('message', (event) => this.receive(event.data));
  }

  /** The run in progress, if any. */
  get current(): ActiveRun | null {
    return this.active;
  }

  /** Starts a run; any run in progress is superseded and its messages are dropped. Returns the run id. */
  start(kind: RunKind, scenario: Scenario, passes: number, seed: Seed): number {
    const runId = this.nextId++;
    this.active = { runId, kind, passes, seed, startedAt: performance.now() };
    this.worker.postMessage({ type: 'run', runId, kind, scenario, passes, seed });
    return runId;
  }

  /** Cancels the run in progress, if any. */
  cancel(): void {
    if (this.active === null) return;
    this.worker.postMessage({ type: 'cancel', runId: this.active.runId });
    this.active = null;
    this.handlers.onIdle?.();
  }

  private receive(message: RunResponse): void {
    const run = this.active;
    if (run === null || message.runId !== run.runId) return; // stale: a newer run started, or this one was cancelled
    if (message.type === 'progress') this.handlers.onProgress?.(run, message.passesDone);
    else if (message.type === 'result') {
      this.active = null;
      const end = performance.now();
      performance.measure('concert-run', { start: run.startedAt, end, detail: { runId: run.runId, kind: run.kind, passes: run.passes, workerMs: message.workerMs } });
      this.handlers.onResult?.(run, message.result, { totalMs: end - run.startedAt, workerMs: message.workerMs });
    } else if (message.type === 'error') {
      this.active = null;
      this.handlers.onProblems?.(run, message.problems);
    } else {
      this.active = null;
      this.handlers.onIdle?.();
    }
  }
}
