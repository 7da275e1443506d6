// `npm run demo-mls -- --port 6103 --listings 5000 [--large] [--seed N]`: runs the Demo MLS in the foreground and
// prints where everything is and how to log in.
import { parseArgs } from 'node:util'
import { startDemoMls } from './server'
import type { DemoMlsOptions, RetsVersion } from './demo-context'
import { RETS_PATHS } from './rets/rets-login'
import { IDX_PATHS } from './idx/idx-routes'

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value.replace(/_/g, ''))
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a non-negative number, got "${value}"`)
  return n
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '6103' },
      host: { type: 'string' },
      listings: { type: 'string' },
      large: { type: 'boolean', default: false },
      seed: { type: 'string' },
      'rets-version': { type: 'string' },
      basic: { type: 'boolean', default: false },
      'ua-auth': { type: 'boolean', default: false },
      'max-rows': { type: 'string' },
      'session-timeout': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false }
    }
  })
  if (values.help) {
    process.stdout.write(
      'Usage: npm run demo-mls -- [--port 6103] [--listings 5000] [--large] [--seed N] [--rets-version 1.5|1.7.2|1.8]\n' +
        '                          [--basic] [--ua-auth] [--max-rows 2500] [--session-timeout SECONDS]\n'
    )
    return
  }
  const options: Partial<DemoMlsOptions> = {
    large: values.large,
    auth: values.basic ? 'basic' : 'digest',
    requireUaAuth: values['ua-auth']
  }
  const port = numberOption(values.port, 'port')
  const listings = numberOption(values.listings, 'listings')
  const seed = numberOption(values.seed, 'seed')
  const maxRows = numberOption(values['max-rows'], 'max-rows')
  const timeout = numberOption(values['session-timeout'], 'session-timeout')
  if (port !== undefined) options.port = port
  if (values.host) options.host = values.host
  if (listings !== undefined) options.listings = listings
  else if (values.large) options.listings = 1_000_000
  if (seed !== undefined) options.seed = seed
  if (maxRows !== undefined) options.maxRows = maxRows
  if (timeout !== undefined) options.sessionTimeoutSeconds = timeout
  if (values['rets-version']) {
    const v = values['rets-version']
    if (v !== '1.5' && v !== '1.7.2' && v !== '1.8') throw new Error('--rets-version must be 1.5, 1.7.2 or 1.8')
    options.retsVersion = v as RetsVersion
  }

  const started = Date.now()
  const mls = await startDemoMls(options)
  const o = mls.ctx.options
  const lines = [
    `Demo MLS listening on ${mls.url} (${o.listings.toLocaleString('en-US')} listings${o.large ? ', large mode' : ''}, seed ${o.seed}, started in ${Date.now() - started} ms)`,
    '',
    `  RETS ${o.retsVersion} login   ${mls.url}${RETS_PATHS.login}   (${o.auth}${o.requireUaAuth ? ', UA-auth required' : ''})`,
    `  IDX API login     ${mls.url}${IDX_PATHS.login}`,
    `  Listing Activity  ${mls.url}${RETS_PATHS.apiAccess}  (API key page, RETS credentials)`,
    `  Admin API         ${mls.url}/admin`,
    '',
    '  Users (username / password / UA password / User-Agent):',
    ...mls.ctx.users.map(
      (u) =>
        `    ${u.username.padEnd(6)} ${u.password.padEnd(11)} ${u.uaPassword.padEnd(14)} ${u.userAgent}   (${u.role})`
    ),
    '',
    'Ctrl+C to stop.'
  ]
  process.stdout.write(lines.join('\n') + '\n')
  const stop = (): void => {
    void mls.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err: unknown) => {
  process.stderr.write(`demo-mls: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
