// The RETS view of the Demo MLS data: resources and classes over the shared catalogue. Property is split into
// lettered classes by PropertyType (as on real servers: "A" Residential, "B" Lots and Land, "C" rentals); the other
// resources have one class named like the resource, as flexmls does (ActiveAgent/ActiveAgent).
import type { DemoContext } from '../demo-context'
import type { CatalogueResource, FieldDef } from '../data/types'
import { propertyClasses } from '../data/field-catalogue'

export type RetsRow = Record<string, unknown>

export interface RetsClass {
  name: string
  standardName: string
  visibleName: string
  fields(): FieldDef[]
  /** `hint`: see ListingFilter.modifiedFromMs (Property classes use it, the others ignore it) */
  rows(hint?: RowHint): Iterable<RetsRow>
}

export interface RowHint {
  modifiedFromMs?: number
}

export interface RetsResource {
  id: string
  standardName: string
  visibleName: string
  catalogue: CatalogueResource
  keyField: FieldDef
  classes: RetsClass[]
  /** GetObject types (Property only) */
  objectTypes: Array<{ type: 'Photo' | 'HiRes'; description: string }>
}

function* mediaRows(ctx: DemoContext): Iterable<RetsRow> {
  const base = ctx.baseUrl()
  for (const l of ctx.data.listings()) for (const m of l.Media) yield { ...m, MediaURL: base + m.MediaURL }
}

function* openHouseRows(ctx: DemoContext): Iterable<RetsRow> {
  for (const l of ctx.data.listings()) yield* l.OpenHouses as unknown as RetsRow[]
}

function single(
  ctx: DemoContext,
  id: string,
  catalogue: CatalogueResource,
  rows: () => Iterable<RetsRow>,
  standardName = id
): RetsResource {
  const fields = (): FieldDef[] => [...ctx.data.fields(catalogue)]
  return {
    id,
    standardName,
    visibleName: id,
    catalogue,
    keyField: fields().find((f) => f.isKey) as FieldDef,
    classes: [{ name: id, standardName, visibleName: id, fields, rows }],
    objectTypes: []
  }
}

export function retsResources(ctx: DemoContext): RetsResource[] {
  const propertyFields = (cls: string) => (): FieldDef[] =>
    ctx.data.fields('Property').filter((f) => !f.classes || f.classes.includes(cls))
  const property: RetsResource = {
    id: 'Property',
    standardName: 'Property',
    visibleName: 'Property',
    catalogue: 'Property',
    keyField: ctx.data.field('Property', 'ListingKey') as FieldDef,
    classes: [
      ...propertyClasses.map((c) => ({
        name: c.name,
        standardName: c.standardName,
        visibleName: c.visibleName,
        fields: propertyFields(c.name),
        rows: (hint?: RowHint) =>
          ctx.data.listingViews({ ...hint, propertyType: c.propertyType }) as unknown as Iterable<RetsRow>
      })),
      ...Array.from({ length: ctx.options.extraClasses }, (_, i) => ({
        name: `X${i + 1}`,
        standardName: 'ResidentialProperty',
        visibleName: `Residential ${i + 1}`,
        fields: propertyFields('A'),
        rows: (hint?: RowHint) =>
          ctx.data.listingViews({ ...hint, propertyType: 'Residential' }) as unknown as Iterable<RetsRow>
      }))
    ],
    objectTypes: [
      { type: 'Photo', description: 'Standard Photo (160x120)' },
      { type: 'HiRes', description: 'High Resolution Photo (320x240)' }
    ]
  }
  const activeAgents = function* (): Iterable<RetsRow> {
    for (const m of ctx.data.agents()) if (m.MemberStatus === 'Active') yield m as unknown as RetsRow
  }
  return [
    property,
    single(ctx, 'ActiveAgent', 'Member', activeAgents),
    single(ctx, 'Agent', 'Member', () => ctx.data.agents() as unknown as RetsRow[], 'Member'),
    single(ctx, 'Office', 'Office', () => ctx.data.offices() as unknown as RetsRow[]),
    single(ctx, 'Media', 'Media', () => mediaRows(ctx)),
    single(ctx, 'OpenHouse', 'OpenHouse', () => openHouseRows(ctx))
  ]
}

/** Finds a resource by RETS id or standard name (StandardNames=1), case-sensitively first, then not. */
export function findRetsResource(resources: RetsResource[], name: string): RetsResource | undefined {
  return (
    resources.find((r) => r.id === name || r.standardName === name) ??
    resources.find((r) => r.id.toLowerCase() === name.toLowerCase())
  )
}

export function findRetsClass(resource: RetsResource, name: string): RetsClass | undefined {
  return resource.classes.find((c) => c.name === name || c.standardName === name)
}
