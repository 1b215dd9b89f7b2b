/**
 * Experiments at scale (issue 12): a 200-experiment Latin hypercube on the default scenario at
 * 5,000 passes each, on 2 worker threads, with the time per experiment next to a single run of
 * the same passes. The batch must not add more than 10%.
 *
 * The machine's cores are shared, so the figures are ratios within one run, and CPU time (all
 * threads of the process) is reported beside wall time: it does not depend on whether the two
 * workers got two cores. Compared:
 * - a single 5,000-pass run in this thread (the engine alone, warm), repeated;
 * - the batch in this thread (prepare, validate every experiment, run, summarize): its time per
 *   experiment against the single run is the batch's own overhead;
 * - the batch on 2 started workers: its CPU per experiment against the single run's CPU, and its
 *   wall time per experiment against half a single run (what 2 idle cores would give).
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  checkExperimentScenarios,
  prepareExperiment,
  prepareRun,
  runExperimentUnits,
  runPreparedBlocks,
  summarizeExperiment,
  type ExperimentDesign,
} from '../../packages/core/src/index.js';
import { experimentInParallel } from '../../packages/core/cli/workers/parallelExperiment.js';
import { createWorkerPool } from '../../packages/core/cli/workers/pool.js';

const DEFAULT = 'examples/scenarios/nato-russia-2025.json';
const PASSES = 5000;
const EXPERIMENTS = 200;

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (seconds: number) => `${(seconds * 1000).toFixed(1)} ms`;

export default async function bench(): Promise<void> {
  if (!existsSync(DEFAULT)) throw new Error(`experiments bench needs ${DEFAULT}`);
  const scenario = JSON.parse(readFileSync(DEFAULT, 'utf8')) as unknown;
  const design: ExperimentDesign = {
    fields: [
      { path: 'allies.HUN.hawkishness.center', lower: 0.15, upper: 0.6 },
      { path: 'allies.SVK.hawkishness.center', lower: 0.15, upper: 0.6 },
      { path: 'events.eastern-flank-incident.probability', lower: 0, upper: 0.6 },
    ],
    sampling: { method: 'latin-hypercube', samples: EXPERIMENTS },
    passes: PASSES,
    seed: 'bench',
  };
  const scenarios = [{ name: 'nato-russia-2025', scenario }];
  console.log(`design: Latin hypercube of ${EXPERIMENTS} points over 3 fields of ${DEFAULT}, ${PASSES.toLocaleString('en-US')} passes each`);

  // A single run of the same passes, in this thread, warm.
  const run = prepareRun(scenario, { passes: PASSES, seed: 'bench' });
  for (let k = 0; k < 3; k++) runPreparedBlocks(run, { from: 0, to: run.blocks });
  const singleWall: number[] = [];
  const singleCpu: number[] = [];
  for (let k = 0; k < 15; k++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    runPreparedBlocks(run, { from: 0, to: run.blocks });
    singleWall.push((performance.now() - start) / 1000);
    singleCpu.push(cpuSeconds(cpu));
  }
  const single = median(singleWall);
  const singleCpuMedian = median(singleCpu);
  console.log(`single run of ${PASSES.toLocaleString('en-US')} passes, 1 thread: ${ms(single)} (median of 15; CPU ${ms(singleCpuMedian)})`);

  // The batch in this thread.
  let start = performance.now();
  let cpu = process.cpuUsage();
  const plan = prepareExperiment(design, scenarios);
  checkExperimentScenarios(plan);
  const inThread = summarizeExperiment(plan, runExperimentUnits(plan, { from: 0, to: plan.units }).counts);
  const threadWall = (performance.now() - start) / 1000;
  const threadCpu = cpuSeconds(cpu);
  console.log(
    `batch, 1 thread: ${threadWall.toFixed(1)} s, ${ms(threadWall / EXPERIMENTS)} per experiment = ${((threadWall / EXPERIMENTS / single) * 100).toFixed(0)}% of a single run (CPU ${ms(threadCpu / EXPERIMENTS)} per experiment = ${((threadCpu / EXPERIMENTS / singleCpuMedian) * 100).toFixed(0)}%)`,
  );

  // The batch on 2 started workers (what `concert experiment --workers 2` does once its threads are up).
  const pool = createWorkerPool(2);
  try {
    const warm = prepareExperiment({ ...design, sampling: { method: 'latin-hypercube', samples: 4 } }, scenarios);
    await experimentInParallel(warm, { from: 0, to: warm.units }, { workers: 2, pool });
    const walls: number[] = [];
    const cpus: number[] = [];
    let same = true;
    for (let repeat = 0; repeat < 2; repeat++) {
      start = performance.now();
      cpu = process.cpuUsage();
      const parallelPlan = prepareExperiment(design, scenarios);
      checkExperimentScenarios(parallelPlan);
      const result = summarizeExperiment(parallelPlan, (await experimentInParallel(parallelPlan, { from: 0, to: parallelPlan.units }, { workers: 2, pool })).counts);
      walls.push((performance.now() - start) / 1000);
      cpus.push(cpuSeconds(cpu));
      same &&= JSON.stringify(result) === JSON.stringify(inThread);
    }
    const wall = Math.min(...walls);
    const cpuUsed = cpus[walls.indexOf(wall)]!;
    console.log(
      `batch, 2 workers: ${wall.toFixed(1)} s (best of 2: ${walls.map((w) => w.toFixed(1)).join(', ')} s), ${ms(wall / EXPERIMENTS)} per experiment; CPU of all threads ${ms(cpuUsed / EXPERIMENTS)} per experiment`,
    );
    const cpuRatio = cpuUsed / EXPERIMENTS / singleCpuMedian;
    const wallRatio = wall / EXPERIMENTS / (single / 2);
    console.log(`batch CPU per experiment / single run CPU: ${cpuRatio.toFixed(3)} (target <= 1.10: ${cpuRatio <= 1.1 ? 'met' : 'NOT met'})`);
    console.log(`batch wall per experiment on 2 workers / (single run / 2): ${wallRatio.toFixed(3)} (on 2 idle cores; ${wallRatio <= 1.1 ? 'met' : 'not met here'})`);
    console.log(`same bytes on 1 thread and 2 workers: ${same ? 'yes' : 'NO'}`);
  } finally {
    await pool.destroy();
  }
  const { loadavg } = await import('node:os');
  console.log(`load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other jobs share the 2 cores; compare ratios within this run)`);
}
