// What changed between two metadata snapshots of one server: resources, classes, fields (and which of their
// attributes), lookups and lookup values. MLSs change metadata under integrators' feet (a renamed lookup value, a
// field that stops being searchable); this says what to fix in a mapping. Only parts loaded in BOTH snapshots are
// compared at the field / value level, and the result says which were skipped.
import type { FieldMeta, LookupValue, MetadataModel, ResourceMeta } from './metadata-model'
import type { ChangeLevel, MetadataChange, MetadataDiff } from '../../contract/metadata-channels'

const FIELD_ATTRS: Array<keyof FieldMeta> = [
  'standardName',
  'longName',
  'dataType',
  'maxLength',
  'precision',
  'interpretation',
  'lookupName',
  'searchable',
  'required',
  'isKey'
]
const VALUE_ATTRS: Array<keyof LookupValue> = ['longValue', 'shortValue', 'standardValue']

function byName<T>(items: T[], key: (t: T) => string): Map<string, T> {
  return new Map(items.map((t) => [key(t), t]))
}

function show(v: unknown): string {
  return v === undefined || v === '' ? '(none)' : String(v)
}

function attrChanges<T>(a: T, b: T, attrs: Array<keyof T>): string[] {
  return attrs.filter((k) => show(a[k]) !== show(b[k])).map((k) => `${String(k)}: ${show(a[k])} → ${show(b[k])}`)
}

/** Added / removed / changed between two keyed lists; `inBoth` goes deeper for the items both have. */
function compare<T>(
  older: T[],
  newer: T[],
  key: (t: T) => string,
  level: ChangeLevel,
  path: (name: string) => string,
  out: MetadataChange[],
  inBoth?: (a: T, b: T) => void
): void {
  const a = byName(older, key)
  const b = byName(newer, key)
  for (const [name, item] of b) {
    const before = a.get(name)
    if (!before) out.push({ kind: 'added', level, path: path(name) })
    else inBoth?.(before, item)
  }
  for (const name of a.keys()) if (!b.has(name)) out.push({ kind: 'removed', level, path: path(name) })
}

function diffResource(a: ResourceMeta, b: ResourceMeta, out: MetadataChange[], notCompared: string[]): void {
  const r = b.name
  compare(
    a.classes,
    b.classes,
    (c) => c.name,
    'class',
    (n) => `${r}:${n}`,
    out,
    (ca, cb) => {
      if (!ca.fields || !cb.fields) {
        notCompared.push(`fields of ${r}:${cb.name}`)
        return
      }
      compare(
        ca.fields,
        cb.fields,
        (f) => f.systemName,
        'field',
        (n) => `${r}:${cb.name}.${n}`,
        out,
        (fa, fb) => {
          const details = attrChanges(fa, fb, FIELD_ATTRS)
          if (details.length)
            out.push({ kind: 'changed', level: 'field', path: `${r}:${cb.name}.${fb.systemName}`, details })
        }
      )
    }
  )
  compare(
    a.lookups,
    b.lookups,
    (l) => l.name,
    'lookup',
    (n) => `${r}/${n}`,
    out,
    (la, lb) => {
      if (!la.values || !lb.values) {
        notCompared.push(`values of ${r}/${lb.name}`)
        return
      }
      compare(
        la.values,
        lb.values,
        (v) => v.value,
        'value',
        (n) => `${r}/${lb.name}=${n}`,
        out,
        (va, vb) => {
          const details = attrChanges(va, vb, VALUE_ATTRS)
          if (details.length)
            out.push({ kind: 'changed', level: 'value', path: `${r}/${lb.name}=${vb.value}`, details })
        }
      )
    }
  )
}

export function diffMetadata(older: MetadataModel, newer: MetadataModel): MetadataDiff {
  const changes: MetadataChange[] = []
  const notCompared: string[] = []
  compare(
    older.resources,
    newer.resources,
    (r) => r.name,
    'resource',
    (n) => n,
    changes,
    (a, b) => diffResource(a, b, changes, notCompared)
  )
  const counts = { added: 0, removed: 0, changed: 0 }
  for (const c of changes) counts[c.kind]++
  const stamp = (m: MetadataModel) => ({
    ...(m.system.version ? { version: m.system.version } : {}),
    ...(m.system.timestamp ? { timestamp: m.system.timestamp } : {})
  })
  return { from: stamp(older), to: stamp(newer), changes, counts, notCompared }
}
