/**
 * The run worker: runs the core off the main thread, so the page never freezes. A new run
 * supersedes the one in progress; "cancel" stops it between chunks.
 */
import { ConcertInputError, prepareRun, summarizeTally } from '@concert/core';
import { runInChunks } from './chunkedRun.js';
import type { RunRequest, RunResponse } from './runProtocol.js';

// Typed by hand: the DOM and WebWorker libraries cannot be loaded in one TypeScript program.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<RunRequest>) => void) | null;
  postMessage(message: RunResponse): void;
};

let latestRun = 0;
const cancelled = new Set<number>();

// A message-channel turn is not clamped like nested timeouts (4 ms), so yielding costs little.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToEvents = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });

async function execute(request: Extract<RunRequest, { type: 'run' }>): Promise<void> {
  const { runId, scenario, passes, seed } = request;
  const started = performance.now();
  const stopped = () => runId !== latestRun || cancelled.has(runId);
  try {
    const run = prepareRun(scenario, { passes, seed });
    const tally = await runInChunks(run, {
      shouldStop: stopped,
      yieldToEvents,
      onProgress: (passesDone) => scope.postMessage({ type: 'progress', runId, passesDone, passes }),
    });
    if (tally === null) {
      scope.postMessage({ type: 'cancelled', runId });
      return;
    }
    const result = summarizeTally(run.scenario, run.manifest, tally);
    scope.postMessage({ type: 'result', runId, result, workerMs: performance.now() - started });
  } catch (error) {
    const problems =
      error instanceof ConcertInputError ? error.problems : [{ path: '', message: `the run failed: ${error instanceof Error ? error.message : String(error)}` }];
    scope.postMessage({ type: 'error', runId, problems });
  } finally {
    cancelled.delete(runId);
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'cancel') cancelled.add(request.runId);
  else {
    latestRun = request.runId;
    void execute(request);
  }
};
