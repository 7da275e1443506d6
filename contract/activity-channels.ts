// The Listing Activity composer's channels (seed 001), spread into the one contract in ipc-contract.ts. Field
// values are only loosely typed here on purpose: the composer's validator checks them and names each field with
// what it expects, which a schema error could not say as well.
import { z } from 'zod'
import type { ActivityReply, ActivityValidation } from './listing-activity-types'

const result = <T>(): T => undefined as T
const id = z.string().min(1).max(128)

const listingView = z
  .object({
    listingKey: z.string().max(1024),
    viewCount: z.number(),
    url: z.string().max(4096).optional()
  })
  .strict()

const viewGroup = z
  .object({
    viewDate: z.string().max(64),
    supplierName: z.string().max(1024).optional(),
    listings: z.array(listingView).max(100_000)
  })
  .strict()

export const activityEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tracker'), listingId: z.string().max(1024) }).strict(),
  z.object({ kind: z.literal('views'), views: z.array(viewGroup).max(10_000) }).strict(),
  z.object({ kind: z.literal('viewsXml'), xml: z.string().max(20 * 1024 * 1024) }).strict()
])

export function activityChannels() {
  return {
    /** checks an event and shows the request it would make (the key as {apiKey}); sends nothing */
    'activity:validate': {
      args: z.object({ event: activityEventSchema }).strict(),
      result: result<ActivityValidation>()
    },
    /** connects when needed (finding the API key), sends the event, returns the server's reply */
    'activity:send': {
      args: z.object({ profileId: id, event: activityEventSchema }).strict(),
      result: result<ActivityReply>()
    }
  } as const
}
