import { describe, expect, it } from 'vitest';
import type { SimulationResult } from '../../packages/core/src/index.js';
import { RunClient, type WorkerLike } from '../../packages/notebook/src/runClient.js';
import type { RunRequest, RunResponse } from '../../packages/notebook/src/runProtocol.js';
import { TOY, TOY_RESULT } from './fixtures.js';

function fakeWorker() {
  const sent: RunRequest[] = [];
  let listener: ((event: MessageEvent<RunResponse>) => void) | undefined;
  const worker: WorkerLike = {
    postMessage: (message) => sent.push(message),
    addEventListener: (_type, l) => {
      listener = l;
    },
  };
  const reply = (message: RunResponse) => listener?.({ data: message } as MessageEvent<RunResponse>);
  return { worker, sent, reply };
}

describe('RunClient(worker, handlers)', () => {
  it('drops the messages of a superseded run and delivers the latest one', () => {
    const { worker, sent, reply } = fakeWorker();
    const shown: number[] = [];
    const progress: number[] = [];
    const client = new RunClient(worker, { onResult: (run) => shown.push(run.runId), onProgress: (_run, done) => progress.push(done) });
    const first = client.start('quick', TOY, 1000, 1);
    const second = client.start('quick', TOY, 1000, 2);
    expect(sent.map((m) => m.type)).toEqual(['run', 'run']);
    reply({ type: 'progress', runId: first, passesDone: 500, passes: 1000 });
    reply({ type: 'result', runId: first, result: TOY_RESULT, workerMs: 1 });
    expect(shown).toEqual([]);
    expect(progress).toEqual([]);
    reply({ type: 'progress', runId: second, passesDone: 250, passes: 1000 });
    reply({ type: 'result', runId: second, result: TOY_RESULT, workerMs: 1 });
    expect(progress).toEqual([250]);
    expect(shown).toEqual([second]);
    expect(client.current).toBeNull();
  });

  it('cancel() tells the worker and ignores the cancelled run from then on', () => {
    const { worker, sent, reply } = fakeWorker();
    const results: SimulationResult[] = [];
    let idle = 0;
    const client = new RunClient(worker, { onResult: (_run, result) => results.push(result), onIdle: () => idle++ });
    const runId = client.start('full', TOY, 50_000, 42);
    client.cancel();
    expect(sent.at(-1)).toEqual({ type: 'cancel', runId });
    reply({ type: 'result', runId, result: TOY_RESULT, workerMs: 1 });
    expect(results).toEqual([]);
    expect(idle).toBe(1);
  });

  it('passes the worker problems on to the page', () => {
    const { worker, reply } = fakeWorker();
    const problems: string[] = [];
    const client = new RunClient(worker, { onProblems: (_run, list) => problems.push(...list.map((p) => p.path)) });
    const runId = client.start('quick', TOY, 1000, 1);
    reply({ type: 'error', runId, problems: [{ path: 'passes', message: 'must be a whole number', value: 0 }] });
    expect(problems).toEqual(['passes']);
  });
});
