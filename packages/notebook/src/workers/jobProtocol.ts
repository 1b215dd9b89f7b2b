/**
 * Messages between the page and a job worker (the run worker and the sensitivity worker speak
 * the same protocol). Every message carries the id of the job it belongs to; a new job
 * supersedes the one in progress, and "cancel" stops a job between chunks.
 */
import type { Problem } from '@concert/core';

/** Page to worker: start a job (superseding any older one), or cancel one. */
export type JobRequest<Job> = { readonly type: 'start'; readonly id: number; readonly job: Job } | { readonly type: 'cancel'; readonly id: number };

/** Worker to page: progress (`done` of `of`), the outcome with the worker's own time, a cancellation, or problems. */
export type JobResponse<Outcome> =
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly of: number }
  | { readonly type: 'outcome'; readonly id: number; readonly outcome: Outcome; readonly workerMs: number }
  | { readonly type: 'cancelled'; readonly id: number }
  | { readonly type: 'error'; readonly id: number; readonly problems: readonly Problem[] };

/** What a job gets from its host: when to stop, how to give the event loop a turn, where to report progress. */
export interface JobHooks {
  /** True once the job is cancelled or superseded: the job then returns null at its next chunk. */
  readonly shouldStop: () => boolean;
  /** Gives the event loop a turn (so a cancel or a newer job can arrive). */
  readonly yieldToEvents: () => Promise<void>;
  /** Reports progress: `done` units of `of`. */
  readonly onProgress: (done: number, of: number) => void;
}

/** A job a worker runs: its outcome, or null when it stopped because it was told to. */
export type JobRunner<Job, Outcome> = (job: Job, hooks: JobHooks) => Promise<Outcome | null>;
