import { configDefaults, defineConfig } from 'vitest/config';

// One config for the whole workspace, in two projects. `node`: unit, statistical, property and CLI
// tests, in Node; tests that need a DOM opt in per file with `// @vitest-environment jsdom`.
// `browser`: the notebook in real headless Chromium; its global setup finds or sets up the browser
// once per run, and only when a browser test is selected.
// `@concert/core` (imported by the notebook's sources) resolves to the core's TypeScript sources
// through its `@concert/source` export condition, in Node and in jsdom tests alike.
// The lists after it are Vite's defaults (`defaultClientConditions`, `defaultServerConditions`).
const SOURCE_CONDITION = '@concert/source';

export default defineConfig({
  resolve: { conditions: [SOURCE_CONDITION, 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, 'module', 'node', 'development|production'] } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      { extends: true, test: { name: 'node', include: ['tests/**/*.test.ts'], exclude: [...configDefaults.exclude, 'tests/e2e/**'] } },
      { extends: true, test: { name: 'browser', include: ['tests/e2e/**/*.test.ts'], globalSetup: ['tests/e2e/globalSetup.ts'] } },
    ],
  },
});
