// Every job command against the CLI's built-in Demo MLS, as a child process: metadata reports in each format,
// metadata Δ between two profiles, an IDX sync (plan, run, plan), Listing Activity from a CSV, a saved query with
// {{variables}} from an environment, --var and a dynamic date — each --json output validated against its schema,
// and the exit codes 1, 2 and 4.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  activitySendOutputSchema,
  CLI_EXIT,
  cliErrorOutputSchema,
  connectOutputSchema,
  metadataOutputSchema,
  metadataVersionsOutputSchema,
  savedQueriesOutputSchema,
  diffOutputSchema,
  envOutputSchema,
  reportOutputSchema,
  runOutputSchema,
  syncOutputSchema
} from '../../../contract/cli-output'
import { repoRoot } from '../../support/paths'
import { cli, jsonOf, newUserData } from './cli-harness'

// each test starts several CLI processes (node + tsx + a Demo MLS): far slower than one call on a loaded machine
describe('CLI jobs against the Demo MLS', { timeout: 240_000 }, () => {
  it('writes the metadata report as HTML, Markdown, CSV and JSON', async () => {
    const userData = newUserData()
    for (const format of ['html', 'md', 'csv', 'json'] as const) {
      const out = path.join(userData, `dictionary.${format}`)
      const r = await cli(['report', 'demo-rets', '--out', out, '--json'], { userData })
      expect(r.code, r.err).toBe(0)
      expect(jsonOf(reportOutputSchema, r)).toMatchObject({ profileId: 'demo-rets', format, path: out })
      const text = readFileSync(out, 'utf8')
      if (format === 'html') expect(text).toMatch(/^<!doctype html>[\s\S]*Resource Property[\s\S]*<\/html>\n$/)
      if (format === 'md') expect(text).toMatch(/^# Metadata of [\s\S]*\| SystemName \| StandardName/)
      if (format === 'csv')
        expect(text.split('\r\n')[0]).toBe(
          'Resource,Class,SystemName,StandardName,LongName,ShortName,DBName,DataType,MaxLength,Precision,Interpretation,LookupName,Searchable,Required,Key,Description'
        )
      if (format === 'json') expect(JSON.parse(text)).toHaveProperty('resources')
      // stderr is not a terminal here: no progress bar redrawn with \r
      expect(r.err).not.toContain('\r')
    }
    const quiet = await cli(['report', 'demo-rets', '--out', path.join(userData, 'quiet.md'), '--quiet'], { userData })
    expect(quiet.code).toBe(0)
    expect(quiet.err).toBe('')
    expect(quiet.out).toMatch(/^Wrote .*quiet\.md/)
  })

  it('connect, metadata, run --list and diff --versions: --json matches the schemas', async () => {
    const userData = newUserData()
    const info = jsonOf(connectOutputSchema, await cli(['connect', 'demo-rets', '--json'], { userData }))
    expect(info.kind).toBe('rets')
    const fields = await cli(['metadata', 'demo-rets', '--resource', 'Property', '--class', 'A', '--json'], {
      userData
    })
    expect(jsonOf(metadataOutputSchema, fields)).toEqual(
      expect.arrayContaining([expect.objectContaining({ systemName: 'LIST_22' })])
    )
    expect(jsonOf(savedQueriesOutputSchema, await cli(['run', '--list', '--json'], { userData }))).toEqual([])
    const versions = await cli(['diff', 'demo-rets', '--versions', '--json'], { userData })
    expect(jsonOf(metadataVersionsOutputSchema, versions).length).toBeGreaterThan(0)
  })

  it('diffs the metadata of two profiles', async () => {
    const userData = newUserData()
    const r = await cli(['diff', 'demo-rets', 'demo-idx', '--json'], { userData })
    expect(r.code, r.err).toBe(0)
    const diff = jsonOf(diffOutputSchema, r)
    expect(diff.left).toBe('demo-rets')
    expect(diff.counts.added + diff.counts.removed + diff.counts.changed).toBe(diff.changes.length)
  })

  it('syncs an IDX SearchType: a plan, a run, then a plan with nothing left to do', async () => {
    const userData = newUserData()
    const args = (action: string): string[] => ['sync', action, 'demo-idx', '--resource', 'Agent', '--json']
    const plan = jsonOf(syncOutputSchema, await cli(args('plan'), { userData }))
    if (plan.action !== 'plan') throw new Error(`expected a plan report, got ${plan.action}`)
    expect(plan).toMatchObject({ target: 'Agent', storeCount: 0 })
    expect(plan.counts.new).toBe(plan.masterCount)
    const run = jsonOf(syncOutputSchema, await cli(args('run'), { userData }))
    expect(run).toMatchObject({ action: 'run', status: 'done', counts: { new: plan.counts.new } })
    const again = jsonOf(syncOutputSchema, await cli(args('plan'), { userData }))
    expect(again.counts).toEqual({ new: 0, updated: 0, deleted: 0, unchanged: plan.counts.new })
    // the IDX sync inspector's own command is gone: `sync` is the one for every kind
    const old = await cli(['idx', 'sync', 'demo-idx'], { userData })
    expect(old.code).toBe(CLI_EXIT.usage)
    expect(old.err).toContain('Unknown command "idx"')
  })

  it('sends listing views from a CSV; a bad row is named and nothing is sent (exit 2)', async () => {
    const userData = newUserData()
    const csv = path.join(userData, 'views.csv')
    writeFileSync(
      csv,
      'viewDate,supplierName,listingKey,viewCount,url\r\n2026-11-20,"Company A, Inc.",09-75,10,http://a.example/09-75\r\n2026-11-20,"Company A, Inc.",09-76,12,\r\n2026-11-21,,09-75,49,\r\n'
    )
    const r = await cli(['activity', 'send', 'demo-activity', csv, '--json'], { userData })
    expect(r.code, r.err).toBe(0)
    const sent = jsonOf(activitySendOutputSchema, r)
    expect(sent).toMatchObject({ events: 3, valid: true, reply: { status: 200, ok: true } })
    expect(sent.reply?.bodyExcerpt).toContain('<TotalViewCount>71</TotalViewCount>')

    const bad = path.join(userData, 'bad.csv')
    writeFileSync(bad, 'viewDate,listingKey,viewCount\n2026-13-45,09-75,many\n')
    const refused = await cli(['activity', 'send', 'demo-activity', bad, '--json'], { userData })
    expect(refused.code).toBe(CLI_EXIT.usage)
    const report = jsonOf(activitySendOutputSchema, refused)
    expect(report.reply).toBeUndefined()
    expect(report.issues.map((i) => i.field)).toEqual(
      expect.arrayContaining(['views[0].viewDate', 'views[0].listings[0].viewCount'])
    )
  })

  it('runs a saved query with variables from the environment file, --var and {{$today}}', async () => {
    const userData = newUserData()
    mkdirSync(path.join(userData, 'library'), { recursive: true })
    const now = new Date().toISOString()
    writeFileSync(
      path.join(userData, 'library', 'active-by-city.json'),
      JSON.stringify({
        id: 'active-by-city',
        name: 'Active by status',
        profileId: 'demo-reso',
        createdAt: now,
        updatedAt: now,
        spec: {
          kind: 'odata',
          resource: 'Property',
          filter: "StandardStatus eq '{{status}}' and ModificationTimestamp le {{$today+1d}}",
          select: ['ListingKey', 'StandardStatus'],
          top: 5,
          count: true,
          fetchAll: false
        }
      })
    )
    const envSet = await cli(['env', 'set', 'demo-reso', 'staging', 'status=Pending', '--json'], { userData })
    expect(jsonOf(envOutputSchema, envSet)).toMatchObject({
      active: 'staging',
      environments: { staging: { status: 'Pending' } }
    })
    const fromEnv = jsonOf(runOutputSchema, await cli(['run', 'Active by status', '--json'], { userData }))
    expect(fromEnv.variables).toEqual(['status', '$today+1d'])
    expect(fromEnv.rows?.length).toBeGreaterThan(0)
    expect(new Set(fromEnv.rows?.map((r) => r[fromEnv.columns.indexOf('StandardStatus')]))).toEqual(
      new Set(['Pending'])
    )

    const fromVar = jsonOf(
      runOutputSchema,
      await cli(['run', 'active-by-city', '--var', 'status=Active', '--json'], { userData })
    )
    expect(new Set(fromVar.rows?.map((r) => r[fromVar.columns.indexOf('StandardStatus')]))).toEqual(new Set(['Active']))

    // a secret-looking variable name is refused (environment files are plain JSON)
    const secretName = await cli(['env', 'set', 'demo-reso', 'staging', 'apiToken=abc'], { userData })
    expect(secretName.code).toBe(CLI_EXIT.usage)
    expect(secretName.err).toMatch(/looks like a secret/)

    // without the environment's value the placeholder is missing: exit 2 before anything is sent
    const fresh = newUserData()
    mkdirSync(path.join(fresh, 'library'))
    writeFileSync(
      path.join(fresh, 'library', 'active-by-city.json'),
      readFileSync(path.join(userData, 'library', 'active-by-city.json'))
    )
    const missing = await cli(['run', 'active-by-city', '--json'], { userData: fresh })
    expect(missing.code).toBe(CLI_EXIT.usage)
    expect(jsonOf(cliErrorOutputSchema, missing).error.code).toBe('VARIABLE_MISSING')
    expect(missing.err).toContain('{{status}}')
  })

  it('exit codes: 2 for a usage error, 4 when the server refuses, 1 when the job fails', async () => {
    const userData = newUserData()
    expect((await cli(['search', 'demo-rets', '--bogus'], { userData })).code).toBe(CLI_EXIT.usage)
    expect((await cli(['nonsense'], { userData })).code).toBe(CLI_EXIT.usage)
    const unfilled = await cli(['search', 'demo-reso', '--query', "City eq '{{city}}'", '--json'], { userData })
    expect(unfilled.code).toBe(CLI_EXIT.usage)
    expect(jsonOf(cliErrorOutputSchema, unfilled).error.code).toBe('VARIABLE_MISSING')
    const refused = await cli(['search', 'demo-reso', '--query', 'StandardStatus eq', '--json'], { userData })
    expect(refused.code, refused.err).toBe(CLI_EXIT.refused)
    writeFileSync(path.join(userData, 'a-file'), '')
    const failed = await cli(['report', 'demo-rets', '--out', path.join(userData, 'a-file', 'report.html')], {
      userData
    })
    expect(failed.code, failed.err).toBe(CLI_EXIT.failed)
  })

  it('prints help per command with examples, and completion scripts', async () => {
    const userData = newUserData()
    const help = await cli(['photos', '--help'], { userData })
    expect(help.code).toBe(0)
    expect(help.out).toMatch(/Usage:[\s\S]*Examples:[\s\S]*mlswb photos/)
    const bash = await cli(['completion', 'bash'], { userData })
    expect(bash.out).toContain('complete -o default -F _mlswb mlswb')
    expect(bash.out).toContain('sync) subs="plan run"')
  })

  it('runs through the package bin (bin/mlswb.mjs, what `npx mlswb` starts)', () => {
    const userData = newUserData()
    const r = spawnSync(process.execPath, ['bin/mlswb.mjs', 'profiles', '--json', '--user-data', userData], {
      cwd: repoRoot,
      encoding: 'utf8'
    })
    expect(r.status, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).map((p: { id: string }) => p.id)).toContain('demo-rets')
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> }
    expect(pkg.bin.mlswb).toBe('bin/mlswb.mjs')
  })
})
