import { defineConfig } from 'vitest/config';

// One config for the whole workspace. Unit, statistical and property tests run in Node; tests
// that need a DOM opt in per file with `// @vitest-environment jsdom`.
// `@concert/core` (imported by the notebook's sources) resolves to the core's TypeScript sources
// through its `@concert/source` export condition, in Node and in jsdom tests alike.
// The lists after it are Vite's defaults (`defaultClientConditions`, `defaultServerConditions`).
const SOURCE_CONDITION = '@concert/source';

export default defineConfig({
  resolve: { conditions: [SOURCE_CONDITION, 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, 'module', 'node', 'development|production'] } },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
