// The DemoData implementation: generated base rows (cached in normal mode, regenerated per row in large mode)
// plus an overlay of admin mutations, so both modes support add / update / remove and the change log.
import type {
  CatalogueResource,
  ChangeEntry,
  DemoData,
  FieldDef,
  ImageType,
  Listing,
  ListingFilter,
  ListingPatch,
  LookupDef,
  Member,
  Office
} from './types'
import { buildFieldCatalogue } from './field-catalogue'
import { buildLookups } from './lookup-catalogue'
import {
  generateListing,
  generateMedia,
  isoSeconds,
  listingIndexOf,
  listingKeyOf,
  listingStampMsOf,
  GENERATED_STAMP_SPAN_MS,
  listingTypeOf,
  listingView,
  type GeneratorSetup
} from './listing-generator'
import { generateMembers, generateOffices } from './people-generator'
import { isPhotoWithheld, renderPhoto } from './photo-maker'
import { paddedJpegChunks } from './jpeg-padding'

export interface DemoDataOptions {
  count: number
  seed: number
  large: boolean
  epoch: string
  /** pad every photo to this many bytes, as real photos are (0: as rendered, ~4–10 KB) */
  photoBytes?: number
}

class DemoStore implements DemoData {
  private readonly setup: GeneratorSetup
  private readonly cached: Listing[] | undefined
  private readonly overrides = new Map<string, Listing>()
  private readonly added = new Map<string, Listing>()
  private readonly removedKeys = new Map<string, string>()
  private readonly log: ChangeEntry[] = []
  private readonly catalogue = buildFieldCatalogue()
  private readonly lookupDefs = buildLookups()
  private readonly members: Member[]
  private readonly officeRows: Office[]
  private nextIndex: number
  /** live listings by (stamp, key), built when first asked and dropped by every mutation (normal mode only) */
  private byStamp: Listing[] | undefined
  private metaVersion = 1
  private metaDate: string
  private lastStampMs: number
  private newest: string | undefined

  constructor(private readonly opts: DemoDataOptions) {
    const officeCount = Math.min(50, Math.max(5, Math.ceil(opts.count / 200)))
    const memberCount = Math.min(400, Math.max(10, Math.ceil(opts.count / 25)))
    this.officeRows = generateOffices(opts.seed, officeCount, opts.epoch)
    this.members = generateMembers(opts.seed, memberCount, this.officeRows, opts.epoch)
    this.setup = {
      seed: opts.seed,
      epoch: opts.epoch,
      agentKeys: this.members.map((m) => m.MemberKey),
      agentOffice: this.members.map((m) => m.OfficeKey)
    }
    this.nextIndex = opts.count
    this.metaDate = isoSeconds(Date.parse(opts.epoch) - 30 * 86_400_000)
    this.lastStampMs = Date.parse(opts.epoch)
    this.cached = opts.large ? undefined : Array.from({ length: opts.count }, (_, i) => generateListing(this.setup, i))
    if (this.cached)
      this.newest = this.cached.reduce((m, l) => (l.ModificationTimestamp > m ? l.ModificationTimestamp : m), '')
  }

  private base(index: number): Listing {
    return this.cached ? (this.cached[index] as Listing) : generateListing(this.setup, index)
  }

  listings(filter: ListingFilter = {}): Iterable<Listing> {
    return this.rows(filter, (i) => this.base(i))
  }

  listingViews(filter: ListingFilter = {}): Iterable<Readonly<Listing>> {
    return this.rows(filter, this.cached ? (i) => this.base(i) : (i) => listingView(this.setup, i))
  }

  private *rows(filter: ListingFilter, row: (index: number) => Readonly<Listing>): Iterable<Readonly<Listing>> {
    const type = filter.propertyType
    // a floor below every generated stamp would cost a draw per row and leave nothing out
    const floor = filter.modifiedFromMs
    const from =
      floor !== undefined && floor > Date.parse(this.opts.epoch) - GENERATED_STAMP_SPAN_MS ? floor : undefined
    const edited = this.removedKeys.size > 0 || this.overrides.size > 0
    for (let i = 0; i < this.opts.count; i++) {
      if (edited) {
        const key = listingKeyOf(i)
        if (this.removedKeys.has(key)) continue
        const over = this.overrides.get(key)
        if (over) {
          if (type === undefined || over.PropertyType === type) yield over
          continue
        }
      }
      // the type is the row's first draw: rows of other types are skipped without being generated (and the row
      // is not drawn to read its type again: a large-mode row is drawn when a field is first read); a floor on the
      // modification stamp skips by the stamp's own short draw, as an index would
      if (!this.cached) {
        if (type !== undefined && listingTypeOf(this.setup, i) !== type) continue
        if (from !== undefined && listingStampMsOf(this.setup, i) < from) continue
        yield row(i)
        continue
      }
      const listing = row(i)
      if (type === undefined || listing.PropertyType === type) yield listing
    }
    for (const listing of this.added.values()) if (type === undefined || listing.PropertyType === type) yield listing
  }

  listingsByStamp(fromIso?: string): Iterable<Listing> | undefined {
    if (!this.cached) return undefined
    this.byStamp ??= [...this.listings()].sort(
      (a, b) => textOrder(a.ModificationTimestamp, b.ModificationTimestamp) || textOrder(a.ListingKey, b.ListingKey)
    )
    const sorted = this.byStamp
    let lo = 0
    let hi = fromIso === undefined ? 0 : sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (sorted[mid]!.ModificationTimestamp < fromIso!) lo = mid + 1
      else hi = mid
    }
    return itemsFrom(sorted, lo)
  }

  count(): number {
    return this.opts.count + this.added.size - this.removedKeys.size
  }

  get(key: string): Listing | undefined {
    if (this.removedKeys.has(key)) return undefined
    const added = this.added.get(key)
    if (added) return added
    const over = this.overrides.get(key)
    if (over) return over
    const index = listingIndexOf(key)
    return index !== undefined && index < this.opts.count ? this.base(index) : undefined
  }

  /** Mutation timestamps are strictly increasing and never earlier than the generated data. */
  private stamp(): string {
    this.lastStampMs = Math.max(Date.now(), this.lastStampMs + 1000)
    const s = isoSeconds(this.lastStampMs)
    this.newest = s
    return s
  }

  add(patch: ListingPatch & { ListingKey?: string }): Listing {
    const index = this.nextIndex++
    const generated = generateListing(this.setup, index)
    const key = patch.ListingKey ?? generated.ListingKey
    const at = this.stamp()
    const listing: Listing = { ...generated, ...patch, ListingKey: key, ModificationTimestamp: at }
    listing.Media = generateMedia(key, listing.PhotosCount, at)
    this.added.set(key, listing)
    this.removedKeys.delete(key)
    this.byStamp = undefined
    this.log.push({ kind: 'add', resource: 'Property', key, at })
    return listing
  }

  update(key: string, patch: ListingPatch): Listing | undefined {
    const current = this.get(key)
    if (!current) return undefined
    const at = this.stamp()
    const next: Listing = { ...current, ...patch, ListingKey: key, ModificationTimestamp: at }
    if (patch.PhotosCount !== undefined) next.Media = generateMedia(key, next.PhotosCount, at)
    if (this.added.has(key)) this.added.set(key, next)
    else this.overrides.set(key, next)
    this.byStamp = undefined
    this.log.push({ kind: 'update', resource: 'Property', key, at })
    return next
  }

  remove(key: string): boolean {
    if (!this.get(key)) return false
    const at = this.stamp()
    this.added.delete(key)
    this.overrides.delete(key)
    this.removedKeys.set(key, at)
    this.byStamp = undefined
    this.log.push({ kind: 'remove', resource: 'Property', key, at })
    return true
  }

  removed(): ReadonlyMap<string, string> {
    return this.removedKeys
  }

  changes(since?: string): ChangeEntry[] {
    return since === undefined ? [...this.log] : this.log.filter((c) => c.at > since)
  }

  agents(): readonly Member[] {
    return this.members
  }

  agent(key: string): Member | undefined {
    return this.members.find((m) => m.MemberKey === key)
  }

  offices(): readonly Office[] {
    return this.officeRows
  }

  office(key: string): Office | undefined {
    return this.officeRows.find((o) => o.OfficeKey === key)
  }

  hasPhoto(listingKey: string, objectId: number): boolean {
    const listing = this.get(listingKey)
    if (!listing) return false
    const order = objectId === 0 ? 1 : objectId
    if (order < 1 || order > listing.PhotosCount) return false
    const index = listingIndexOf(listingKey)
    return index === undefined || !isPhotoWithheld(index, order, listing.PhotosCount)
  }

  photoChunks(listingKey: string, objectId: number, type: ImageType): Buffer[] | undefined {
    if (!this.hasPhoto(listingKey, objectId)) return undefined
    const jpeg = renderPhoto(this.opts.seed, listingKey, objectId === 0 ? 1 : objectId, type)
    return this.opts.photoBytes ? paddedJpegChunks(jpeg, this.opts.photoBytes) : [jpeg]
  }

  photo(listingKey: string, objectId: number, type: ImageType): Buffer | undefined {
    const chunks = this.photoChunks(listingKey, objectId, type)
    return chunks && (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))
  }

  fields(resource: CatalogueResource): readonly FieldDef[] {
    return this.catalogue.get(resource) ?? []
  }

  field(resource: CatalogueResource, name: string): FieldDef | undefined {
    return this.fields(resource).find((f) => f.systemName === name || f.standardName === name)
  }

  lookups(resource?: CatalogueResource): readonly LookupDef[] {
    return resource ? this.lookupDefs.filter((l) => l.resource === resource) : this.lookupDefs
  }

  lookup(name: string): LookupDef | undefined {
    return this.lookupDefs.find((l) => l.name === name)
  }

  addField(def: FieldDef): void {
    const list = this.catalogue.get(def.resource) ?? []
    list.push(def)
    this.catalogue.set(def.resource, list)
    this.metaVersion++
    this.metaDate = isoSeconds(Math.max(Date.now(), Date.parse(this.metaDate) + 1000))
  }

  metadataVersion(): string {
    // flexmls-style dotted version (seed fixtures: 01.03.28598)
    return `01.00.${String(this.metaVersion).padStart(5, '0')}`
  }

  metadataDate(): string {
    return this.metaDate
  }

  lastModified(): string {
    if (this.newest) return this.newest
    // Large mode: scanning a million rows for the max is wasteful; the generator never exceeds the epoch.
    return this.opts.epoch.replace('.000Z', 'Z')
  }
}

export function createDemoData(opts: DemoDataOptions): DemoData {
  return new DemoStore(opts)
}

function* itemsFrom<T>(items: readonly T[], start: number): Iterable<T> {
  for (let i = start; i < items.length; i++) yield items[i]!
}

function textOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
