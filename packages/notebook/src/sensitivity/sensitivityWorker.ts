/**
 * The sensitivity worker: runs tornado, Sobol and discovery analyses off the main thread. A new
 * request supersedes the one in progress; "cancel" stops it between chunks.
 */
import { ConcertInputError } from '@concert/core';
import { runAnalysis } from './runAnalysis.js';
import type { SensitivityRequest, SensitivityResponse } from './sensitivityProtocol.js';

// Typed by hand: the DOM and WebWorker libraries cannot be loaded in one TypeScript program.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<SensitivityRequest>) => void) | null;
  postMessage(message: SensitivityResponse): void;
};

let latest = 0;
const cancelled = new Set<number>();
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToEvents = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });

async function execute(request: Exclude<SensitivityRequest, { type: 'cancel' }>): Promise<void> {
  const { id } = request;
  const started = performance.now();
  try {
    const outcome = await runAnalysis(request, {
      shouldStop: () => id !== latest || cancelled.has(id),
      yieldToEvents,
      onProgress: (done) => scope.postMessage({ type: 'progress', id, done }),
    });
    if (outcome === null) scope.postMessage({ type: 'cancelled', id });
    else scope.postMessage({ type: 'outcome', id, outcome, workerMs: performance.now() - started });
  } catch (error) {
    const problems = error instanceof ConcertInputError ? error.problems : [{ path: '', message: `the analysis failed: ${error instanceof Error ? error.message : String(error)}` }];
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
    void execute(request);
  }
};
