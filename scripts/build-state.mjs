// Decides whether out/ is older than the sources, so `npm start` and `npm test` build only when needed.
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const SOURCES = [
  'src-main',
  'src-renderer',
  'contract',
  'domain',
  'demo-mls',
  'resources',
  'electron.vite.config.ts',
  'package.json'
]
const OUTPUTS = ['out/main/index.js', 'out/main/web.js', 'out/preload/preload.cjs', 'out/renderer/index.html']

function newestMtime(p) {
  if (!existsSync(p)) return 0
  const st = statSync(p)
  if (!st.isDirectory()) return st.mtimeMs
  let max = st.mtimeMs
  for (const entry of readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, entry)))
  return max
}

export function buildIsStale(root) {
  const outputs = OUTPUTS.map((o) => path.join(root, o))
  if (!outputs.every((o) => existsSync(o))) return true
  const built = Math.min(...outputs.map((o) => statSync(o).mtimeMs))
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built)
}
