/**
 * The worker side of the job protocol, written once for every worker: the latest job wins, a
 * cancel stops a job between chunks, progress and outcome are posted with the job's id, and an
 * input error becomes a list of problems (no stack trace reaches the page).
 */
import { ConcertInputError } from '@concert/core';
import type { JobRequest, JobResponse, JobRunner } from './jobProtocol.js';

/** The part of a worker's global scope the host uses (typed by hand: the DOM and WebWorker libraries cannot be loaded in one program). */
export interface WorkerScope<Job, Outcome> {
  onmessage: ((event: MessageEvent<JobRequest<Job>>) => void) | null;
  postMessage(message: JobResponse<Outcome>): void;
}

/**
 * A turn of the event loop through a message channel: unlike nested timeouts it is not clamped
 * to 4 ms, so yielding between chunks costs little.
 */
export function channelYield(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(0);
    });
}

/**
 * Serves jobs in a worker: each "start" runs `runner` (superseding the job in progress), each
 * "cancel" stops its job at the next chunk. `what` names the job in an unexpected failure.
 *
 * @example
 * // runWorker.ts
 * hostJobs(self as unknown as WorkerScope<RunJob, SimulationResult>, runJob, 'the run');
 */
export function hostJobs<Job, Outcome>(scope: WorkerScope<Job, Outcome>, runner: JobRunner<Job, Outcome>, what: string, yieldToEvents = channelYield()): void {
  let latest = 0;
  const cancelled = new Set<number>();

  async function execute(id: number, job: Job): Promise<void> {
    const started = performance.now();
    try {
      const outcome = await runner(job, {
        shouldStop: () => id !== latest || cancelled.has(id),
        yieldToEvents,
        onProgress: (done, of) => scope.postMessage({ type: 'progress', id, done, of }),
      });
      if (outcome === null) scope.postMessage({ type: 'cancelled', id });
      else scope.postMessage({ type: 'outcome', id, outcome, workerMs: performance.now() - started });
    } catch (error) {
      const problems = error instanceof ConcertInputError ? error.problems : [{ path: '', message: `${what} failed: ${error instanceof Error ? error.message : String(error)}` }];
      scope.postMessage({ type: 'error', id, problems });
    } finally {
      cancelled.delete(id);
    }
  }

  scope.onmessage = (event) => {
    const request = event.data;
    if (request.type === 'cancel') cancelled.add(request.id);
    else {
      latest = request.id;
      void execute(request.id, request.job);
    }
  };
}
