// `npm run cli -- <command>`: the workbench without a window, for scripts and quick checks. It drives the same
// handler table as the app (so validation, redaction and errors are identical) and prints JSON or CSV.
import { parseArgs } from 'node:util'
import { createWorkbench, type Workbench } from '../../app/workbench'
import { defaultUserDataDir } from '../../app/user-data'
import { APP_VERSION } from '../../app/version'
import type { ArgsOf, RequestChannel, ResultOf } from '../../../contract/ipc-contract'
import { retsFormatSchema, type QuerySpec } from '../../../contract/query-channels'
import { KINDS, queryLanguageOf } from '../../../contract/kinds'
import { redactor } from '../../platform/redaction/redactor'
import { SYNC_USAGE, syncCommand } from './sync-command'

const USAGE = `MLS Workbench CLI ${APP_VERSION}

Usage: npm run cli -- <command> [options]

Commands:
  profiles                               list connection profiles (Demo MLS ones included)
  connect  <profile>                     log in and print the server's facts
  metadata <profile> [--resource R --class C] [--lookup L]
                                         the metadata tree, a class's fields, or a lookup's values
  search   <profile> --query Q [--resource R --class C] [--format F] [--select a,b] [--limit N] [--all]
                                         run a DMQL2 (RETS), OData $filter (RESO) or SparkQL (Spark) query
  export   <profile> --query Q ... --out file.csv|file.json
                                         run the query and write every row to a file
${SYNC_USAGE}

Options: --no-demo (do not start the built-in Demo MLS), --user-data DIR
Secrets are read from the system keychain; nothing secret is printed.`

type Call = <C extends RequestChannel>(channel: C, args: ArgsOf<C>) => Promise<ResultOf<C>>

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      resource: { type: 'string' },
      class: { type: 'string' },
      lookup: { type: 'string' },
      query: { type: 'string', short: 'q' },
      format: { type: 'string' },
      select: { type: 'string' },
      limit: { type: 'string' },
      all: { type: 'boolean' },
      json: { type: 'boolean' },
      out: { type: 'string', short: 'o' },
      'no-demo': { type: 'boolean' },
      'user-data': { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  const [command, profileId] = positionals
  if (!command || values.help) {
    console.log(USAGE)
    return command ? 0 : 2
  }
  const workbench = await createWorkbench({
    mode: 'cli',
    version: APP_VERSION,
    userDataDir: values['user-data'] ?? defaultUserDataDir(),
    openExternal: async () => false,
    demo: !values['no-demo']
  })
  const call: Call = async (channel, args) => {
    const env = await workbench.registry.dispatch(channel, args, { transport: 'web' })
    if (!env.ok) throw env.error
    return env.value as never
  }
  try {
    const needProfile = (): string => {
      if (!profileId)
        throw { code: 'CLI_USAGE', message: `"${command}" needs a profile id (see: npm run cli -- profiles).` }
      return profileId
    }
    switch (command) {
      case 'profiles':
        print(await call('profiles:list', {}))
        return 0
      case 'connect':
        print(await call('session:connect', { profileId: needProfile() }))
        return 0
      case 'metadata': {
        const id = needProfile()
        await call('session:connect', { profileId: id })
        if (values.lookup && values.resource)
          print(await call('metadata:lookup', { profileId: id, resource: values.resource, lookup: values.lookup }))
        else if (values.resource && values.class)
          print(await call('metadata:fields', { profileId: id, resource: values.resource, class: values.class }))
        else print(await call('metadata:summary', { profileId: id }))
        return 0
      }
      case 'sync':
        return await syncCommand(workbench, call, positionals.slice(1), values)
      case 'search':
      case 'export':
        return await runQuery(workbench, call, needProfile(), command === 'export', values)
      default:
        console.error(`Unknown command "${command}".\n\n${USAGE}`)
        return 2
    }
  } catch (err) {
    const e = err as { code?: string; message?: string; hint?: string; detail?: string }
    console.error(redactor.text(`Error ${e.code ?? ''}: ${e.message ?? String(err)}`))
    if (e.detail) console.error(redactor.text(e.detail))
    if (e.hint) console.error(`Hint: ${e.hint}`)
    return 1
  } finally {
    await workbench.close()
  }
}

async function runQuery(
  workbench: Workbench,
  call: Call,
  profileId: string,
  toFile: boolean,
  v: Record<string, string | boolean | undefined>
): Promise<number> {
  const info = await call('session:connect', { profileId })
  const query = String(v.query ?? '')
  const select = typeof v.select === 'string' ? v.select.split(',').map((s) => s.trim()) : undefined
  const limit = typeof v.limit === 'string' ? Number(v.limit) : undefined
  const fetchAll = toFile || v.all === true
  let spec: QuerySpec
  const language = queryLanguageOf(info.kind)
  if (language === undefined) {
    throw { code: 'CLI_USAGE', message: `A ${KINDS[info.kind].label} profile has nothing to query.` }
  }
  if (language === 'dmql') {
    if (typeof v.resource !== 'string' || typeof v.class !== 'string') {
      throw { code: 'CLI_USAGE', message: `A ${KINDS[info.kind].label} search needs --resource and --class.` }
    }
    const format = retsFormatSchema.safeParse(v.format ?? 'COMPACT-DECODED')
    if (!format.success) {
      throw { code: 'CLI_USAGE', message: `--format is one of ${retsFormatSchema.options.join(', ')}.` }
    }
    spec = {
      kind: 'dmql',
      resource: v.resource,
      class: v.class,
      query,
      format: format.data,
      count: 1,
      standardNames: false,
      fetchAll,
      ...(select ? { select } : {}),
      ...(limit ? { limit } : {})
    }
  } else if (language === 'odata') {
    spec = {
      kind: 'odata',
      resource: typeof v.resource === 'string' ? v.resource : 'Property',
      count: true,
      fetchAll,
      ...(query ? { filter: query } : {}),
      ...(select ? { select } : {}),
      ...(limit ? { top: limit } : {})
    }
  } else {
    spec = {
      kind: 'spark',
      fetchAll,
      ...(query ? { filter: query } : {}),
      ...(select ? { select } : {}),
      ...(limit ? { maxRows: limit } : {})
    }
  }
  const { jobId, resultId } = await call('query:run', { profileId, spec })
  await workbench.jobs.settled(jobId)
  const job = workbench.jobs.list().find((j) => j.jobId === jobId)
  if (job?.state === 'failed' && job.error) throw job.error
  const summary = await call('results:summary', { resultId })
  if (typeof v.out === 'string') {
    const format = v.out.toLowerCase().endsWith('.json') ? 'json' : 'csv'
    const res = await call('results:export', { resultId, format, path: (await import('node:path')).resolve(v.out) })
    console.error(`${res.rows} rows written to ${res.path} (${res.bytes} bytes).`)
    return 0
  }
  const names = summary.columns.map((c) => c.name)
  console.log(names.join('\t'))
  for (let offset = 0; offset < summary.total; offset += 1000) {
    const page = await call('results:page', { resultId, offset, limit: 1000 })
    for (const row of page.rows) console.log(row.join('\t'))
  }
  console.error(
    `${summary.total} rows${summary.serverCount !== undefined ? ` of ${summary.serverCount} matching` : ''}.`
  )
  for (const w of summary.warnings) console.error(`Warning: ${w}`)
  return 0
}

function print(value: unknown): void {
  console.log(redactor.text(JSON.stringify(value, null, 2)))
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err))
    process.exit(1)
  }
)
