/**
 * The job protocol both workers speak: the page's JobClient (latest job wins, stale messages
 * dropped, cancel) and the worker's hostJobs (supersede, cancel between chunks, input errors as
 * problems), wired back to back in this thread.
 */
import { describe, expect, it } from 'vitest';
import { ConcertInputError, simulate, type SimulationResult } from '../../packages/core/src/index.js';
import { JobClient, type WorkerLike } from '../../packages/notebook/src/workers/jobClient.js';
import type { JobRequest, JobResponse, JobRunner } from '../../packages/notebook/src/workers/jobProtocol.js';
import { runJob, type RunJob } from '../../packages/notebook/src/workers/runJob.js';
import { hostJobs, type WorkerScope } from '../../packages/notebook/src/workers/workerHost.js';
import { fakeWorker } from './fakeWorker.js';
import { TOY, TOY_RESULT } from './fixtures.js';

/** A worker scope in this thread: the host's replies go straight to the listener. */
function inlineWorker<Job, Outcome>(runner: JobRunner<Job, Outcome>): WorkerLike<Job, Outcome> & { replies: JobResponse<Outcome>[] } {
  const replies: JobResponse<Outcome>[] = [];
  let listener: ((event: MessageEvent<JobResponse<Outcome>>) => void) | undefined;
  const scope: WorkerScope<Job, Outcome> = {
    onmessage: null,
    postMessage: (message) => {
      replies.push(message);
      listener?.({ data: message } as MessageEvent<JobResponse<Outcome>>);
    },
  };
  hostJobs(scope, runner, 'the job', () => new Promise((resolve) => setTimeout(resolve, 0)));
  return {
    replies,
    postMessage: (message) => scope.onmessage?.({ data: message } as MessageEvent<JobRequest<Job>>),
    addEventListener: (_type, l) => {
      listener = l;
    },
  };
}

describe('JobClient(createWorker, handlers)', () => {
  it('creates the worker on the first job, drops the messages of a superseded job and delivers the latest', () => {
    const { worker, sent, reply } = fakeWorker<string, SimulationResult>();
    let created = 0;
    const shown: string[] = [];
    const progress: number[] = [];
    const client = new JobClient<string, SimulationResult, string>(() => (created++, worker), { onOutcome: (job) => shown.push(job.info), onProgress: (_job, done) => progress.push(done) });
    expect(created).toBe(0);
    const first = client.start('a', 'first');
    const second = client.start('b', 'second');
    expect(created).toBe(1);
    expect(sent).toEqual([{ type: 'start', id: first, job: 'a' }, { type: 'start', id: second, job: 'b' }]);
    reply({ type: 'progress', id: first, done: 500, of: 1000 });
    reply({ type: 'outcome', id: first, outcome: TOY_RESULT, workerMs: 1 });
    expect(shown).toEqual([]);
    expect(progress).toEqual([]);
    reply({ type: 'progress', id: second, done: 250, of: 1000 });
    reply({ type: 'outcome', id: second, outcome: TOY_RESULT, workerMs: 1 });
    expect(progress).toEqual([250]);
    expect(shown).toEqual(['second']);
    expect(client.current).toBeNull();
  });

  it('cancel() tells the worker and ignores the cancelled job from then on', () => {
    const { worker, sent, reply } = fakeWorker<string, SimulationResult>();
    const outcomes: SimulationResult[] = [];
    let idle = 0;
    const client = new JobClient<string, SimulationResult, null>(() => worker, { onOutcome: (_job, result) => outcomes.push(result), onIdle: () => idle++ });
    const id = client.start('full', null);
    client.cancel();
    expect(sent.at(-1)).toEqual({ type: 'cancel', id });
    reply({ type: 'outcome', id, outcome: TOY_RESULT, workerMs: 1 });
    expect(outcomes).toEqual([]);
    expect(idle).toBe(1);
  });

  it('passes the worker problems on to the page', () => {
    const { worker, reply } = fakeWorker<string, SimulationResult>();
    const problems: string[] = [];
    const client = new JobClient<string, SimulationResult, null>(() => worker, { onProblems: (_job, list) => problems.push(...list.map((p) => p.path)) });
    const id = client.start('quick', null);
    reply({ type: 'error', id, problems: [{ path: 'passes', message: 'must be a whole number', value: 0 }] });
    expect(problems).toEqual(['passes']);
  });
});

describe('hostJobs(scope, runner, what) behind a JobClient', () => {
  it('runs the latest job to the same bytes as simulate(), and the superseded one stops', async () => {
    const worker = inlineWorker<RunJob, SimulationResult>(runJob);
    const outcomes: SimulationResult[] = [];
    const client = new JobClient<RunJob, SimulationResult, null>(() => worker, { onOutcome: (_job, result) => outcomes.push(result) });
    client.start({ scenario: TOY, passes: 60_000, seed: 1 }, null);
    client.start({ scenario: TOY, passes: 1_500, seed: 3 }, null);
    await expect.poll(() => outcomes.length, { timeout: 30_000 }).toBe(1);
    expect(JSON.stringify(outcomes[0])).toBe(JSON.stringify(simulate(TOY, { passes: 1_500, seed: 3 })));
    await expect.poll(() => worker.replies.some((r) => r.type === 'cancelled' && r.id === 1), { timeout: 30_000 }).toBe(true);
    expect(worker.replies.some((r) => r.type === 'outcome' && r.id === 1)).toBe(false);
  });

  it('turns an input error into problems and any other failure into one named problem', async () => {
    const worker = inlineWorker<string, string>(async (job) => {
      if (job === 'input') throw new ConcertInputError('bad', [{ path: 'passes', message: 'must be a whole number', value: 0.5 }]);
      throw new Error('boom');
    });
    const problems: string[][] = [];
    const client = new JobClient<string, string, null>(() => worker, { onProblems: (_job, list) => problems.push(list.map((p) => `${p.path}|${p.message}`)) });
    client.start('input', null);
    await expect.poll(() => problems.length).toBe(1);
    client.start('other', null);
    await expect.poll(() => problems.length).toBe(2);
    expect(problems).toEqual([['passes|must be a whole number'], ['|the job failed: boom']]);
  });
});
