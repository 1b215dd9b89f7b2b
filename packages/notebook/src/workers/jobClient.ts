/**
 * The page side of the job protocol, written once for every worker: jobs get increasing ids, a
 * new job supersedes the one in progress, and every message of a job that is no longer the
 * latest is dropped, so a stale outcome never reaches the page.
 */
import type { Problem } from '@concert/core';
import type { JobRequest, JobResponse } from './jobProtocol.js';

/** The part of a Worker the client uses (a fake in tests). */
export interface WorkerLike<Job, Outcome> {
  postMessage(message: JobRequest<Job>): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<JobResponse<Outcome>>) => void): void;
}

/** A job in progress: its id, what the page attached to it, and when it started (`performance.now()`). */
export interface ActiveJob<Info> {
  readonly id: number;
  readonly info: Info;
  readonly startedAt: number;
}

/** What the client tells the page, for the latest job only. */
export interface JobHandlers<Outcome, Info> {
  readonly onProgress?: (job: ActiveJob<Info>, done: number, of: number) => void;
  readonly onOutcome?: (job: ActiveJob<Info>, outcome: Outcome, timing: { readonly totalMs: number; readonly workerMs: number }) => void;
  readonly onProblems?: (job: ActiveJob<Info>, problems: readonly Problem[]) => void;
  /** Called when the latest job stops without an outcome (cancelled). */
  readonly onIdle?: (job: ActiveJob<Info>) => void;
}

/**
 * Starts and cancels jobs in a worker (created on the first job), delivering only the latest job's messages.
 *
 * @example
 * const runs = new JobClient(() => new Worker(new URL('./runWorker.ts', import.meta.url), { type: 'module' }), { onOutcome: show });
 * runs.start({ scenario, passes: 4000, seed: 42 }, { kind: 'quick' });
 */
export class JobClient<Job, Outcome, Info> {
  private nextId = 1;
  private active: ActiveJob<Info> | null = null;
  private worker: WorkerLike<Job, Outcome> | null = null;

  constructor(
    private readonly createWorker: () => WorkerLike<Job, Outcome>,
    private readonly handlers: JobHandlers<Outcome, Info>,
  ) {}

  /** The job in progress, if any. */
  get current(): ActiveJob<Info> | null {
    return this.active;
  }

  /** Starts a job; the job in progress, if any, is superseded and its messages are dropped. Returns the job's id. */
  start(job: Job, info: Info): number {
    const id = this.nextId++;
    this.active = { id, info, startedAt: performance.now() };
    this.connect().postMessage({ type: 'start', id, job });
    return id;
  }

  /** Cancels the job in progress, if any. */
  cancel(): void {
    const job = this.active;
    if (job === null) return;
    this.connect().postMessage({ type: 'cancel', id: job.id });
    this.active = null;
    this.handlers.onIdle?.(job);
  }

  private connect(): WorkerLike<Job, Outcome> {
    if (this.worker === null) {
      this.worker = this.createWorker();
      this.worker.addEventListener('message', (event) => this.receive(event.data));
    }
    return this.worker;
  }

  private receive(message: JobResponse<Outcome>): void {
    const job = this.active;
    if (job === null || message.id !== job.id) return; // stale: a newer job started, or this one was cancelled
    if (message.type === 'progress') {
      this.handlers.onProgress?.(job, message.done, message.of);
      return;
    }
    this.active = null;
    if (message.type === 'outcome') this.handlers.onOutcome?.(job, message.outcome, { totalMs: performance.now() - job.startedAt, workerMs: message.workerMs });
    else if (message.type === 'error') this.handlers.onProblems?.(job, message.problems);
    else this.handlers.onIdle?.(job);
  }
}
