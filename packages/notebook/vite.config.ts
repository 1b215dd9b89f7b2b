/**
 * Vite config of the notebook. The build is a static site with relative asset paths, so `dist/`
 * works from any static host or sub-folder. The core is imported from its TypeScript sources by
 * relative path (`../../core/src/index.js`), so nothing needs to be built first.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
