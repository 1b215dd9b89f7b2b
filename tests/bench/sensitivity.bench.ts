/**
 * Sensitivity speed: the full tornado of the default scenario (every ally's three stance centers
 * and solidarity cost, every event's probability, down and up) at 20,000 passes per point, on one
 * thread and on 2 worker threads (issue 6 asks for seconds, not minutes). For scale it also
 * times what the naive way would cost: one separate 20,000-pass run per moved point.
 */
import { existsSync, readFileSync } from 'node:fs';
import { prepareRun, prepareTornado, runPreparedBlocks, runTornadoBlocks, summarizeTornado } from '../../packages/core/src/index.js';
import { sensitivityPool, tornadoInParallel } from '../../packages/core/cli/commands/sensitivity.js';

const DEFAULT = 'examples/scenarios/nato-russia-2025.json';
const FIXTURE = 'tests/fixtures/toy-32.json';
const PASSES = 20_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export default async function bench(): Promise<void> {
  const path = existsSync(DEFAULT) ? DEFAULT : FIXTURE;
  const scenario = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  const settings = { passes: PASSES, seed: 'bench' };
  const plan = prepareTornado(scenario, settings);
  const points = plan.points.length;
  console.log(
    `scenario: ${path} (${plan.scenario.allies.length} allies, ${plan.scenario.events.length} events, ${plan.scenario.options.length} options); ` +
      `${points / 2} parameters x 2 directions = ${points} moved points + the base, ${PASSES.toLocaleString('en-US')} passes each`,
  );

  // Warm up, then one full run on this thread.
  runTornadoBlocks(plan, { from: 0, to: 4 });
  let start = performance.now();
  let cpu = process.cpuUsage();
  const single = summarizeTornado(plan, runTornadoBlocks(plan, { from: 0, to: plan.blocks }));
  const singleMs = performance.now() - start;
  const singleCpu = process.cpuUsage(cpu).user / 1000;
  console.log(`full tornado, 1 thread:    ${seconds(singleMs)} (CPU ${seconds(singleCpu)})`);

  // 2 workers: first with threads started for the call (what `concert sensitivity tornado
  // --workers 2` does; each tsx worker loads and compiles the core first), then on a warm pool.
  start = performance.now();
  let parallel = await tornadoInParallel(scenario, settings, { workers: 2 });
  const coldMs = performance.now() - start;
  const pool = sensitivityPool(2);
  const times: number[] = [];
  const cpus: number[] = [];
  try {
    await tornadoInParallel(scenario, { ...settings, passes: 2000 }, { workers: 2, pool }); // start and warm the threads
    for (let repeat = 0; repeat < 3; repeat++) {
      start = performance.now();
      cpu = process.cpuUsage();
      parallel = await tornadoInParallel(scenario, settings, { workers: 2, pool });
      times.push(performance.now() - start);
      cpus.push(process.cpuUsage(cpu).user / 1000);
    }
  } finally {
    await pool.destroy();
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  console.log(`full tornado, 2 workers:   ${seconds(times[1]!)} on started threads (median of 3, range ${seconds(times[0]!)}-${seconds(times[2]!)}; CPU of all threads ${seconds(cpus[1]!)}); ${seconds(coldMs)} including starting 2 tsx workers`);
  console.log(`on an idle 2-core machine the 2-worker run would take about CPU / 2 = ${seconds(cpus[1]! / 2)} on started threads (an estimate, not a measurement)`);
  console.log(`same bytes on 1 thread and 2 workers: ${JSON.stringify(single) === JSON.stringify(parallel) ? 'yes' : 'NO'}`);

  // The naive way: a separate run of the moved scenario per point (timed on a few points).
  const run = prepareRun(scenario, settings);
  runPreparedBlocks(run, { from: 0, to: 4 });
  start = performance.now();
  runPreparedBlocks(run, { from: 0, to: run.blocks });
  const oneRunMs = performance.now() - start;
  console.log(
    `naive estimate (${points + 1} separate ${PASSES.toLocaleString('en-US')}-pass runs, 1 thread): ${seconds(oneRunMs * (points + 1))} ` +
      `(one run: ${seconds(oneRunMs)}); the paired tornado is ${((oneRunMs * (points + 1)) / singleMs).toFixed(1)}x faster`,
  );
  console.log('note: the machine\'s 2 cores are shared with other jobs while these figures are taken; they are noisy');
}
