/**
 * Builds the notebook with Vite's JavaScript API into a folder, for the browser tests and the
 * benchmark (they then serve it as any static host would).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** The notebook package's folder. */
export const NOTEBOOK_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Builds the notebook into `outDir` (default: packages/notebook/dist) and returns that folder.
 *
 * @example
 * const dist = await buildNotebook({ outDir: '/tmp/concert-notebook' });
 */
export async function buildNotebook(options: { readonly outDir?: string } = {}): Promise<string> {
  const { outDir = resolve(NOTEBOOK_ROOT, 'dist') } = options;
  await build({ root: NOTEBOOK_ROOT, configFile: resolve(NOTEBOOK_ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}
