/**
 * Vite config of the notebook. The build is a static site with relative asset paths, so `dist/`
 * works from any static host or sub-folder.
 *
 * The page imports `@concert/core` as a workspace package. The core's package.json maps the export
 * condition `@concert/source` to its TypeScript sources, and this config (dev server, build and
 * the workers) asks for that condition first, so nothing needs to be built before `pnpm start`.
 * Without the condition (a published install) the same import finds the built `dist/`.
 */
import { defaultClientConditions, defineConfig } from 'vite';

/** The export condition under which `@concert/core` exposes its TypeScript sources. */
export const SOURCE_CONDITION = '@concert/source';

export default defineConfig({
  base: './',
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
