/** A worker the tests drive by hand: what the page sent, and replies as the worker would send them. */
import type { WorkerLike } from '../../packages/notebook/src/workers/jobClient.js';
import type { JobRequest, JobResponse } from '../../packages/notebook/src/workers/jobProtocol.js';

/**
 * A fake worker for a job client: `sent` holds every message the page posted, `started()` the
 * start requests among them, and `reply(message)` delivers a message as from the worker.
 */
export function fakeWorker<Job, Outcome>() {
  const sent: JobRequest<Job>[] = [];
  let listener: ((event: MessageEvent<JobResponse<Outcome>>) => void) | undefined;
  const worker: WorkerLike<Job, Outcome> = {
    postMessage: (message) => sent.push(message),
    addEventListener: (_type, l) => {
      listener = l;
    },
  };
  const reply = (message: JobResponse<Outcome>) => listener?.({ data: message } as MessageEvent<JobResponse<Outcome>>);
  const started = () => sent.filter((m): m is Extract<JobRequest<Job>, { type: 'start' }> => m.type === 'start');
  return { worker, sent, reply, started };
}
