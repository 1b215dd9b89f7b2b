/**
 * Core engine speed: passes per second on one thread for a 32-ally, 6-option scenario with
 * 3 bargaining rounds. Issue 2 asked for at least half of a plain C loop's ~210,000 passes/s;
 * issue 10 (the rebuild into one rule, one file) for no less than the ~150,000 measured before it
 * on a quiet machine. `pnpm bench reference` measures the ratio to the C loop itself.
 */
import { readFileSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { prepareRun, runPreparedBlocks } from '../../packages/core/src/index.js';

const DEFAULT = 'examples/scenarios/nato-russia-2025.json';
const FIXTURE = 'tests/fixtures/toy-32.json';

export default async function bench(): Promise<void> {
  const path = existsSync(DEFAULT) ? DEFAULT : FIXTURE;
  const scenario = JSON.parse(readFileSync(path, 'utf8')) as { allies: unknown[]; options: unknown[] };
  const passes = 200_000;
  const run = prepareRun(scenario, { passes, seed: 'bench' });
  runPreparedBlocks(run, { from: 0, to: 40 }); // warm up the JIT
  const rates: number[] = [];
  for (let repeat = 0; repeat < 5; repeat++) {
    const start = performance.now();
    runPreparedBlocks(run, { from: 0, to: run.blocks });
    rates.push(passes / ((performance.now() - start) / 1000));
  }
  rates.sort((a, b) => a - b);
  const median = rates[2]!;
  console.log(`scenario: ${path} (${scenario.allies.length} allies, ${scenario.options.length} options, ${run.scenario.bargaining.maxRounds} rounds)`);
  console.log(`single thread: ${Math.round(median).toLocaleString('en-US')} passes/s (median of 5 runs of ${passes.toLocaleString('en-US')}; range ${Math.round(rates[0]!).toLocaleString('en-US')}-${Math.round(rates[4]!).toLocaleString('en-US')})`);
  const verdict = (target: number) => (median >= target ? 'met' : 'NOT met');
  console.log(`targets: >= 105,000 passes/s (issue 2: half of a plain C loop's ~210,000): ${verdict(105_000)}; >= 150,000 (issue 10: the speed before the rebuild, quiet machine): ${verdict(150_000)}`);
  console.log(`load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (2 shared cores; pnpm bench reference compares with C in the same run)`);
}
