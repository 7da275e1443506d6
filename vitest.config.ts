import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath } from 'node:url'

// Four suites: pure Node units (+ fixtures), real-HTTP integration against the Demo MLS, hostile servers for the
// security review, and renderer units in happy-dom. The Playwright E2E suite has its own config
// (test/e2e/vitest.config.ts) because it needs a build.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          exclude: ['test/unit/renderer/**'],
          environment: 'node',
          // property tests run hundreds of cases: on a loaded 2-core machine 5 s is not enough, and no test asserts speed
          testTimeout: 30_000
        }
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000
        }
      },
      {
        test: {
          // hostile servers on 127.0.0.1, one test per attack of the security review (issue 17)
          name: 'security',
          include: ['test/security/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000
        }
      },
      {
        plugins: [vue()],
        // files under src-renderer/public are served from the root in the app (`/icon.svg`)
        resolve: { alias: { '/icon.svg': fileURLToPath(new URL('src-renderer/public/icon.svg', import.meta.url)) } },
        test: {
          name: 'renderer',
          include: ['test/unit/renderer/**/*.test.ts'],
          environment: 'happy-dom',
          // mounting the workbench shell imports Monaco's glue: seconds on a loaded machine, not a hang
          testTimeout: 30_000
        }
      }
    ]
  }
})
