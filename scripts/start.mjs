// `npm start`: build when the sources changed, then launch Electron if its binary is installed; otherwise say so
// in one line and serve the same app in web mode on 127.0.0.1 (the URL is printed and opened).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIsStale } from './build-state.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const forceWeb = args.includes('--web')
const passThrough = args.filter((a) => a !== '--web')

if (buildIsStale(root)) {
  console.log('Building MLS Workbench…')
  const res = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: 'inherit'
    }
  )
  if (res.status !== 0) process.exit(res.status ?? 1)
}

function electronBinary() {
  try {
    const bin = createRequire(import.meta.url)('electron')
    return typeof bin === 'string' && existsSync(bin) ? bin : undefined
  } catch {
    return undefined
  }
}

// The main process streams large replies: a young generation capped at 4 MB semi-spaces keeps its RSS close to
// what it holds instead of letting V8 grow 16 MB ones and promote in-flight batches (measured: 150 MB OData page
// +9 MB instead of +34 MB, same speed). The same setting runs the benchmark's workers.
const MAIN_V8_FLAGS = ['--max-semi-space-size=4']
const bin = forceWeb ? undefined : electronBinary()
let child
if (bin) {
  child = spawn(bin, [`--js-flags=${MAIN_V8_FLAGS.join(' ')}`, root, ...passThrough], { stdio: 'inherit' })
} else {
  if (!forceWeb) {
    console.log(
      'Electron is not installed on this machine (its binary could not be downloaded) — starting web mode instead.'
    )
  }
  child = spawn(process.execPath, [...MAIN_V8_FLAGS, path.join(root, 'out/main/web.js'), ...passThrough], {
    stdio: 'inherit'
  })
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
