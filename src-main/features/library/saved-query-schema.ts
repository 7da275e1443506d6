// A saved query on disk: the draft the renderer sends (name, folder, tags, description, profile, QuerySpec — its
// schema lives in the IPC contract next to the QuerySpec schema) plus the id and timestamps the library adds.
// Strict at every level, so a key nobody knows about — a password pasted in by hand, say — is refused.
import { z } from 'zod'
import { savedQueryDraftSchema } from '../../../contract/ipc-contract'

export const SAVED_QUERY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/

export const savedQuerySchema = savedQueryDraftSchema
  .extend({
    id: z.string().regex(SAVED_QUERY_ID_PATTERN, 'must be a lower-case slug (a-z, 0-9, -)'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime()
  })
  .strict()

export type SavedQueryDraft = z.output<typeof savedQueryDraftSchema>
