// `mlswb diff`: what changed in the metadata — between two kept snapshots of a profile (or one and now), or between
// two profiles (each one's full metadata loaded, then compared with the same diff as the app's Δ view).
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { diffOutputSchema, CLI_EXIT, metadataVersionsOutputSchema } from '../../../../contract/cli-output'
import { metadataModelSchema } from '../../../../contract/metadata-model-schema'
import type { MetadataDiff } from '../../../../contract/metadata-channels'
import { diffMetadata } from '../../../../domain/metadata/metadata-diff'
import type { MetadataModel } from '../../../../domain/metadata/metadata-model'
import type { CliCommand } from '../cli-command'
import { need, stringOpt } from '../cli-command'
import type { CliContext } from '../cli-context'

/** The whole model of a profile, every class and lookup loaded (the JSON report's job, into a temp file). */
async function fullModel(ctx: CliContext, profileId: string): Promise<MetadataModel> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mlswb-diff-'))
  try {
    const file = path.join(dir, 'model.json')
    await ctx.call('session:connect', { profileId })
    const { jobId } = await ctx.call('metadata:report', { profileId, format: 'json', path: file })
    await ctx.waitForJob(jobId)
    return metadataModelSchema.parse(JSON.parse(await readFile(file, 'utf8')))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function human(diff: MetadataDiff, left: string, right: string): string[] {
  const c = diff.counts
  return [
    `${left} → ${right}: ${c.added} added, ${c.removed} removed, ${c.changed} changed`,
    ...diff.changes.map(
      (ch) =>
        `${ch.kind === 'added' ? '+' : ch.kind === 'removed' ? '-' : '~'} ${ch.level.padEnd(8)} ${ch.path}${ch.details?.length ? `  (${ch.details.join('; ')})` : ''}`
    ),
    ...(diff.notCompared.length ? [`Not compared (not loaded on both sides): ${diff.notCompared.join(', ')}`] : [])
  ]
}

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'metadata changes between two kept versions, or between two profiles',
  usage: ['diff <profile> --from VERSION [--to VERSION]', 'diff <profile> --versions', 'diff <profileA> <profileB>'],
  examples: [
    'mlswb diff my-mls --versions',
    'mlswb diff my-mls --from 1.12.29 --json',
    'mlswb diff demo-rets my-mls-staging'
  ],
  options: {
    from: { type: 'string', help: 'kept version to compare from' },
    to: { type: 'string', help: 'kept version to compare to (default: the metadata in use now)' },
    versions: { type: 'boolean', help: 'list the kept versions' }
  },
  async run(ctx, positionals, v) {
    const [left, right] = positionals
    const profileId = need(left, 'the profile id')
    if (v.versions === true) {
      await ctx.call('session:connect', { profileId })
      const versions = await ctx.call('metadata:versions', { profileId })
      ctx.result(metadataVersionsOutputSchema, versions, () =>
        versions.map((ver) => `${ver.version.padEnd(24)} kept ${ver.savedAt}`)
      )
      return CLI_EXIT.ok
    }
    let diff: MetadataDiff
    let labels: [string, string]
    if (right) {
      diff = diffMetadata(await fullModel(ctx, profileId), await fullModel(ctx, right))
      labels = [profileId, right]
    } else {
      const from = need(stringOpt(v, 'from'), '--from VERSION', `See: mlswb diff ${profileId} --versions`)
      const to = stringOpt(v, 'to')
      await ctx.call('session:connect', { profileId })
      diff = await ctx.call('metadata:diff', { profileId, from, ...(to ? { to } : {}) })
      labels = [`${profileId}@${from}`, `${profileId}@${to ?? 'now'}`]
    }
    ctx.result(diffOutputSchema, { ...diff, left: labels[0], right: labels[1] }, () => human(diff, ...labels))
    return CLI_EXIT.ok
  }
}
