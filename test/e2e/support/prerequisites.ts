// What driving the renderer needs on this machine: Debian's chromium and the built renderer. Light on imports, so
// the bench's parent can check them (and skip its metadata-tree case with a reason) without loading the app.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { repoRoot } from '../../support/paths'

/** out/renderer, which `npm run build` writes and web mode serves */
export const rendererDir = path.join(repoRoot, 'out/renderer')

/** The chromium binary, or undefined when the machine has none. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    Boolean
  ) as string[]
  return candidates.find((c) => existsSync(c))
}

export function chromiumPath(): string {
  const found = findChromium()
  if (!found) throw new Error('Chromium not found: install it with `apt-get install -y chromium` or set CHROMIUM_PATH.')
  return found
}

export function rendererBuilt(): boolean {
  return existsSync(path.join(rendererDir, 'index.html'))
}
