// Electron's own postinstall is disabled (allowScripts) because it downloads a binary that some machines
// cannot reach. We try the same download here and carry on without it: `npm start` falls back to web mode.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { spawnSync } from 'node:child_process'

const require = createRequire(import.meta.url)
let installer
try {
  installer = require.resolve('electron/install.js')
} catch {
  process.exit(0) // electron not installed (production install): nothing to fetch
}
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0)
const res = spawnSync(process.execPath, [installer], { stdio: 'pipe', timeout: 120_000 })
let ok = res.status === 0
try {
  ok = ok && existsSync(require('electron'))
} catch {
  ok = false
}
console.log(
  ok
    ? 'mls-workbench: Electron binary ready.'
    : 'mls-workbench: Electron binary could not be downloaded; `npm start` will use web mode (the app in your browser).'
)
