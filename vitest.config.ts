import { defineConfig } from 'vitest/config';

// One config for the whole workspace. Unit, statistical and property tests run in Node; tests
// that need a DOM opt in per file with `// @vitest-environment jsdom`.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
