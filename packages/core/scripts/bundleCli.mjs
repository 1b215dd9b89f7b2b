/**
 * The package build's second step: bundles the `concert` command and its worker-thread task
 * module into one file each (dist/cli/concert.js, dist/cli/workers/worker.js), replacing the
 * per-file output of tsc for those two entry points. Node loads ES modules file by file, and
 * mathjs alone is about 1,260 files: loaded that way, every `concert` start spent 1.2-1.7 s of
 * CPU importing it; bundled, the whole command starts in a fraction of that. The library
 * (dist/src) stays unbundled, for bundlers and tree shaking. piscina stays external: it starts
 * its threads from its own files.
 */
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['piscina'],
  logLevel: 'warning',
  absWorkingDir: root,
  // CommonJS dependencies bundled into ESM need a real require for Node built-ins.
  banner: { js: "import { createRequire as __concertCreateRequire } from 'node:module'; const require = __concertCreateRequire(import.meta.url);" },
};
buildSync({ ...common, entryPoints: ['cli/concert.ts'], outfile: 'dist/cli/concert.js', define: { __CONCERT_BUNDLED_WORKER__: '"./workers/worker.js"' } });
buildSync({ ...common, entryPoints: ['cli/workers/worker.ts'], outfile: 'dist/cli/workers/worker.js' });
