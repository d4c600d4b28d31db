import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'conformance/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    // Any unhandled rejection or uncaught exception fails the test it happened in.
    setupFiles: ['test/setup/no-stray-errors.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
})
