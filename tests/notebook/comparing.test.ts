/**
 * Comparisons in the notebook: the comparison job in chunks gives the bytes of the core's
 * compareScenarios (paired and unpaired) and stops when told; the wiring starts a comparison of
 * the baseline's scenario with each newer result at that result's passes and seed, cancels it
 * while a newer run is in progress, and never shows a comparison of an older or smaller result;
 * a baseline named by a link is re-run and pinned unless the user pins or clears one first.
 */
import { describe, expect, it } from 'vitest';
import { compareScenarios, simulate, type ComparisonResult, type SimulationResult } from '../../packages/core/src/index.js';
import { comparisonOf, NO_RESULTS, type ResultsState } from '../../packages/notebook/src/notebookApp.js';
import { Store } from '../../packages/notebook/src/store.js';
import { compareWithBaseline } from '../../packages/notebook/src/wiring/comparing.js';
import { pinLinkedBaseline } from '../../packages/notebook/src/wiring/linkedBaseline.js';
import { linkedBaselineOf } from '../../packages/notebook/src/wiring/link.js';
import type { RunJob } from '../../packages/notebook/src/workers/runJob.js';
import { compareJob, type CompareJob } from '../../packages/notebook/src/workers/compareJob.js';
import { fakeWorker } from './fakeWorker.js';
import { TOY } from './fixtures.js';

const hooks = (stopAfter = Number.POSITIVE_INFINITY) => {
  let chunks = 0;
  const progress: number[] = [];
  return {
    progress,
    shouldStop: () => chunks > stopAfter,
    yieldToEvents: async () => {
      chunks++;
    },
    onProgress: (done: number, of: number) => progress.push(done / of),
  };
};

describe('compareJob(job, hooks)', () => {
  const moved = structuredClone(TOY);
  (moved.allies[3]!.hawkishness as { center: number }).center = 0.8;

  it('gives the bytes of compareScenarios when paired, in chunks, with progress up to 1', async () => {
    const job: CompareJob = { baseline: TOY, current: moved, passes: 1500, seed: 'chunks' };
    const run = hooks();
    const outcome = await compareJob(job, { ...run });
    expect(JSON.stringify(outcome)).toBe(JSON.stringify(compareScenarios(TOY, moved, { passes: 1500, seed: 'chunks' })));
    expect(outcome!.pairing.paired).toBe(true);
    expect(run.progress.at(-1)).toBe(1);
  });

  it('gives the bytes of compareScenarios when the events differ (unpaired), running both scenarios in chunks', async () => {
    const fewer = { ...moved, events: moved.events.slice(1) };
    const run = hooks();
    const outcome = await compareJob({ baseline: TOY, current: fewer, passes: 1200, seed: 3 }, run);
    expect(JSON.stringify(outcome)).toBe(JSON.stringify(compareScenarios(TOY, fewer, { passes: 1200, seed: 3 })));
    expect(outcome!.pairing.paired).toBe(false);
    expect(run.progress.some((share) => share > 0.4 && share <= 0.5)).toBe(true);
    expect(run.progress.at(-1)).toBe(1);
  });

  it('stops between chunks when told, giving null', async () => {
    expect(await compareJob({ baseline: TOY, current: moved, passes: 50_000, seed: 1 }, hooks(0))).toBeNull();
  });
});

/** Lets the wiring act: it follows the store in a microtask. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('compareWithBaseline(results, createWorker)', () => {
  const pinned = simulate(TOY, { passes: 1000, seed: 'hague-2025' });
  const quick: SimulationResult = { ...simulate(TOY, { passes: 400, seed: 'hague-2025' }) };
  const full: SimulationResult = { ...simulate(TOY, { passes: 2000, seed: 'hague-2025' }) };
  const outcome = compareScenarios(TOY, TOY, { passes: 400, seed: 'hague-2025' });
  const running = { id: 9, info: null as never, startedAt: 0 };

  it('compares the baseline scenario with each newer result at its passes and seed, and shows only the comparison of the result on screen', async () => {
    const { worker, reply, started, sent } = fakeWorker<CompareJob, ComparisonResult>();
    const results = new Store<ResultsState>(NO_RESULTS);
    compareWithBaseline(results, () => worker);
    results.set({ ...results.get(), result: pinned });
    await settle();
    results.set({ ...results.get(), baseline: pinned });
    await settle();
    expect(started()).toHaveLength(0); // the pinned run itself: nothing to compare
    results.set({ ...results.get(), result: quick });
    await settle();
    expect(started().map((m) => [m.job.passes, m.job.seed, m.job.baseline === pinned.scenario, m.job.current === quick.scenario])).toEqual([[400, 'hague-2025', true, true]]);
    const first = started()[0]!.id;
    reply({ type: 'progress', id: first, done: 200, of: 400 });
    expect(results.get().comparison!.progress).toBe(0.5);
    expect(comparisonOf(results.get())).toBeNull();
    // "Full run" clicked: the comparison of the quick result is cancelled while the full run goes on.
    results.set({ ...results.get(), running });
    await settle();
    expect(sent.at(-1)).toEqual({ type: 'cancel', id: first });
    // The full result arrives: a comparison at its size starts; a late outcome of the first is dropped.
    results.set({ ...results.get(), running: null, result: full });
    await settle();
    const second = started().at(-1)!;
    expect([second.job.passes, second.job.current === full.scenario]).toEqual([2000, true]);
    reply({ type: 'outcome', id: first, outcome, workerMs: 1 });
    expect(comparisonOf(results.get())).toBeNull();
    reply({ type: 'outcome', id: second.id, outcome, workerMs: 1 });
    expect(comparisonOf(results.get())).toBe(outcome);
    expect(results.get().comparison!.result).toBe(full);
    // A quick run of another state later replaces the full result: its comparison is new, the old one is not shown with it.
    const later: SimulationResult = { ...quick };
    results.set({ ...results.get(), result: later });
    await settle();
    expect(comparisonOf(results.get())).toBeNull();
    expect(started().at(-1)!.job.current).toBe(later.scenario);
    // Clearing the baseline cancels and forgets the comparison.
    results.set({ ...results.get(), baseline: null });
    await settle();
    expect(sent.at(-1)!.type).toBe('cancel');
    expect(results.get().comparison).toBeNull();
  });

  it('resumes the comparison when the run that interrupted it is cancelled', async () => {
    const { worker, started } = fakeWorker<CompareJob, ComparisonResult>();
    const results = new Store<ResultsState>({ ...NO_RESULTS, baseline: pinned });
    compareWithBaseline(results, () => worker);
    results.set({ ...results.get(), result: quick });
    await settle();
    results.set({ ...results.get(), running });
    await settle();
    results.set({ ...results.get(), running: null });
    await settle();
    expect(started().map((m) => m.job.current === quick.scenario)).toEqual([true, true]);
  });

  it('shows the problems of a comparison that cannot run, without an outcome', async () => {
    const { worker, reply, started } = fakeWorker<CompareJob, ComparisonResult>();
    const results = new Store<ResultsState>({ ...NO_RESULTS, baseline: pinned });
    compareWithBaseline(results, () => worker);
    results.set({ ...results.get(), result: quick });
    await settle();
    reply({ type: 'error', id: started()[0]!.id, problems: [{ path: 'current.allies[3].salience', message: 'must be between 0 and 1' }] });
    expect(results.get().comparison!.problems).toEqual(['current.allies[3].salience: must be between 0 and 1']);
    expect(comparisonOf(results.get())).toBeNull();
  });
});

describe('pinLinkedBaseline(results, problems, createWorker): the baseline a link names', () => {
  const linked = { scenario: TOY, passes: 1000, seed: 'hague-2025' };
  const pinnedByLink = simulate(TOY, { passes: 1000, seed: 'hague-2025' });

  const noProblems = { show: () => undefined };

  it('re-runs the linked baseline at its passes and seed and pins the result; the link keeps naming it meanwhile', async () => {
    const { worker, reply, started } = fakeWorker<RunJob, SimulationResult>();
    const results = new Store<ResultsState>({ ...NO_RESULTS, linkedBaseline: linked });
    pinLinkedBaseline(results, noProblems, () => worker);
    await settle();
    expect(started().map((m) => m.job)).toEqual([linked]);
    expect(linkedBaselineOf(results.get())).toBe(linked);
    reply({ type: 'outcome', id: started()[0]!.id, outcome: pinnedByLink, workerMs: 1 });
    expect(results.get().baseline).toBe(pinnedByLink);
    expect(results.get().linkedBaseline).toBeNull();
    // The link now names the pinned run: the same scenario, passes and seed it was opened with.
    expect(linkedBaselineOf(results.get())).toEqual(linked);
    await settle();
    expect(started()).toHaveLength(1);
  });

  it('gives way to a baseline pinned or cleared by hand first: the re-run is cancelled and its late result dropped', async () => {
    const { worker, reply, started, sent } = fakeWorker<RunJob, SimulationResult>();
    const results = new Store<ResultsState>({ ...NO_RESULTS, linkedBaseline: linked });
    pinLinkedBaseline(results, noProblems, () => worker);
    await settle();
    const mine = simulate(TOY, { passes: 400, seed: 'mine' });
    results.set({ ...results.get(), baseline: mine, linkedBaseline: null });
    await settle();
    expect(sent.at(-1)).toEqual({ type: 'cancel', id: started()[0]!.id });
    reply({ type: 'outcome', id: started()[0]!.id, outcome: pinnedByLink, workerMs: 1 });
    expect(results.get().baseline).toBe(mine);
  });

  it('says why a linked baseline could not be re-run, and stops naming it', async () => {
    const { worker, reply, started } = fakeWorker<RunJob, SimulationResult>();
    const shown: string[][] = [];
    const results = new Store<ResultsState>({ ...NO_RESULTS, linkedBaseline: linked });
    pinLinkedBaseline(results, { show: (_heading, lines) => shown.push([...lines]) }, () => worker);
    await settle();
    reply({ type: 'error', id: started()[0]!.id, problems: [{ path: 'signal.formula', message: 'is too slow for 1000 passes' }] });
    expect(shown).toEqual([['signal.formula: is too slow for 1000 passes']]);
    expect(results.get().linkedBaseline).toBeNull();
    expect(results.get().baseline).toBeNull();
  });
});
