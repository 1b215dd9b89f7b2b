/**
 * Sensitivity speed: the full tornado of the default scenario (every ally's three stance centers
 * and solidarity cost, every event's probability, down and up) at 20,000 passes per point, on one
 * thread and on 2 worker threads (issue 6 asks for seconds, not minutes). For scale it also
 * times what the naive way would cost: one separate 20,000-pass run per moved point.
 */
import { existsSync, readFileSync } from 'node:fs';
import { prepareRun, prepareTornado, runPreparedBlocks, runTornadoBlocks, summarizeTornado } from '../../packages/core/src/index.js';
import { tornadoInParallel } from '../../packages/core/cli/commands/sensitivity.js';

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
  const single = summarizeTornado(plan, runTornadoBlocks(plan, { from: 0, to: plan.blocks }));
  const singleMs = performance.now() - start;
  console.log(`full tornado, 1 thread:    ${seconds(singleMs)}`);

  const times: number[] = [];
  let parallel = single;
  for (let repeat = 0; repeat < 3; repeat++) {
    start = performance.now();
    parallel = await tornadoInParallel(scenario, settings, { workers: 2 });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`full tornado, 2 workers:   ${seconds(times[1]!)} (median of 3, range ${seconds(times[0]!)}-${seconds(times[2]!)}; includes starting the workers)`);
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
