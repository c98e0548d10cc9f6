import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['test/support/pglite-template.ts'],
    // PGlite is single-threaded WASM: a few files at once is faster than many.
    maxWorkers: 2,
  },
});
