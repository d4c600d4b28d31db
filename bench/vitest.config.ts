import { defineConfig } from 'vitest/config'

/** `npm run bench:smoke`: the benchmark's own smoke test, apart from the project's test suite. */
export default defineConfig({
  test: {
    include: ['bench/**/*.test.ts'],
    setupFiles: ['test/setup/no-stray-errors.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
