// What `mlswb <command> --json` prints on stdout, one schema per command: scripts and CI jobs parse these, the
// acceptance tests validate every command's output against them, and the CLI validates before printing so a
// change that breaks the shape fails loudly instead of feeding a pipeline something else.
import { z } from 'zod'
import { appErrorShapeSchema } from './app-error'
import { activityIssueSchema, activityReplySchema } from './activity-channels'
import {
  metadataDiffSchema,
  metadataReportFormatSchema,
  metadataSummarySchema,
  metadataVersionSchema
} from './metadata-channels'
import { fieldMetaSchema, lookupValueSchema } from './metadata-model-schema'
import { savedQuerySchema } from './library-channels'
import { photoExportSummarySchema } from './photo-channels'
import { connectionTestStepSchema, profileSummarySchema } from './profile-channels'
import { connectionProfileSchema } from './profile-schema'
import { connectionInfoSchema } from './session-channels'
import { syncReportSchema } from './sync-channels'

/** Exit codes of every command (README "Exit codes"). */
export const CLI_EXIT = { ok: 0, failed: 1, usage: 2, auth: 3, refused: 4, cancelled: 130 } as const
export type CliExitCode = (typeof CLI_EXIT)[keyof typeof CLI_EXIT]

/** With --json, a failure is printed on stdout as this (the human message still goes to stderr). */
export const cliErrorOutputSchema = z.strictObject({
  error: appErrorShapeSchema,
  exitCode: z.number()
})

export const profilesListOutputSchema = z.array(profileSummarySchema)
export const profileOutputSchema = connectionProfileSchema
export const profilesRemoveOutputSchema = z.strictObject({ profileId: z.string(), deleted: z.boolean() })
export const profilesImportOutputSchema = z.strictObject({ imported: z.array(z.string()) })
export const profilesExportOutputSchema = z.strictObject({ path: z.string(), count: z.number() })

const secretSourceSchema = z.enum(['keychain', 'safeStorage', 'memory', 'env', 'none'])
export const secretsSetOutputSchema = z.strictObject({
  profileId: z.string(),
  name: z.string(),
  stored: z.boolean(),
  /** false: kept in memory for this process only (no keychain) — use the environment variable instead */
  persistent: z.boolean()
})
export const secretsStatusOutputSchema = z.strictObject({
  profileId: z.string(),
  store: z.strictObject({ kind: z.enum(['keychain', 'safeStorage', 'memory']), persistent: z.boolean() }),
  secrets: z.array(
    z.strictObject({
      name: z.string(),
      /** where a connection would read it from: the store (its kind), the environment variable, or nowhere */
      source: secretSourceSchema,
      envVariable: z.string()
    })
  )
})

export const connectOutputSchema = connectionInfoSchema
/** `metadata`: the tree, a class's fields, or a lookup's values */
export const metadataOutputSchema = z.union([
  metadataSummarySchema,
  z.array(fieldMetaSchema),
  z.array(lookupValueSchema)
])
/** `run --list` */
export const savedQueriesOutputSchema = z.array(savedQuerySchema)
/** `diff --versions` */
export const metadataVersionsOutputSchema = z.array(metadataVersionSchema)

export const testOutputSchema = z.strictObject({
  profileId: z.string(),
  ok: z.boolean(),
  /** the first layer that failed (url, dns, tcp, tls, http, auth) */
  failedStep: z.string().optional(),
  steps: z.array(connectionTestStepSchema)
})

export const runOutputSchema = z.strictObject({
  profileId: z.string(),
  query: z.strictObject({ id: z.string(), name: z.string() }).optional(),
  /** variable names that were replaced (values are not echoed: they may be long, and are in the environment) */
  variables: z.array(z.string()),
  columns: z.array(z.string()),
  total: z.number(),
  serverCount: z.number().optional(),
  warnings: z.array(z.string()),
  /** the rows when no --out file was given */
  rows: z.array(z.array(z.string())).optional(),
  file: z.strictObject({ path: z.string(), rows: z.number(), bytes: z.number() }).optional()
})

export const photosOutputSchema = photoExportSummarySchema.extend({ profileId: z.string() })

export const reportOutputSchema = z.strictObject({
  profileId: z.string(),
  format: metadataReportFormatSchema,
  path: z.string(),
  bytes: z.number()
})

export const diffOutputSchema = metadataDiffSchema.extend({
  /** `profile@version` (or `profile@now`) of each side */
  left: z.string(),
  right: z.string()
})

export const syncOutputSchema = syncReportSchema

export const activitySendOutputSchema = z.strictObject({
  profileId: z.string(),
  /** listings (views) or 1 (tracker) in the file */
  events: z.number(),
  valid: z.boolean(),
  issues: z.array(activityIssueSchema),
  /** absent when validation failed or with --dry-run */
  reply: activityReplySchema.optional()
})

export const envOutputSchema = z.strictObject({
  profileId: z.string(),
  file: z.string(),
  active: z.string().optional(),
  environments: z.record(z.string(), z.record(z.string(), z.string()))
})
