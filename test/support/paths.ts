import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
export const repoRoot = path.resolve(here, '../..')
/** real captured server replies, kept in the repository (see test/fixtures/SOURCES.md) */
export const fixturesDir = path.join(repoRoot, 'test/fixtures')
