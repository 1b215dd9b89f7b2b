/**
 * `pnpm bench`: runs every `tests/bench/*.bench.ts` in name order and prints its figures.
 * Each bench file exports `default async function (): Promise<void>` that prints its own lines.
 * `pnpm bench <word>` runs only the files whose name contains the word.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts') && (filter === undefined || name.includes(filter)))
  .sort();
console.log(`Concert benchmarks on Node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
for (const file of files) {
  console.log(`\n## ${file.replace('.bench.ts', '')}`);
  const bench = (await import(pathToFileURL(join(here, file)).href)) as { default: () => Promise<void> };
  await bench.default();
}
