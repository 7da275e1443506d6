// The contract's own rules: one file per channel prefix, every channel typed by an argument schema and a result
// schema, and the folder stands alone (main, the renderer and domain import it; it imports none of them).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ZodType } from 'zod'
import { channelGroups, eventChannels, requestChannels } from '../../../contract/ipc-contract'
import { CAPABILITIES, KINDS, PROFILE_KINDS, SECRET_LABELS, enteredSecrets } from '../../../contract/kinds'
import { repoRoot } from '../../support/paths'

const contractDir = path.join(repoRoot, 'contract')
const IMPORT_FROM = /\bfrom\s+['"]([^'"]+)['"]/g

function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT_FROM)].map((m) => m[1] ?? '')
}

/** Imports that leave the contract folder: anything but zod and files beside it. */
function outsideImports(source: string): string[] {
  return importsOf(source).filter((spec) => spec !== 'zod' && !/^\.\/[\w-]+$/.test(spec))
}

describe('the IPC contract', () => {
  it('keeps each prefix in its own channel file (profiles:* with the secrets:* of profiles)', () => {
    for (const [prefix, channels] of Object.entries(channelGroups)) {
      const allowed = prefix === 'profiles' ? ['profiles', 'secrets'] : [prefix]
      for (const channel of Object.keys(channels)) expect(allowed).toContain(channel.split(':')[0])
    }
    const grouped = Object.values(channelGroups).flatMap((g) => Object.keys(g))
    expect(grouped.sort()).toEqual(Object.keys(requestChannels).sort())
  })

  it('types every request by an argument schema and a result schema, and every event by a schema', () => {
    for (const [channel, def] of Object.entries(requestChannels)) {
      expect(def.args, channel).toBeInstanceOf(ZodType)
      expect(def.result, channel).toBeInstanceOf(ZodType)
    }
    for (const schema of Object.values(eventChannels)) expect(schema).toBeInstanceOf(ZodType)
  })

  it('has no test-only channels', () => {
    expect(Object.keys(requestChannels).filter((c) => /sample|test-only|debug/i.test(c))).toEqual([])
  })

  it('imports nothing of main, the renderer or domain', () => {
    const offenders = readdirSync(contractDir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => outsideImports(readFileSync(path.join(contractDir, f), 'utf8')).map((spec) => `${f}: ${spec}`))
    expect(offenders).toEqual([])
    // the check itself sees a stray import
    expect(outsideImports(`import type { X } from '../domain/metadata/metadata-model'`)).toHaveLength(1)
    expect(outsideImports(`import { z } from 'zod'\nimport { id } from './common-fields'`)).toEqual([])
  })
})

describe('the kinds table', () => {
  it('describes every profile kind with known capabilities and labelled secrets', () => {
    expect(Object.keys(KINDS).sort()).toEqual([...PROFILE_KINDS].sort())
    for (const kind of PROFILE_KINDS) {
      for (const cap of KINDS[kind].capabilities) expect(CAPABILITIES).toContain(cap)
      for (const name of enteredSecrets(kind)) expect(SECRET_LABELS[name]).toBeTruthy()
    }
    // a kind that can search has a query language for its editor, and only those
    for (const kind of PROFILE_KINDS) {
      const facts: { queryLanguage?: string; capabilities: readonly string[] } = KINDS[kind]
      expect(facts.capabilities.includes('search'), kind).toBe(facts.queryLanguage !== undefined)
    }
  })

  it('keeps the token expiry out of what the profile editor asks for', () => {
    expect(KINDS.reso.secrets).toContain('accessTokenExpiresAt')
    expect(enteredSecrets('reso')).not.toContain('accessTokenExpiresAt')
    expect(enteredSecrets('rets')).toEqual(['password', 'uaPassword', 'proxyPassword', 'postgresPassword'])
  })
})
