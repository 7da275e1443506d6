// The metadata tree as a flat list of rows (what the virtualized MetadataTree renders): resources → classes →
// fields (loaded lazily per class), lookups → values (lazily per lookup), object types. The filter matches
// SystemName, LongName, StandardName and DBName of fields and the names of everything else; ancestors of a match
// are opened automatically so every hit is visible.
import type { FieldMeta, LookupValue, ObjectTypeMeta, SystemInfo } from '../../../domain/metadata/metadata-model'
import type { MetadataSummary } from '../../../contract/metadata-channels'
import { metaKey } from './meta-key'

export type SummaryResource = MetadataSummary['resources'][number]
export type SummaryClass = SummaryResource['classes'][number]
export type SummaryLookup = SummaryResource['lookups'][number]

export type TreeNodeRef =
  | { kind: 'resource'; resource: SummaryResource }
  | { kind: 'class'; resource: string; cls: SummaryClass }
  | { kind: 'field'; resource: string; cls: string; field: FieldMeta; keyField: boolean }
  | { kind: 'lookups'; resource: string }
  | { kind: 'lookup'; resource: string; lookup: SummaryLookup }
  | { kind: 'value'; resource: string; lookup: string; value: LookupValue }
  | { kind: 'objects'; resource: string }
  | { kind: 'object'; resource: string; object: ObjectTypeMeta }
  | { kind: 'message'; text: string; warn?: boolean }

export interface TreeBadge {
  text: string
  title: string
  tone: 'key' | 'search' | 'required' | 'lookup' | 'standard' | 'warn'
}

export interface TreeRow {
  id: string
  depth: number
  label: string
  detail?: string
  badges: TreeBadge[]
  expandable: boolean
  expanded: boolean
  node: TreeNodeRef
}

/** Lazily loaded parts: undefined = not requested yet, 'loading' = in flight. */
export interface TreeSources {
  summary: MetadataSummary
  fields(resource: string, cls: string): FieldMeta[] | 'loading' | undefined
  lookupValues(resource: string, lookup: string): LookupValue[] | 'loading' | undefined
}

interface TreeNode {
  id: string
  label: string
  /** a second, dimmer text (the visible name when it differs from the name) */
  detail?: string | undefined
  badges?: TreeBadge[]
  node: TreeNodeRef
  /** texts the filter looks at */
  match: (string | undefined)[]
  /** undefined = leaf */
  children?: () => TreeNode[]
}

const NO_BADGES: TreeBadge[] = []

export function fieldBadges(field: FieldMeta, keyField: boolean): TreeBadge[] {
  const b: TreeBadge[] = []
  if (field.isKey || keyField) b.push({ text: 'key', title: 'Key field', tone: 'key' })
  if (field.searchable) b.push({ text: 'S', title: 'Searchable', tone: 'search' })
  if (field.required) b.push({ text: 'R', title: 'Required', tone: 'required' })
  if (field.lookupName) b.push({ text: 'L', title: `Lookup: ${field.lookupName}`, tone: 'lookup' })
  if (field.standardName) b.push({ text: 'std', title: `Standard name: ${field.standardName}`, tone: 'standard' })
  return b
}

function fieldDetail(f: FieldMeta): string {
  const size = f.maxLength !== undefined ? `(${f.maxLength}${f.precision ? ',' + f.precision : ''})` : ''
  const name = f.longName && f.longName !== f.systemName ? `${f.longName} · ` : ''
  return `${name}${f.dataType}${size}`
}

function message(id: string, text: string): TreeNode {
  return { id, label: text, node: { kind: 'message', text }, match: [] }
}

type Degraded = NonNullable<MetadataSummary['degraded']>[number]

/** The degraded parts shown on one node: a class's TABLE, a lookup's values, or a resource's lookups / objects. */
export function degradedOn(
  summary: MetadataSummary,
  at: { resource: string; class?: string; lookup?: string; part?: string }
): Degraded[] {
  return (summary.degraded ?? []).filter(
    (d) =>
      (d.resource === undefined || d.resource === at.resource) &&
      (at.part === undefined || d.part === at.part) &&
      d.class === at.class &&
      d.lookup === at.lookup &&
      (at.part !== undefined || d.resource !== undefined)
  )
}

/** Everything degraded inside a resource (its classes and lookups, and the per-resource parts refused for all). */
function degradedBelow(summary: MetadataSummary, resource: string): Degraded[] {
  return (summary.degraded ?? []).filter(
    (d) => d.resource === resource || (d.resource === undefined && PER_RESOURCE.has(d.part))
  )
}

const PER_RESOURCE = new Set(['METADATA-LOOKUP', 'METADATA-OBJECT'])

function warnBadges(list: Degraded[]): TreeBadge[] {
  return list.length ? [{ text: '⚠', title: list.map((d) => d.message).join('\n'), tone: 'warn' }] : NO_BADGES
}

function warnRows(id: string, list: Degraded[]): TreeNode[] {
  return list.map((d, i) => ({
    id: metaKey('w', id, String(i)),
    label: `⚠ ${d.message}`,
    node: { kind: 'message', text: d.message, warn: true },
    match: []
  }))
}

function buildResource(src: TreeSources, r: SummaryResource): TreeNode {
  const rid = metaKey('r', r.name)
  return {
    id: rid,
    label: r.name,
    detail: r.visibleName && r.visibleName !== r.name ? r.visibleName : undefined,
    badges: warnBadges(degradedBelow(src.summary, r.name)),
    node: { kind: 'resource', resource: r },
    match: [r.name, r.visibleName, r.standardName],
    children: () => {
      const kids: TreeNode[] = r.classes.map((c) => buildClass(src, r, c))
      const lookupWarnings = degradedOn(src.summary, { resource: r.name, part: 'METADATA-LOOKUP' })
      if (r.lookups.length || lookupWarnings.length) kids.push(buildLookups(src, r, lookupWarnings))
      const objectWarnings = degradedOn(src.summary, { resource: r.name, part: 'METADATA-OBJECT' })
      if (r.objectTypes.length || objectWarnings.length) {
        kids.push({
          id: metaKey('og', r.name),
          label: 'Object types',
          detail: String(r.objectTypes.length),
          badges: warnBadges(objectWarnings),
          node: { kind: 'objects', resource: r.name },
          match: [],
          children: () =>
            [...warnRows(metaKey('og', r.name), objectWarnings)].concat(
              r.objectTypes.map((o) => ({
                id: metaKey('o', r.name, o.type),
                label: o.type,
                detail: o.mimeType ?? o.visibleName,
                node: { kind: 'object', resource: r.name, object: o },
                match: [o.type, o.visibleName, o.mimeType]
              }))
            )
        })
      }
      return kids
    }
  }
}

function buildClass(src: TreeSources, r: SummaryResource, c: SummaryClass): TreeNode {
  const cid = metaKey('c', r.name, c.name)
  return {
    id: cid,
    label: c.name,
    detail: c.visibleName && c.visibleName !== c.name ? c.visibleName : undefined,
    badges: warnBadges(degradedOn(src.summary, { resource: r.name, class: c.name })),
    node: { kind: 'class', resource: r.name, cls: c },
    match: [c.name, c.visibleName, c.standardName],
    children: () => {
      const fields = src.fields(r.name, c.name)
      const warnings = warnRows(cid, degradedOn(src.summary, { resource: r.name, class: c.name }))
      if (fields === 'loading') return [message(metaKey('m', cid), 'Loading fields…')]
      if (fields === undefined) return [message(metaKey('m', cid), 'Expand to load fields')]
      if (!fields.length) return warnings.length ? warnings : [message(metaKey('m', cid), 'No fields')]
      return warnings.concat(
        fields.map((f) => {
          const keyField = r.keyField === f.systemName
          return {
            id: metaKey('f', r.name, c.name, f.systemName),
            label: f.systemName,
            detail: fieldDetail(f),
            badges: fieldBadges(f, keyField),
            node: { kind: 'field', resource: r.name, cls: c.name, field: f, keyField },
            match: [f.systemName, f.longName, f.standardName, f.dbName]
          }
        })
      )
    }
  }
}

function buildLookups(src: TreeSources, r: SummaryResource, warnings: Degraded[]): TreeNode {
  const gid = metaKey('lg', r.name)
  return {
    id: gid,
    label: 'Lookups',
    detail: String(r.lookups.length),
    badges: warnBadges(warnings),
    node: { kind: 'lookups', resource: r.name },
    match: [],
    children: () =>
      warnRows(gid, warnings).concat(
        r.lookups.map((l) => {
          const lid = metaKey('l', r.name, l.name)
          const valueWarnings = degradedOn(src.summary, { resource: r.name, lookup: l.name })
          return {
            id: lid,
            label: l.name,
            detail: l.visibleName && l.visibleName !== l.name ? l.visibleName : undefined,
            badges: warnBadges(valueWarnings),
            node: { kind: 'lookup', resource: r.name, lookup: l },
            match: [l.name, l.visibleName],
            children: () => {
              const values = src.lookupValues(r.name, l.name)
              if (values === 'loading') return [message(metaKey('m', lid), 'Loading values…')]
              if (values === undefined) return [message(metaKey('m', lid), 'Expand to load values')]
              if (!values.length)
                return valueWarnings.length ? warnRows(lid, valueWarnings) : [message(metaKey('m', lid), 'No values')]
              return values.map((v) => ({
                id: metaKey('v', r.name, l.name, v.value),
                label: v.value,
                detail: v.longValue ?? v.shortValue,
                node: { kind: 'value', resource: r.name, lookup: l.name, value: v },
                match: [v.value, v.longValue, v.shortValue, v.standardValue]
              }))
            }
          }
        })
      )
  }
}

function matches(n: TreeNode, needle: string): boolean {
  for (const t of n.match) if (t && t.toLowerCase().includes(needle)) return true
  return false
}

function row(n: TreeNode, depth: number, expanded: boolean): TreeRow {
  return {
    id: n.id,
    depth,
    label: n.label,
    ...(n.detail !== undefined ? { detail: n.detail } : {}),
    badges: n.badges ?? NO_BADGES,
    expandable: n.children !== undefined,
    expanded,
    node: n.node
  }
}

/** Everything below an unfiltered (or matched and opened) node: children only of open nodes. */
function walkOpen(n: TreeNode, depth: number, open: ReadonlySet<string>, out: TreeRow[]): void {
  const isOpen = n.children !== undefined && open.has(n.id)
  out.push(row(n, depth, isOpen))
  if (isOpen) for (const c of n.children!()) walkOpen(c, depth + 1, open, out)
}

/** Filtered walk: returns true when this node or a descendant matched (and rows were added). */
function walkFiltered(n: TreeNode, depth: number, open: ReadonlySet<string>, needle: string, out: TreeRow[]): boolean {
  const self = matches(n, needle)
  if (self && (!n.children || open.has(n.id))) {
    walkOpen(n, depth, open, out)
    return true
  }
  const at = out.length
  out.push(row(n, depth, true))
  let hit = false
  if (n.children) for (const c of n.children()) hit = walkFiltered(c, depth + 1, open, needle, out) || hit
  if (hit) return true
  out.length = at
  if (self) {
    out.push(row(n, depth, false))
    return true
  }
  return false
}

export function flattenTree(src: TreeSources, open: ReadonlySet<string>, filter = ''): TreeRow[] {
  const out: TreeRow[] = []
  const needle = filter.trim().toLowerCase()
  for (const r of src.summary.resources) {
    const node = buildResource(src, r)
    if (needle) walkFiltered(node, 0, open, needle, out)
    else walkOpen(node, 0, open, out)
  }
  return out
}

/** Index of the parent row (the nearest row above with a smaller depth), for the Left-arrow key. */
export function parentIndex(rows: readonly TreeRow[], index: number): number {
  const depth = rows[index]?.depth ?? 0
  for (let i = index - 1; i >= 0; i--) if (rows[i]!.depth < depth) return i
  return -1
}

/** What inserting or copying a row gives: a field's system name, a lookup value, a resource/class name. */
export function nameOf(row: TreeRow): string | undefined {
  switch (row.node.kind) {
    case 'field':
      return row.node.field.systemName
    case 'value':
      return row.node.value.value
    case 'message':
    case 'lookups':
    case 'objects':
      return undefined
    default:
      return row.label
  }
}

/** "v1.00.00001 · 2026-05-02"; servers that report no version (Spark) show only what they do report. */
export function versionLabel(system: Pick<SystemInfo, 'version' | 'timestamp'>): string {
  const parts = [system.version ? `v${system.version}` : '', system.timestamp?.slice(0, 10) ?? '']
  return parts.filter(Boolean).join(' · ') || 'no version reported'
}
