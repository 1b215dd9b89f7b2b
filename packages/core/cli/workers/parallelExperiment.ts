/**
 * Experiments over worker threads: units (one block of one experiment) are handed out in chunks
 * on the shared worker pool (pool.ts). Counts hold whole numbers and are added at their
 * experiments' offsets, so the result is byte-identical whatever the number of workers.
 */
import { experimentsOfUnits, passesInRange, runExperimentUnits, type BlockRange, type ExperimentCounts, type ExperimentPlan } from '../../src/index.js';
import { runChunks, type WorkerPool } from './pool.js';

/**
 * Units per task: whole experiments when an experiment has at most 100 blocks (about 16 tasks
 * per worker, at most 100 blocks a task, so progress stays lively), else 100 blocks.
 */
export function chunkUnits(plan: ExperimentPlan, range: BlockRange, workers: number): number {
  if (plan.blocks > 100) return 100;
  const experiments = Math.ceil((range.to - range.from) / plan.blocks);
  return plan.blocks * Math.max(1, Math.min(Math.floor(100 / plan.blocks), Math.ceil(experiments / (workers * 16))));
}

/**
 * Counts units `range` of an experiment on `workers` threads (in this thread when 1).
 *
 * @example
 * const { counts } = await experimentInParallel(plan, { from: 0, to: plan.units }, { workers: 2 });
 * summarizeExperiment(plan, counts); // the same bytes as runExperiment(...)
 */
export async function experimentInParallel(
  plan: ExperimentPlan,
  range: BlockRange,
  { workers = 1, onProgress, pool }: { workers?: number; onProgress?: (passesDone: number) => void; pool?: WorkerPool } = {},
): Promise<ExperimentCounts> {
  if (workers <= 1 || range.to - range.from <= 1) return runExperimentUnits(plan, range, onProgress === undefined ? {} : { onProgress });
  const experiments = experimentsOfUnits(plan, range);
  const start = plan.offsets[experiments.from]!;
  const counts = new Float64Array(plan.offsets[experiments.to]! - start);
  const key = `experiment/${plan.manifest.designHash}/${plan.manifest.scenarios.map((s) => s.scenarioHash).join(',')}`;
  const { design, scenarios } = plan;
  const passes = design.passes;
  let passesDone = 0;
  await runChunks(
    range,
    chunkUnits(plan, range, workers),
    workers,
    pool,
    (from, to) => ({ kind: 'experiment', key, design, scenarios, from, to }),
    (from, to, part) => {
      const at = plan.offsets[experimentsOfUnits(plan, { from, to }).from]! - start;
      for (let k = 0; k < part.length; k++) counts[at + k]! += part[k]!;
      // Passes done: each unit is one block of its experiment.
      for (let unit = from; unit < to; unit++) passesDone += passesInRange({ from: unit % plan.blocks, to: (unit % plan.blocks) + 1 }, passes);
      onProgress?.(passesDone);
    },
  );
  return { experiments, counts };
}
