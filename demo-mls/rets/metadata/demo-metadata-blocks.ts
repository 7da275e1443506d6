// RETS metadata as format-neutral blocks (attributes + columns + rows), built from the shared catalogue. The
// COMPACT and STANDARD-XML writers both render these, so the two formats always carry the same facts.
import { createHash } from 'node:crypto'
import type { DemoContext } from '../../demo-context'
import type { FieldDef } from '../../data/types'
import { retsInterpretation } from '../../data/field-catalogue'
import type { RetsClass, RetsResource } from '../rets-resources'

export type MetadataType =
  'SYSTEM' | 'RESOURCE' | 'CLASS' | 'TABLE' | 'LOOKUP' | 'LOOKUP_TYPE' | 'OBJECT' | 'FOREIGNKEYS'

export interface MetadataBlock {
  type: MetadataType
  attrs: Record<string, string>
  columns: string[]
  rows: string[][]
}

const entryId = (...parts: string[]): string => createHash('md5').update(parts.join('/')).digest('hex')

function versioned(ctx: DemoContext, attrs: Record<string, string>): Record<string, string> {
  return { ...attrs, Version: ctx.data.metadataVersion(), Date: ctx.data.metadataDate() }
}

export function systemBlock(ctx: DemoContext): MetadataBlock {
  return {
    type: 'SYSTEM',
    attrs: versioned(ctx, {}),
    columns: ['SystemID', 'SystemDescription', 'TimeZoneOffset', 'Comments'],
    rows: [['DEMOMLS', 'MLS Workbench Demo MLS', '-06:00', 'Generated data; not a real MLS.']]
  }
}

export function resourceBlock(ctx: DemoContext, resources: RetsResource[]): MetadataBlock {
  const v = ctx.data.metadataVersion()
  const d = ctx.data.metadataDate()
  return {
    type: 'RESOURCE',
    attrs: versioned(ctx, {}),
    columns: [
      'ResourceID',
      'StandardName',
      'VisibleName',
      'Description',
      'KeyField',
      'ClassCount',
      'ClassVersion',
      'ClassDate',
      'ObjectVersion',
      'ObjectDate',
      'SearchHelpVersion',
      'SearchHelpDate',
      'EditMaskVersion',
      'EditMaskDate',
      'LookupVersion',
      'LookupDate',
      'UpdateHelpVersion',
      'UpdateHelpDate',
      'ValidationExpressionVersion',
      'ValidationExpressionDate',
      'ValidationLookupVersion',
      'ValidationLookupDate',
      'ValidationExternalVersion',
      'ValidationExternalDate'
    ],
    rows: resources.map((r) => [
      r.id,
      r.standardName,
      r.visibleName,
      r.visibleName,
      r.keyField.systemName,
      String(r.classes.length),
      v,
      d,
      r.objectTypes.length ? v : '',
      r.objectTypes.length ? d : '',
      '',
      '',
      '',
      '',
      v,
      d,
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      ''
    ])
  }
}

export function classBlock(ctx: DemoContext, resource: RetsResource): MetadataBlock {
  return {
    type: 'CLASS',
    attrs: versioned(ctx, { Resource: resource.id }),
    columns: [
      'ClassName',
      'StandardName',
      'VisibleName',
      'Description',
      'TableVersion',
      'TableDate',
      'UpdateVersion',
      'UpdateDate',
      'ClassTimeStamp',
      'DeletedFlagField',
      'DeletedFlagValue',
      'HasKeyIndex'
    ],
    rows: resource.classes.map((c) => {
      const ts = c.fields().find((f) => f.standardName === 'ModificationTimestamp')
      return [
        c.name,
        c.standardName,
        c.visibleName,
        c.visibleName,
        ctx.data.metadataVersion(),
        ctx.data.metadataDate(),
        '',
        '',
        ts?.systemName ?? '',
        '',
        '',
        '1'
      ]
    })
  }
}

function fieldRow(resource: RetsResource, cls: RetsClass, f: FieldDef): string[] {
  return [
    entryId(resource.id, cls.name, f.systemName),
    f.systemName,
    f.standardName,
    f.longName,
    f.systemName.toLowerCase(),
    f.standardName,
    String(f.length),
    f.type,
    f.precision !== undefined ? String(f.precision) : '',
    f.searchable ? '1' : '0',
    retsInterpretation(f),
    f.type === 'Int' || f.type === 'Decimal' ? 'Right' : 'Left',
    f.interpretation === 'Currency' ? '1' : '0',
    '',
    f.lookup ?? '',
    f.multi ? '10' : '',
    '',
    f.isKey ? '1' : '0',
    '',
    '',
    '',
    f.isKey ? '1' : '0',
    '',
    f.isKey ? '1' : '0',
    '',
    '',
    '',
    f.isKey ? '1' : '0'
  ]
}

export function tableBlock(ctx: DemoContext, resource: RetsResource, cls: RetsClass): MetadataBlock {
  return {
    type: 'TABLE',
    attrs: versioned(ctx, { Resource: resource.id, Class: cls.name }),
    columns: [
      'MetadataEntryID',
      'SystemName',
      'StandardName',
      'LongName',
      'DBName',
      'ShortName',
      'MaximumLength',
      'DataType',
      'Precision',
      'Searchable',
      'Interpretation',
      'Alignment',
      'UseSeparator',
      'EditMaskID',
      'LookupName',
      'MaxSelect',
      'Units',
      'Index',
      'Minimum',
      'Maximum',
      'Default',
      'Required',
      'SearchHelpID',
      'Unique',
      'ModTimeStamp',
      'ForeignKeyName',
      'ForeignField',
      'InKeyIndex'
    ],
    rows: cls.fields().map((f) => fieldRow(resource, cls, f))
  }
}

export function lookupBlock(ctx: DemoContext, resource: RetsResource): MetadataBlock {
  return {
    type: 'LOOKUP',
    attrs: versioned(ctx, { Resource: resource.id }),
    columns: ['MetadataEntryID', 'LookupName', 'VisibleName', 'Version', 'Date'],
    rows: ctx.data
      .lookups(resource.catalogue)
      .map((l) => [
        entryId(resource.id, l.name),
        l.name,
        l.visibleName,
        ctx.data.metadataVersion(),
        ctx.data.metadataDate()
      ])
  }
}

export function lookupTypeBlock(
  ctx: DemoContext,
  resource: RetsResource,
  lookupName: string
): MetadataBlock | undefined {
  const lookup = ctx.data.lookups(resource.catalogue).find((l) => l.name === lookupName)
  if (!lookup) return undefined
  return {
    type: 'LOOKUP_TYPE',
    attrs: versioned(ctx, { Resource: resource.id, Lookup: lookup.name }),
    columns: ['MetadataEntryID', 'LongValue', 'ShortValue', 'Value'],
    rows: lookup.values.map((v) => [entryId(resource.id, lookup.name, v.value), v.longValue, v.shortValue, v.value])
  }
}

export function objectBlock(ctx: DemoContext, resource: RetsResource): MetadataBlock {
  return {
    type: 'OBJECT',
    attrs: versioned(ctx, { Resource: resource.id }),
    columns: [
      'MetadataEntryID',
      'ObjectType',
      'MIMEType',
      'VisibleName',
      'Description',
      'ObjectTimeStamp',
      'ObjectCount'
    ],
    rows: resource.objectTypes.map((o) => [
      entryId(resource.id, o.type),
      o.type,
      'image/jpeg',
      o.type,
      o.description,
      'LIST_87',
      'LIST_133'
    ])
  }
}

/** A relation between two resources by field, as the catalogue's standard names. */
interface Relation {
  parent: [resource: string, standardName: string]
  child: [resource: string, standardName: string]
  oneToMany: boolean
}

// Listing → its media and open houses (one to many); listing → its agent and office (one to one).
const RELATIONS: Relation[] = [
  { parent: ['Property', 'ListingKey'], child: ['Media', 'ResourceRecordKey'], oneToMany: true },
  { parent: ['Property', 'ListingKey'], child: ['OpenHouse', 'ListingKey'], oneToMany: true },
  { parent: ['Property', 'ListAgentKey'], child: ['Agent', 'MemberKey'], oneToMany: false },
  { parent: ['Property', 'ListOfficeKey'], child: ['Office', 'OfficeKey'], oneToMany: false }
]

/** METADATA-FOREIGNKEYS (RETS 1.7.2 §11.4.9): one row per parent class, since RETS keys name a class each side. */
export function foreignKeysBlock(ctx: DemoContext, resources: RetsResource[]): MetadataBlock {
  const rows: string[][] = []
  const systemName = (r: RetsResource, standard: string): string | undefined =>
    ctx.data.fields(r.catalogue).find((f) => f.standardName === standard)?.systemName
  for (const rel of RELATIONS) {
    const parent = resources.find((r) => r.id === rel.parent[0])
    const child = resources.find((r) => r.id === rel.child[0])
    const parentField = parent && systemName(parent, rel.parent[1])
    const childField = child && systemName(child, rel.child[1])
    if (!parent || !child || !parentField || !childField) continue
    for (const c of parent.classes) {
      const id = `${parent.id}_${c.name}_${child.id}`
      rows.push([
        id,
        parent.id,
        c.name,
        parentField,
        child.id,
        child.classes[0]!.name,
        childField,
        '',
        '',
        rel.oneToMany ? '1' : '0'
      ])
    }
  }
  return {
    type: 'FOREIGNKEYS',
    attrs: versioned(ctx, {}),
    columns: [
      'ForeignKeyID',
      'ParentResourceID',
      'ParentClassID',
      'ParentSystemName',
      'ChildResourceID',
      'ChildClassID',
      'ChildSystemName',
      'ConditionalParentField',
      'ConditionalParentValue',
      'OneToManyFlag'
    ],
    rows
  }
}
