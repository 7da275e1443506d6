// The Demo MLS data layer: deterministic per seed, identical rows in normal and large mode, catalogue fields that
// match the records, real JPEG photos, and mutation bookkeeping.
import { describe, expect, it } from 'vitest'
import jpeg from 'jpeg-js'
import { createDemoData } from '../../../demo-mls/data/demo-store'
import type { Listing } from '../../../demo-mls/data/types'

const opts = { count: 300, seed: 7, large: false, epoch: '2026-06-01T00:00:00Z' }

describe('Demo MLS data', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = [...createDemoData(opts).listings()]
    const b = [...createDemoData(opts).listings()]
    const c = [...createDemoData({ ...opts, seed: 8 }).listings()]
    expect(a).toEqual(b)
    expect(a.map((l) => l.ListPrice)).not.toEqual(c.map((l) => l.ListPrice))
  })

  it('generates the same rows lazily in large mode', () => {
    const normal = createDemoData(opts)
    const large = createDemoData({ ...opts, large: true })
    expect(large.get('20000123')).toEqual(normal.get('20000123'))
    expect([...large.listings()].slice(250)).toEqual([...normal.listings()].slice(250))
  })

  it('large-mode search views read exactly the values of the stored listings, field by field and per class', () => {
    const normal = createDemoData({ ...opts, count: 1500 })
    const large = createDemoData({ ...opts, count: 1500, large: true })
    large.update('20000010', { City: 'Edited', PropertyType: 'Land' })
    normal.update('20000010', { City: 'Edited', PropertyType: 'Land' })
    large.remove('20000011')
    normal.remove('20000011')
    const views = [...large.listingViews()]
    const stored = [...normal.listings()]
    expect(views).toHaveLength(stored.length)
    const fields = new Set(stored.flatMap((l) => Object.keys(l)))
    expect(fields.size).toBeGreaterThan(30)
    for (const [i, listing] of stored.entries()) {
      const view = views[i] as unknown as Record<string, unknown>
      for (const f of fields)
        expect(view[f], `${listing.ListingKey}.${f}`).toEqual((listing as unknown as Record<string, unknown>)[f])
    }
    for (const propertyType of ['Residential', 'Land', 'ResidentialLease'] as const) {
      const keys = [...large.listingViews({ propertyType })].map((l) => l.ListingKey)
      expect(keys).toEqual(stored.filter((l) => l.PropertyType === propertyType).map((l) => l.ListingKey))
      expect([...large.listings({ propertyType })].map((l) => l.ListingKey)).toEqual(keys)
    }
  })

  it('reads a large-mode view key and stamp without drawing the listing (a master list), and the same values', () => {
    const normal = createDemoData({ ...opts, count: 1500 })
    const large = createDemoData({ ...opts, count: 1500, large: true })
    const stored = [...normal.listings()]
    const views = [...large.listingViews()] as unknown as Array<Listing & { filled: boolean }>
    for (const [i, view] of views.entries()) {
      expect(view.ListingKey).toBe(stored[i]?.ListingKey)
      expect(view.ModificationTimestamp, view.ListingKey).toBe(stored[i]?.ModificationTimestamp)
      expect(view.filled).toBe(false)
      // the draw made afterwards is the same listing
      expect(view.ListPrice).toBe(stored[i]?.ListPrice)
      expect(view.ModificationTimestamp).toBe(stored[i]?.ModificationTimestamp)
    }
  })

  it('spreads classes, statuses and timestamps over two years before the epoch', () => {
    const all = [...createDemoData({ ...opts, count: 2000 }).listings()]
    const types = new Set(all.map((l) => l.PropertyType))
    expect(types).toEqual(new Set(['Residential', 'Land', 'ResidentialLease']))
    expect(new Set(all.map((l) => l.StandardStatus)).size).toBe(7)
    const stamps = all.map((l) => Date.parse(l.ModificationTimestamp))
    const span = (Math.max(...stamps) - Math.min(...stamps)) / 86_400_000
    expect(span).toBeGreaterThan(650)
    expect(Math.max(...stamps)).toBeLessThanOrEqual(Date.parse(opts.epoch))
    expect(all.every((l) => l.Media.length === l.PhotosCount)).toBe(true)
    expect(all.some((l) => l.OpenHouses.length > 0)).toBe(true)
    expect(new Set(all.map((l) => l.ListingId)).size).toBe(all.length)
  })

  it('has a catalogue whose Property fields are record properties, with lookups that cover the values', () => {
    const data = createDemoData(opts)
    const all = [...data.listings()]
    for (const f of data.fields('Property')) {
      const present = all.some((l) => (l as unknown as Record<string, unknown>)[f.standardName] !== undefined)
      expect(present, f.standardName).toBe(true)
      if (!f.lookup) continue
      const known = new Set(data.lookup(f.lookup)?.values.map((v) => v.standardValue))
      for (const l of all) {
        const v = (l as unknown as Record<string, unknown>)[f.standardName]
        for (const item of Array.isArray(v) ? v : [v])
          expect(known.has(String(item)), `${f.standardName}=${String(item)}`).toBe(true)
      }
    }
  })

  it('renders real JPEGs that differ per object and withholds some on purpose', () => {
    const data = createDemoData(opts)
    const listing = [...data.listings()].find((l) => l.PhotosCount >= 2 && Number(l.ListingKey) % 500 !== 1) as Listing
    const p1 = data.photo(listing.ListingKey, 1, 'Photo') as Buffer
    const p2 = data.photo(listing.ListingKey, 2, 'Photo') as Buffer
    expect(jpeg.decode(p1).width).toBe(160)
    expect(p1.equals(p2)).toBe(false)
    expect(data.photo(listing.ListingKey, 0, 'Photo')?.equals(p1)).toBe(true)
    expect(data.photo(listing.ListingKey, listing.PhotosCount + 1, 'Photo')).toBeUndefined()
    const withheld = data.get('20000001') as Listing
    expect(data.photo(withheld.ListingKey, withheld.PhotosCount, 'Photo')).toBeUndefined()
  })

  it('bumps timestamps on mutations and keeps removed keys', () => {
    const data = createDemoData(opts)
    const before = data.get('20000005') as Listing
    const after = data.update('20000005', { ListPrice: 1 }) as Listing
    expect(after.ModificationTimestamp > before.ModificationTimestamp).toBe(true)
    expect(data.lastModified()).toBe(after.ModificationTimestamp)
    expect(data.remove('20000005')).toBe(true)
    expect(data.get('20000005')).toBeUndefined()
    expect(data.count()).toBe(299)
    expect([...data.removed().keys()]).toEqual(['20000005'])
    expect(data.changes().map((c) => c.kind)).toEqual(['update', 'remove'])
  })
})
