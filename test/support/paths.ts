import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
export const repoRoot = path.resolve(here, '../..')
export const fixturesDir = path.resolve(here, '../../../shared/fixtures')
