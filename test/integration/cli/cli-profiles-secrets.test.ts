// Profiles and secrets from the command line, against a Demo MLS the test runs (so the CLI gets a real, separate
// server and a profile the user created): add / show / edit / export / rm, a secret through stdin, secrets from
// MLSWB_SECRET_* variables, `test` exit codes per failing layer — and the secret never shows up in argv, stdout,
// stderr or any file the CLI wrote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import {
  profileOutputSchema,
  profilesRemoveOutputSchema,
  profilesListOutputSchema,
  secretsSetOutputSchema,
  secretsStatusOutputSchema,
  testOutputSchema,
  cliErrorOutputSchema,
  CLI_EXIT
} from '../../../contract/cli-output'
import { addRetsProfile, cli, filesUnder, jsonOf, newUserData, type CliRun } from './cli-harness'

let mls: DemoMls
const PASSWORD = 'demo-pass'
const UA_PASSWORD = 'demo-ua-pass'

beforeAll(async () => {
  mls = await startDemoMls({ port: 0, listings: 60 })
})
afterAll(async () => {
  await mls.close()
})

function addProfile(userData: string, name: string): Promise<string> {
  return addRetsProfile(userData, mls.url, name)
}

/** The secret must not be in the arguments, the output, or any file under the user-data folder. */
function expectNoSecret(runs: CliRun[], userData: string, ...secrets: string[]): void {
  for (const secret of secrets) {
    for (const r of runs) {
      expect(r.argv.join(' ')).not.toContain(secret)
      expect(r.out).not.toContain(secret)
      expect(r.err).not.toContain(secret)
    }
    for (const f of filesUnder(userData)) expect(f.bytes.includes(secret), f.file).toBe(false)
  }
}

// each test starts several CLI processes (node + tsx + a Demo MLS): far slower than one call on a loaded machine
describe('CLI profiles and secrets', { timeout: 240_000 }, () => {
  it('adds, shows, edits, exports and removes a profile; every --json output matches its schema', async () => {
    const userData = newUserData()
    const id = await addProfile(userData, 'My MLS')
    expect(id).toBe('my-mls')
    const shown = jsonOf(profileOutputSchema, await cli(['profiles', 'show', id, '--json'], { userData, demo: false }))
    expect(shown).toMatchObject({ kind: 'rets', userName: 'demo', loginUrl: `${mls.url}/rets/Login` })
    const edited = await cli(['profiles', 'edit', id, '--rets-version', '1.8', '--page-size', '500', '--json'], {
      userData,
      demo: false
    })
    expect(jsonOf(profileOutputSchema, edited)).toMatchObject({ retsVersion: '1.8', limits: { pageSize: 500 } })
    const list = jsonOf(profilesListOutputSchema, await cli(['profiles', 'list', '--json'], { userData, demo: false }))
    expect(list.map((p) => p.id)).toEqual([id])
    const file = path.join(userData, 'exported.json')
    expect((await cli(['profiles', 'export', id, '--out', file], { userData, demo: false })).code).toBe(0)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ id, retsVersion: '1.8' })
    const rm = await cli(['profiles', 'rm', id, '--json'], { userData, demo: false })
    expect(jsonOf(profilesRemoveOutputSchema, rm)).toEqual({ profileId: id, deleted: true })
    const back = await cli(['profiles', 'import', file, '--json'], { userData, demo: false })
    expect(back.code, back.err).toBe(0)
  })

  it('refuses a bad field with exit code 2 and names it', async () => {
    const userData = newUserData()
    const r = await cli(
      ['profiles', 'add', '--kind', 'rets', '--name', 'X', '--login-url', 'ftp://x', '--user', 'u', '--json'],
      {
        userData,
        demo: false
      }
    )
    expect(r.code).toBe(CLI_EXIT.usage)
    expect(r.err).toMatch(/loginUrl/)
    expect(jsonOf(cliErrorOutputSchema, r).exitCode).toBe(CLI_EXIT.usage)
  })

  it('takes a secret through stdin (keychain) and the environment (CI); `test` says where it came from', async () => {
    const userData = newUserData()
    const id = await addProfile(userData, 'Keychain MLS')
    const runs: CliRun[] = []
    const set = await cli(['secrets', 'set', id, 'password', '--json'], {
      userData,
      demo: false,
      input: `${PASSWORD}\n`
    })
    runs.push(set)
    const stored = jsonOf(secretsSetOutputSchema, set)
    runs.push(await cli(['secrets', 'set', id, 'uaPassword'], { userData, demo: false, input: UA_PASSWORD }))
    if (stored.persistent) {
      // a keychain (scripts/with-keyring.sh): the next process finds the secret there
      expect(set.code).toBe(0)
      const status = await cli(['secrets', 'status', id, '--json'], { userData, demo: false })
      runs.push(status)
      expect(jsonOf(secretsStatusOutputSchema, status).secrets.find((s) => s.name === 'password')?.source).toBe(
        'keychain'
      )
      const test = await cli(['test', id, '--json'], { userData, demo: false })
      runs.push(test)
      expect(jsonOf(testOutputSchema, test).ok).toBe(true)
    } else {
      // no keychain: it says so, with the variable to use instead, and fails (nothing was saved)
      expect(set.code).toBe(CLI_EXIT.failed)
      expect(set.err).toContain('MLSWB_SECRET_KEYCHAIN_MLS_PASSWORD')
    }

    const ci = await addProfile(userData, 'CI MLS')
    const env = { MLSWB_SECRET_CI_MLS_PASSWORD: PASSWORD, MLSWB_SECRET_CI_MLS_UA_PASSWORD: UA_PASSWORD }
    const status = await cli(['secrets', 'status', ci, '--json'], { userData, demo: false, env })
    runs.push(status)
    const sources = jsonOf(secretsStatusOutputSchema, status).secrets
    expect(sources.find((s) => s.name === 'password')).toMatchObject({
      source: 'env',
      envVariable: 'MLSWB_SECRET_CI_MLS_PASSWORD'
    })
    const test = await cli(['test', ci], { userData, demo: false, env })
    runs.push(test)
    expect(test.code, test.err).toBe(0)
    expect(test.err).toMatch(/password of ci-mls was read from the environment/)
    const search = await cli(
      [
        'search',
        ci,
        '--resource',
        'Property',
        '--class',
        'A',
        '--query',
        '(LIST_15=|OV61GOJ13C0)',
        '--limit',
        '2',
        '--json'
      ],
      { userData, demo: false, env }
    )
    runs.push(search)
    expect(search.code, search.err).toBe(0)
    expectNoSecret(runs, userData, PASSWORD, UA_PASSWORD)
  })

  it('exit code 3 when the login is refused, 1 when the server cannot be reached; the wrong secret is not echoed', async () => {
    const userData = newUserData()
    const id = await addProfile(userData, 'Wrong MLS')
    const wrong = 'not-the-password-4711'
    const env = { MLSWB_SECRET_WRONG_MLS_PASSWORD: wrong, MLSWB_SECRET_WRONG_MLS_UA_PASSWORD: UA_PASSWORD }
    const test = await cli(['test', id, '--json'], { userData, demo: false, env })
    expect(test.code, test.out + test.err).toBe(CLI_EXIT.auth)
    expect(jsonOf(testOutputSchema, test).failedStep).toBe('auth')
    const connect = await cli(['connect', id], { userData, demo: false, env })
    expect(connect.code).toBe(CLI_EXIT.auth)
    await cli(['profiles', 'edit', id, '--login-url', 'http://127.0.0.1:9/rets/Login'], { userData, demo: false })
    const down = await cli(['test', id, '--json'], { userData, demo: false, env })
    expect(down.code).toBe(CLI_EXIT.failed)
    expect(jsonOf(testOutputSchema, down).failedStep).toBe('tcp')
    expectNoSecret([test, connect, down], userData, wrong)
  })

  it('never takes a secret value from argv', async () => {
    const userData = newUserData()
    const id = await addProfile(userData, 'Argv MLS')
    const r = await cli(['secrets', 'set', id, 'password', 'hunter2'], { userData, demo: false })
    expect(r.code).toBe(CLI_EXIT.usage)
    expect(r.err).toMatch(/stdin/)
  })
})
