// A newcomer finds a channel's handler from its prefix: `metadata:*` in handlers/metadata-handlers.ts, and so on.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { requestChannelNames } from '../../../contract/ipc-contract'
import { repoRoot } from '../../support/paths'

const handlersDir = path.join(repoRoot, 'src-main/handlers')
// the file name says the prefix; profiles keep their secrets, photo channels are `photos:*`
const PREFIXES: Record<string, string[]> = { profile: ['profiles', 'secrets'], photo: ['photos'] }
const CHANNEL_KEY = /^\s+'([a-z]+):[A-Za-z]+':/gm

describe('handler files', () => {
  it('hold the channels of their own prefix only, and every channel has its file', () => {
    const claimed: string[] = []
    for (const file of readdirSync(handlersDir).filter((f) => f.endsWith('-handlers.ts'))) {
      const stem = file.replace(/-handlers\.ts$/, '')
      const allowed = PREFIXES[stem] ?? [stem]
      const keys = [...readFileSync(path.join(handlersDir, file), 'utf8').matchAll(CHANNEL_KEY)]
      for (const m of keys) expect(allowed, `${file}: ${m[0].trim()}`).toContain(m[1])
      claimed.push(...keys.map((m) => m[0].trim().slice(1, -2)))
    }
    expect(claimed.sort()).toEqual([...requestChannelNames].sort())
  })
})
