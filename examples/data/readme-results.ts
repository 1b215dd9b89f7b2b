/**
 * `pnpm readme:results`: runs the default scenario at the headline seed and passes and rewrites
 * the README section between the headline markers. tests/scenario/readme-results.test.ts fails
 * when the committed table no longer matches a fresh run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { headlineMarkdown, headlineResult, replaceHeadline } from './headlineResults.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const readmePath = resolve(root, 'README.md');
const scenarioPath = resolve(root, 'examples/scenarios/nato-russia-2025.json');

try {
  const markdown = headlineMarkdown(headlineResult(JSON.parse(readFileSync(scenarioPath, 'utf8'))));
  writeFileSync(readmePath, replaceHeadline(readFileSync(readmePath, 'utf8'), markdown));
  console.log(markdown);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
