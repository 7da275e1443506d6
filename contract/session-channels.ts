// session:* — opening and closing the live connection of a profile; what the server said at login comes back.
import { z } from 'zod'
import { id } from './common-fields'
import { profileKindSchema } from './kinds'

export const connectionInfoSchema = z.strictObject({
  profileId: z.string(),
  kind: profileKindSchema,
  server: z.string(),
  /** RETS-Version the server answered with, OData version, Spark API version */
  protocolVersion: z.string().optional(),
  metadataVersion: z.string().optional(),
  metadataTimestamp: z.string().optional(),
  /** RETS capability URLs (redacted) and other facts the server gave at login */
  capabilities: z.record(z.string(), z.string()),
  connectedAt: z.string(),
  notes: z.array(z.string())
})
export type ConnectionInfo = z.output<typeof connectionInfoSchema>

export const sessionChannels = {
  'session:connect': { args: z.strictObject({ profileId: id }), result: connectionInfoSchema },
  'session:disconnect': {
    args: z.strictObject({ profileId: id }),
    result: z.strictObject({ disconnected: z.boolean() })
  }
} as const
