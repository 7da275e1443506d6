import { defineConfig } from 'vitest/config'

// E2E: Debian chromium driven by playwright-core against web mode, which serves the built renderer (out/renderer).
export default defineConfig({
  test: {
    name: 'e2e',
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false
  }
})
