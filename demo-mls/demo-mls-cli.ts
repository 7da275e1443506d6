// `npm run demo-mls -- --port 6103 --listings 5000 [--large] [--seed N]`: runs the Demo MLS in the foreground and
// prints where everything is and how to log in: every endpoint, the demo users and the demo OAuth clients.
import { parseArgs } from 'node:util'
import { startDemoMls } from './server'
import type { DemoMlsOptions, RetsVersion } from './demo-context'
import { RETS_PATHS } from './rets/rets-login'
import { IDX_PATHS } from './idx/idx-routes'
import { RESO_ROOT } from './reso/reso-routes'
import { OAUTH_PATHS } from './oauth/oauth-routes'
import { SPARK_ROOT } from './spark/spark-routes'
import { TRACKING_BASE } from './activity/activity-routes'
import { DEMO_SCOPES } from './oauth/token-registry'
import type { DemoMls } from './server'
import { QUIRKS, QUIRK_NAMES, parseQuirkList } from './quirks/quirk-catalogue'

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
      'photo-bytes': { type: 'string' },
      quirks: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false }
    }
  })
  if (values.help) {
    process.stdout.write(
      'Usage: npm run demo-mls -- [--port 6103] [--listings 5000] [--large] [--seed N] [--rets-version 1.5|1.7.2|1.8]\n' +
        '                          [--basic] [--ua-auth] [--max-rows 2500] [--session-timeout SECONDS]\n' +
        '                          [--photo-bytes N]   (pad every photo to N bytes, as real photos are)\n' +
        '                          [--quirks a,b|rets-*|all]   (play real-server variations; list: GET /admin/quirks)\n' +
        QUIRK_NAMES.map((n) => `    ${n.padEnd(32)} ${QUIRKS[n]}\n`).join('')
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
  const photoBytes = numberOption(values['photo-bytes'], 'photo-bytes')
  if (port !== undefined) options.port = port
  if (values.host) options.host = values.host
  if (listings !== undefined) options.listings = listings
  else if (values.large) options.listings = 1_000_000
  if (seed !== undefined) options.seed = seed
  if (maxRows !== undefined) options.maxRows = maxRows
  if (timeout !== undefined) options.sessionTimeoutSeconds = timeout
  if (photoBytes !== undefined) options.photoBytes = photoBytes
  if (values.quirks) options.quirks = parseQuirkList(values.quirks)
  if (values['rets-version']) {
    const v = values['rets-version']
    if (v !== '1.5' && v !== '1.7.2' && v !== '1.8') throw new Error('--rets-version must be 1.5, 1.7.2 or 1.8')
    options.retsVersion = v as RetsVersion
  }

  const started = Date.now()
  const mls = await startDemoMls(options)
  const lines = banner(mls, Date.now() - started)
  process.stdout.write(lines.join('\n') + '\n')
  const stop = (): void => {
    void mls.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

function banner(mls: DemoMls, startMs: number): string[] {
  const o = mls.ctx.options
  const u = mls.url
  const row = (label: string, url: string, note = ''): string =>
    `  ${label.padEnd(27)} ${url}${note ? `   (${note})` : ''}`
  return [
    `Demo MLS listening on ${u} (${o.listings.toLocaleString('en-US')} listings${o.large ? ', large mode' : ''}, seed ${o.seed}, started in ${startMs} ms)`,
    '',
    row(`RETS ${o.retsVersion} login`, u + RETS_PATHS.login, `${o.auth}${o.requireUaAuth ? ', UA-auth required' : ''}`),
    row('RESO Web API service root', u + RESO_ROOT, `${u}${RESO_ROOT}/$metadata; Bearer token, scope odata`),
    row('OAuth2 token URL', u + OAUTH_PATHS.token, `authorize: ${u}${OAUTH_PATHS.authorize}`),
    row(
      'Spark API',
      u + SPARK_ROOT,
      `/listings, /standardfields; scope spark; JSON grant: ${u}${OAUTH_PATHS.sparkGrant}`
    ),
    row('IDX API login', u + IDX_PATHS.login, 'RETS users'),
    row(
      'Listing Activity tracking',
      u + TRACKING_BASE,
      'GET …/listing/<ListingId>/<apiKey>/tracker.gif, POST …/<apiKey>/'
    ),
    row('Listing Activity key page', u + RETS_PATHS.apiAccess, 'RETS credentials; makes the API key'),
    row('Admin API', `${u}/admin`, 'no auth'),
    ...(o.quirks.length ? ['', `  Quirks on: ${o.quirks.join(', ')}`] : []),
    '',
    `  OAuth clients (client id / client secret; scopes ${DEMO_SCOPES.join(', ')}):`,
    ...mls.ctx.oauthClients.map(
      (c) =>
        `    ${c.clientId} / ${c.clientSecret}`.padEnd(38) +
        `(client_credentials acts as ${c.actsAs}; password and authorization code grants for any user` +
        `${c.replication ? '; Spark replication key: _limit up to 1000' : ''})`
    ),
    '',
    '  Users (username / password / UA password / User-Agent):',
    ...mls.ctx.users.map(
      (x) =>
        `    ${x.username.padEnd(6)} ${x.password.padEnd(11)} ${x.uaPassword.padEnd(14)} ${x.userAgent}   (${x.role})`
    ),
    '',
    'Ctrl+C to stop.'
  ]
}

main().catch((err: unknown) => {
  process.stderr.write(`demo-mls: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
