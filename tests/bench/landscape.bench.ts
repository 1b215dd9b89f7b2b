/**
 * Map of viable texts speed (issue 11 asks the notebook for a coarse map within 0.5 s of a change,
 * and a 41 x 41 map at 2,000 passes per cell within 3 s on 2 cores). Measures the core alone in
 * Node: coarse maps on one thread, the full map on one thread and on 2 worker threads (started
 * beforehand, as the notebook's workers are), with and without counting each cell's blockers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { landscape, prepareLandscape, runLandscapeBlocks, type LandscapeSettings } from '../../packages/core/src/index.js';
import { createWorkerPool } from '../../packages/core/cli/workers/pool.js';
import { landscapeInParallel } from '../../packages/core/cli/workers/parallelLandscape.js';

const DEFAULT = 'examples/scenarios/nato-russia-2025.json';
const FIXTURE = 'tests/fixtures/toy-32.json';

const ms = (x: number) => `${Math.round(x)} ms`;

/** Median wall and CPU time of `repeats` calls. */
async function time(repeats: number, run: () => unknown): Promise<{ wall: number; cpu: number; range: string }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await run();
    walls.push(performance.now() - start);
    cpus.push(process.cpuUsage(cpu).user / 1000);
  }
  walls.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  const middle = Math.floor(repeats / 2);
  return { wall: walls[middle]!, cpu: cpus[middle]!, range: `${ms(walls[0]!)}-${ms(walls.at(-1)!)}` };
}

export default async function bench(): Promise<void> {
  const path = existsSync(DEFAULT) ? DEFAULT : FIXTURE;
  const scenario = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  const seed = 'bench';
  const visibility = 0.6;
  console.log(`scenario: ${path}; visibility ${visibility}; times are medians (range), CPU is this thread's user time`);

  // Warm up the compiler.
  landscape(scenario, { passes: 250, seed, grid: 11, visibility });

  const coarse: [string, LandscapeSettings][] = [
    ['11 x 11 at 2,000 passes', { passes: 2000, seed, grid: 11, visibility }],
    ['41 x 41 at 250 passes (the first block)', { passes: 250, seed, grid: 41, visibility }],
    ['21 x 21 at 500 passes', { passes: 500, seed, grid: 21, visibility }],
  ];
  for (const [what, settings] of coarse)
    for (const blockers of [true, false]) {
      const t = await time(5, () => landscape(scenario, { ...settings, blockers }));
      console.log(`coarse map ${what}, ${blockers ? 'with' : 'without'} blockers, 1 thread: ${ms(t.wall)} (${t.range}; CPU ${ms(t.cpu)})`);
    }

  const full: LandscapeSettings = { passes: 2000, seed, grid: 41, visibility };
  const cellPasses = 41 * 41 * 2000;
  for (const blockers of [true, false]) {
    const settings = { ...full, blockers };
    const one = await time(3, () => landscape(scenario, settings));
    console.log(`41 x 41 at 2,000 passes, ${blockers ? 'with' : 'without'} blockers, 1 thread: ${ms(one.wall)} (${one.range}; CPU ${ms(one.cpu)}; ${((one.cpu * 1e3) / cellPasses).toFixed(2)} us per text and pass)`);
    const pool = createWorkerPool(2);
    try {
      await landscapeInParallel(scenario, { ...settings, passes: 500 }, { workers: 2, pool }); // start and warm the threads
      const two = await time(3, () => landscapeInParallel(scenario, settings, { workers: 2, pool }));
      const same = JSON.stringify(await landscapeInParallel(scenario, settings, { workers: 2, pool })) === JSON.stringify(landscape(scenario, settings));
      console.log(`41 x 41 at 2,000 passes, ${blockers ? 'with' : 'without'} blockers, 2 workers (started): ${ms(two.wall)} (${two.range}); same bytes as 1 thread: ${same ? 'yes' : 'NO'}`);
    } finally {
      await pool.destroy();
    }
  }
  // For scale: the plain engine loop with no shortcut would judge every text in every round.
  const plan = prepareLandscape(scenario, { ...full, passes: 250 });
  const t = await time(3, () => runLandscapeBlocks(plan, { from: 0, to: 1 }));
  console.log(`one block (250 passes) of the 41 x 41 map, blockers counted: ${ms(t.wall)} (CPU ${ms(t.cpu)})`);
  console.log("note: the machine's 2 cores are shared with other jobs while these figures are taken; compare them as ratios within one run");
}
