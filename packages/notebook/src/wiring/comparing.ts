/**
 * Compare: whenever a baseline is pinned and a newer result is on screen, the comparison worker
 * runs the core's `compareScenarios` of the baseline's scenario and the result's, at the result's
 * passes and seed, and puts it into the results store next to the baseline. A newer result (or a
 * new baseline) supersedes the comparison in progress; while a run is in progress the comparison
 * of the result it will replace is cancelled, leaving both cores to the run, and resumed if that
 * run is cancelled.
 */
import { formatProblem, type ComparisonResult, type SimulationResult } from '@concert/core';
import { belongsTo, type ComparisonState, type ResultsState } from '../notebookApp.js';
import type { Store } from '../store.js';
import type { CompareJob } from '../workers/compareJob.js';
import { JobClient, type WorkerLike } from '../workers/jobClient.js';

/** The comparison worker as the page sees it (a real module worker, or a fake in tests). */
export type CompareWorker = WorkerLike<CompareJob, ComparisonResult>;

const moduleWorker = (): CompareWorker => new Worker(new URL('../workers/compareWorker.ts', import.meta.url), { type: 'module' }) as unknown as CompareWorker;

/** Which baseline and result a comparison job compares. */
interface ComparedPair {
  readonly baseline: SimulationResult;
  readonly result: SimulationResult;
}

/**
 * Follows the results store: starts, supersedes and cancels comparisons as described above. It
 * acts in a microtask after each change of the store, on the store's value then, so its own
 * updates never interleave with another listener's. Each comparison's time is recorded as a
 * `concert-compare` performance measure.
 */
export function compareWithBaseline(results: Store<ResultsState>, createWorker: () => CompareWorker = moduleWorker): void {
  const change = (pair: ComparedPair, edit: (comparison: ComparisonState) => ComparisonState) => {
    const now = results.get();
    if (now.comparison !== null && now.comparison.baseline === pair.baseline && now.comparison.result === pair.result) results.set({ ...now, comparison: edit(now.comparison) });
  };
  const client = new JobClient<CompareJob, ComparisonResult, ComparedPair>(createWorker, {
    onProgress: (job, done, of) => change(job.info, (comparison) => ({ ...comparison, progress: done / of })),
    onOutcome: (job, outcome, timing) => {
      performance.measure('concert-compare', { start: job.startedAt, end: job.startedAt + timing.totalMs, detail: { passes: outcome.manifest.passes, paired: outcome.pairing.paired, workerMs: timing.workerMs } });
      change(job.info, (comparison) => ({ ...comparison, outcome, progress: 1 }));
    },
    onProblems: (job, problems) => change(job.info, (comparison) => ({ ...comparison, problems: problems.map(formatProblem) })),
  });

  function follow(): void {
    const now = results.get();
    const { baseline, result, running, comparison } = now;
    if (baseline === null || result === null || baseline === result) {
      if (client.current !== null) client.cancel();
      if (comparison !== null) results.set({ ...now, comparison: null });
      return;
    }
    const mine = belongsTo(comparison, now);
    if (mine && (comparison.outcome !== null || comparison.problems !== null)) return;
    if (running !== null) {
      // A newer result is on its way: comparing the one it will replace only slows the run down.
      if (client.current !== null) client.cancel();
      return;
    }
    const inProgress = client.current;
    if (mine && inProgress !== null && inProgress.info.baseline === baseline && inProgress.info.result === result) return;
    client.start({ baseline: baseline.scenario, current: result.scenario, passes: result.manifest.passes, seed: result.manifest.seed }, { baseline, result });
    results.set({ ...now, comparison: { baseline, result, passes: result.manifest.passes, progress: 0, outcome: null, problems: null } });
  }

  let scheduled = false;
  results.subscribe(() => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      follow();
    });
  });
}
