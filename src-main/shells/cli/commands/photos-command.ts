// `mlswb photos`: photo export without a window — keys given, read from a file, or the result of a query — into a
// folder, through the same export job as the app. A run stopped by Ctrl+C keeps what it wrote and its manifest;
// the next run with the same folder skips what is complete (resume is on unless --fresh).
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { CLI_EXIT, photosOutputSchema } from '../../../../contract/cli-output'
import { photoFetchModeSchema, type PhotoExportRequestArgs } from '../../../../contract/photo-channels'
import type { CliCommand } from '../cli-command'
import { csvOpt, intOpt, need, stringOpt } from '../cli-command'
import { usageError } from '../cli-exit'
import { QUERY_OPTIONS, specFor } from './search-command'

export const photosCommand: CliCommand = {
  name: 'photos',
  summary: 'export listing photos to a folder (resumable; Ctrl+C keeps what was written)',
  usage: [
    'photos <profile> --out DIR --keys K1,K2,… [--types Photo,…] [options]',
    'photos <profile> --out DIR --keys-file keys.txt',
    'photos <profile> --out DIR --query Q [--resource R --class C] [--key-column F]'
  ],
  examples: [
    'mlswb photos demo-rets --out ./photos --keys 3yd-LIST-1001,3yd-LIST-1002',
    'mlswb photos demo-reso --out ./photos --query "ModificationTimestamp ge {{$today-1d}}" --limit 200',
    'mlswb photos demo-rets --out ./photos --keys-file keys.txt   # run again after Ctrl+C to resume'
  ],
  options: {
    ...QUERY_OPTIONS,
    out: { type: 'string', short: 'o', help: 'destination folder (created when missing)' },
    keys: { type: 'string', help: 'listing keys, comma-separated' },
    'keys-file': { type: 'string', help: 'a file with one listing key per line' },
    'key-column': {
      type: 'string',
      help: "with --query: the column holding the keys (default: the resource's key field)"
    },
    types: { type: 'string', help: 'object types / media categories / sizes, comma-separated' },
    objects: { type: 'string', help: '* (all, default), 0 (preferred) or numbers: 1,2,3' },
    pattern: { type: 'string', help: 'file naming pattern, e.g. {ListingKey}/{ObjectId}.{ext}' },
    mode: { type: 'string', help: 'RETS: multipart | location | single' },
    batch: { type: 'string', help: 'listing keys per request' },
    concurrency: { type: 'string', help: 'parallel URL downloads' },
    fresh: { type: 'boolean', help: 'do not resume: fetch everything again' },
    verify: { type: 'string', help: 'on resume check files by hash (default) or size' },
    'retry-failed': { type: 'boolean', help: 'on resume ask again for objects that failed last time' }
  },
  async run(ctx, positionals, v) {
    const profileId = need(positionals[0], 'the profile id')
    const destination = path.resolve(need(stringOpt(v, 'out'), '--out DIR'))
    const resource = stringOpt(v, 'resource')
    await ctx.call('session:connect', { profileId })
    const options = await ctx.call('photos:options', { profileId, ...(resource ? { resource } : {}) })
    const types = csvOpt(v, 'types') ?? options.defaultTypes
    let keys = csvOpt(v, 'keys')
    const keysFile = stringOpt(v, 'keys-file')
    if (keysFile)
      keys = (await readFile(keysFile, 'utf8'))
        .split(/\r?\n/)
        .map((k) => k.trim())
        .filter(Boolean)
    let keysFrom: PhotoExportRequestArgs['keysFrom']
    if (!keys && stringOpt(v, 'query') !== undefined) {
      const spec = await specFor(ctx, profileId, v, v.all === true)
      const { jobId, resultId } = await ctx.call('query:run', { profileId, spec })
      await ctx.waitForJob(jobId)
      const column = stringOpt(v, 'key-column') ?? options.keyField
      keysFrom = { resultId, column: need(column, '--key-column', 'the resource has no key field') }
    }
    if (!keys && !keysFrom) throw usageError('Say which listings: --keys, --keys-file or --query.')
    const objects = stringOpt(v, 'objects')
    const mode = stringOpt(v, 'mode')
    const verify = stringOpt(v, 'verify')
    const pattern = stringOpt(v, 'pattern')
    const batchSize = intOpt(v, 'batch')
    const concurrency = intOpt(v, 'concurrency')
    if (verify !== undefined && verify !== 'hash' && verify !== 'size') throw usageError('--verify is hash or size.')
    const request: PhotoExportRequestArgs = {
      destination,
      types,
      resume: v.fresh !== true,
      ...(keys ? { listingKeys: keys } : {}),
      ...(keysFrom ? { keysFrom } : {}),
      ...(objects === '*' || objects === '0'
        ? { objectIds: objects }
        : objects
          ? { objectIds: objects.split(',').map(Number) }
          : {}),
      ...(pattern ? { namingPattern: pattern } : {}),
      ...(batchSize ? { batchSize } : {}),
      ...(concurrency ? { concurrency } : {}),
      ...(verify ? { verify } : {}),
      ...(v['retry-failed'] === true ? { retryFailed: true } : {})
    }
    const parsedMode = mode === undefined ? undefined : photoFetchModeSchema.safeParse(mode)
    if (parsedMode && !parsedMode.success) throw usageError('--mode is multipart, location or single.')
    const { jobId } = await ctx.call('photos:export', {
      profileId,
      ...(resource ? { resource } : {}),
      ...(parsedMode?.success ? { mode: parsedMode.data } : {}),
      request
    })
    await ctx.waitForJob(jobId).catch((err: unknown) => {
      // a failed export still has a summary (what was written, the manifest); print it before the error
      if (ctx.isInterrupted) return
      throw err
    })
    const summary = await ctx.call('photos:summary', { jobId })
    if (!summary) throw { code: 'INTERNAL', message: 'The export ended without a summary.' }
    ctx.result(photosOutputSchema, { ...summary, profileId }, () => [
      `${summary.cancelled ? 'Cancelled: ' : ''}${summary.written} written, ${summary.skipped} skipped (already complete), ${summary.failed} failed (${summary.missing} missing) for ${summary.listings} listings → ${summary.destination}`,
      `Manifest: ${summary.manifestCsv}`,
      ...summary.errors.slice(0, 10).map((e) => `  ${e.listing} ${e.type} ${e.objectId}: ${e.message}`)
    ])
    if (summary.cancelled) {
      ctx.note('Run the same command again to resume.')
      return CLI_EXIT.cancelled
    }
    return summary.failed > summary.missing ? CLI_EXIT.failed : CLI_EXIT.ok
  }
}
