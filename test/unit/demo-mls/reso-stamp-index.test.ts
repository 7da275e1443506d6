// The Demo MLS answers a RESO sync's pages from an index on the stamp (and its fetch by key from the keys asked):
// each page must be the one a scan of every record gives, after admin edits too, while reading only about a page
// of records instead of the whole set.
import { describe, expect, it } from 'vitest'
import { createDemoData } from '../../../demo-mls/data/demo-store'
import type { DemoContext } from '../../../demo-mls/demo-context'
import { entitySets, fieldMetas, type EntitySetDef } from '../../../demo-mls/reso/reso-entities'
import { parseQuery, runQuery } from '../../../demo-mls/reso/reso-query'
import { itemsForQuery, keysOf, lowestInstant, STAMP_FIELD } from '../../../demo-mls/reso/stamp-index'
import type { DemoApiSettings } from '../../../demo-mls/web-api/api-settings'
import { parseODataFilter } from '../../../domain/query-languages/odata'

const settings: DemoApiSettings = {
  maxPageSize: 1000,
  lookupStyle: 'enum',
  throttleNext: 0,
  retryAfterSeconds: 1,
  countAsString: false
}

function propertySet(count: number): { set: EntitySetDef; data: ReturnType<typeof createDemoData> } {
  const data = createDemoData({ count, seed: 7, large: false, epoch: '2026-06-01T00:00:00.000Z' })
  const ctx = { data, quirk: () => false, baseUrl: () => 'http://demo' } as unknown as DemoContext
  return { set: entitySets(ctx, settings).find((s) => s.name === 'Property')!, data }
}

function query(set: EntitySetDef, options: Record<string, string>) {
  return parseQuery({
    params: new URLSearchParams(options),
    fields: fieldMetas(set, settings),
    key: set.key,
    expandable: ['Media'],
    serverMaxPageSize: settings.maxPageSize
  })
}

/** The page as the index answers it, and how many records it read. */
function indexed(set: EntitySetDef, options: Record<string, string>) {
  const q = query(set, options)
  const { items, inOrder } = itemsForQuery(set, q)
  let read = 0
  const counted = (function* () {
    for (const item of items) {
      read++
      yield item
    }
  })()
  const plan = runQuery(counted, inOrder ? { ...q, orderby: [] } : q, set.key, set.entity)
  return { keys: plan.rows.map((r) => String(r.ListingKey)), read, more: plan.nextSkipToken !== undefined }
}

/** The page a scan of every record gives. */
function scanned(set: EntitySetDef, options: Record<string, string>): string[] {
  return runQuery(set.items(), query(set, options), set.key, set.entity).rows.map((r) => String(r.ListingKey))
}

const filter = (text: string) => parseODataFilter(text)

describe('Demo MLS RESO stamp index', () => {
  it('bounds the stamp only where every match must meet the bound', () => {
    const day = Date.parse('2026-03-01T00:00:00Z')
    const low = (text: string): number | undefined => lowestInstant(filter(text), STAMP_FIELD)
    expect(low('ModificationTimestamp ge 2026-03-01T00:00:00Z')).toBe(day)
    expect(low('ModificationTimestamp gt 2026-03-01')).toBe(day)
    expect(low("ModificationTimestamp eq 2026-03-01T05:00:00+05:00 and City eq 'X'")).toBe(day)
    expect(
      low(
        "ModificationTimestamp gt 2026-03-02T00:00:00Z or (ModificationTimestamp eq 2026-03-01T00:00:00Z and ListingKey gt '5')"
      )
    ).toBe(day)
    expect(low("ModificationTimestamp gt 2026-03-01T00:00:00Z or City eq 'X'")).toBeUndefined()
    expect(low('ModificationTimestamp lt 2026-03-01T00:00:00Z')).toBeUndefined()
    expect(low("ModificationTimestamp gt '2026'")).toBeUndefined()
    expect(low('not (ModificationTimestamp lt 2026-03-01T00:00:00Z)')).toBeUndefined()
  })

  it('reads the keys a filter names, as the filter compares them', () => {
    const keys = (text: string): string[] | undefined => {
      const set = keysOf(filter(text), 'ListingKey')
      return set && [...set].sort()
    }
    expect(keys("ListingKey eq 'A1' or ListingKey eq 'b2'")).toEqual(['a1', 'b2'])
    expect(keys("ListingKey in ('A1', 'B2') and City eq 'X'")).toEqual(['a1', 'b2'])
    expect(keys("ListingKey in ('A1', 'B2') and ListingKey eq 'B2'")).toEqual(['b2'])
    expect(keys("ListingKey eq 'A1' or City eq 'X'")).toBeUndefined()
    expect(keys('ListingKey eq 20000001')).toBeUndefined()
    expect(keys("ListingKey gt 'A1'")).toBeUndefined()
  })

  it('keeps live listings by stamp and key, from the first of the floor on (none in large mode)', () => {
    const { data } = propertySet(600)
    const before = [...data.listingsByStamp()!]
    // every edit reorders: the index built before them is not reused
    const edited = data.update(before[0]!.ListingKey, { ListPrice: 1 })!
    expect([...data.listingsByStamp()!].at(-1)).toBe(edited)
    data.remove(before[1]!.ListingKey)
    expect([...data.listingsByStamp()!]).not.toContain(before[1])
    const added = data.add({ City: 'Fargo' })
    const order = [...data.listingsByStamp()!]
    expect(order.slice(-2)).toEqual([edited, added])
    const pairs = order.map((l) => `${l.ModificationTimestamp} ${l.ListingKey}`)
    expect(pairs).toEqual([...pairs].sort())
    expect(order.length).toBe(data.count())
    for (const l of order.slice(200, 210)) {
      const from = l.ModificationTimestamp
      expect([...data.listingsByStamp(from)!]).toEqual(order.filter((o) => o.ModificationTimestamp >= from))
    }
    const large = createDemoData({ count: 600, seed: 7, large: true, epoch: '2026-06-01T00:00:00.000Z' })
    expect(large.listingsByStamp()).toBeUndefined()
  })

  it("gives a sync's keyset pages as a full scan does, reading about a page each, after edits", () => {
    const { set, data } = propertySet(3000)
    const all = [...data.listings()]
    // edits move stamps past the generated ones (several in the same second), a removal and an addition
    for (const l of all.slice(0, 40)) data.update(l.ListingKey, { ListPrice: 1 })
    data.remove(all[100]!.ListingKey)
    data.add({ City: 'Fargo' })

    const top = 250
    const seen: string[] = []
    let cursor: { stamp: string; key: string } | undefined
    for (let page = 0; page < 50; page++) {
      const options: Record<string, string> = {
        $orderby: `${STAMP_FIELD},ListingKey`,
        $top: String(top)
      }
      if (cursor)
        options.$filter = `${STAMP_FIELD} gt ${cursor.stamp} or (${STAMP_FIELD} eq ${cursor.stamp} and ListingKey gt '${cursor.key}')`
      const got = indexed(set, options)
      expect(got.keys).toEqual(scanned(set, options))
      // the page, plus the records of the cursor's second up to its key
      expect(got.read).toBeLessThanOrEqual(top + 50)
      seen.push(...got.keys)
      if (got.keys.length < top) break
      const last = data.get(got.keys.at(-1)!)!
      cursor = { stamp: last.ModificationTimestamp, key: last.ListingKey }
    }
    expect(seen.length).toBe(data.count())
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('orders by anything else as a scan does, and reads only the keys a fetch by key names', () => {
    const { set, data } = propertySet(1500)
    const keys = [...data.listings()].filter((_, i) => i % 300 === 7).map((l) => l.ListingKey)
    const byKey = { $filter: keys.map((k) => `ListingKey eq '${k}'`).join(' or ') }
    const got = indexed(set, byKey)
    expect(got.keys).toEqual(keys)
    expect(got.read).toBe(keys.length)

    for (const options of [
      { $orderby: `${STAMP_FIELD} desc`, $top: '30' },
      { $orderby: 'ListPrice,ListingKey', $top: '30', $filter: `${STAMP_FIELD} ge 2026-01-01T00:00:00Z` },
      { $orderby: STAMP_FIELD, $top: '30', $skip: '40', $filter: "City ne 'Fargo'" }
    ])
      expect(indexed(set, options).keys).toEqual(scanned(set, options))
  })
})
