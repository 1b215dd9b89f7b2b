/**
 * The cross-check at scale: runs the C reference and the engine on scenarios for many passes and
 * prints every tally entry where they differ (docs/REFERENCE.md reports the figures).
 *
 *     pnpm exec tsx tests/reference/crossCheck.ts [--passes N] [--seed S]... [SCENARIO.json]...
 *
 * Defaults: 1,000,000 passes, seeds 42 and "cross-check", the three scenarios of the test.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PLAIN_FLAGS, compileModel1, countDifferences, engineCounts, referenceCounts } from './reference.js';

const { values, positionals } = parseArgs({
  options: { passes: { type: 'string', default: '1000000' }, seed: { type: 'string', multiple: true } },
  allowPositionals: true,
});
const passes = Number(values.passes);
if (!Number.isInteger(passes) || passes < 1) {
  process.stderr.write(`--passes must be a whole number of at least 1, got ${JSON.stringify(values.passes)}\n`);
  process.exit(2);
}
const seeds = values.seed ?? ['42', 'cross-check'];
const scenarios = positionals.length > 0 ? positionals : ['tests/fixtures/toy-32.json', 'examples/scenarios/nato-russia-2025.json', 'tests/fixtures/reference-mix.json'];

const binary = compileModel1(PLAIN_FLAGS);
let total = 0;
try {
  for (const path of scenarios) {
    const scenario: unknown = JSON.parse(readFileSync(path, 'utf8'));
    for (const text of seeds) {
      // A seed that reads as a whole number is the number seed, as `concert run --seed` takes it.
      const seed = /^(0|[1-9][0-9]*)$/.test(text) ? Number(text) : text;
      const differences = countDifferences(referenceCounts(binary, scenario, passes, seed), engineCounts(scenario, passes, seed));
      total += differences.length;
      console.log(`${path}, seed ${JSON.stringify(seed)}, ${passes.toLocaleString('en-US')} passes: ${differences.length === 0 ? 'every count equal' : `${differences.length} entries differ`}`);
      for (const difference of differences.slice(0, 20)) console.log(`  ${difference}`);
    }
  }
} finally {
  binary.remove();
}
process.exit(total === 0 ? 0 : 1);
