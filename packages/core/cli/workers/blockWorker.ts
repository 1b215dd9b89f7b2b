/**
 * The worker thread's task: tally blocks `[from, to)` of a run. Loaded by piscina in each worker
 * thread (as blockWorker.ts under tsx, as blockWorker.js in the built package).
 */
import { prepareRun, runPreparedBlocks, type PreparedRun } from '../../src/run/simulate.js';
import type { BlockTask } from './blockTask.js';

let prepared: { key: string; run: PreparedRun } | undefined;

/** Tallies the task's blocks; the run is prepared once per worker and reused for later tasks. */
export default function tallyBlocks(task: BlockTask): Float64Array {
  if (prepared?.key !== task.runKey)
    prepared = { key: task.runKey, run: prepareRun(task.scenario, { passes: task.passes, seed: task.seed }) };
  return runPreparedBlocks(prepared.run, { from: task.from, to: task.to });
}
