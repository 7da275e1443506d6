// An incremental query `(Stamp=since+)` on the Demo MLS skips generated rows by their stamp alone (one short draw),
// as a server's index would: the short draw must give the listing's real stamp, and the rows a search returns must
// be the same as without the skip.
import { describe, expect, it } from 'vitest'
import { createDemoData } from '../../../demo-mls/data/demo-store'
import { generateListing, listingStampMsOf } from '../../../demo-mls/data/listing-generator'
import { parseDmql } from '../../../domain/query-languages/dmql'
import { stampFloorMs } from '../../../demo-mls/rets/search/stamp-floor'

const setup = { seed: 7, epoch: '2026-06-01T00:00:00.000Z', agentKeys: ['A1', 'A2'], agentOffice: ['O1', 'O2'] }

describe('Demo MLS stamp floor', () => {
  it("draws listing N's stamp as the whole listing has it", () => {
    for (let i = 0; i < 500; i++) {
      expect(new Date(listingStampMsOf(setup, i)).toISOString().replace('.000Z', 'Z')).toBe(
        generateListing(setup, i).ModificationTimestamp
      )
    }
  })

  it('takes a floor only every match must meet', () => {
    const floor = (q: string): number | undefined => stampFloorMs(parseDmql(q), 'Mod')
    const day = Date.parse('2026-03-01T00:00:00Z')
    expect(floor('(Mod=2026-03-01T00:00:00+)')).toBe(day - 86_400_000)
    expect(floor('(Mod=2026-03-01+),(City=X)')).toBe(day - 86_400_000)
    expect(floor('(Mod=2026-03-01T00:00:00+)|(City=X)')).toBeUndefined()
    expect(floor('(Mod=2026-03-01T00:00:00-)')).toBeUndefined()
    expect(floor('(Mod=.NOW.+)')).toBeUndefined()
    expect(floor('(Other=2026-03-01T00:00:00+)')).toBeUndefined()
  })

  it('leaves out only listings older than the floor, edited ones always in', () => {
    const data = createDemoData({ count: 3000, seed: 7, large: true, epoch: setup.epoch })
    const from = Date.parse('2026-01-01T00:00:00Z')
    // an old residential listing, edited now: its stamp moves past the floor
    const old = [...data.listingViews({ propertyType: 'Residential' })].find(
      (r) => Date.parse(r.ModificationTimestamp) < from
    )!
    const edited = data.update(old.ListingKey, { ListPrice: 1 })!
    const keys = (rows: Iterable<{ ListingKey: string; ModificationTimestamp: string }>): string[] =>
      [...rows].filter((r) => Date.parse(r.ModificationTimestamp) >= from).map((r) => r.ListingKey)
    const all = keys(data.listingViews({ propertyType: 'Residential' }))
    const skipped = keys(data.listingViews({ propertyType: 'Residential', modifiedFromMs: from }))
    expect(skipped).toEqual(all)
    expect(skipped).toContain(edited.ListingKey)
    expect([...data.listingViews({ modifiedFromMs: from })].length).toBeLessThan(data.count() / 2)
  })
})
