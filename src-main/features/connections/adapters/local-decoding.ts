// COMPACT-DECODED refused (many servers only speak COMPACT): the search runs again in COMPACT and the lookup codes
// are decoded here from the metadata (TABLE → LookupName, LOOKUP_TYPE → LongValue), as COMPACT-DECODED would
// have shown them. Multi-select values are comma-separated codes, decoded one by one.
import type { FieldMeta, LookupValue } from '../../../../domain/metadata/metadata-model'
import type { ResultColumn } from '../../../../contract/results-channels'
import type { ResultInfo, ResultWriter } from '../../../platform/results/result-types'

export interface LookupSource {
  loadTable(resource: string, cls: string, signal?: AbortSignal): Promise<FieldMeta[]>
  loadLookup(resource: string, lookup: string, signal?: AbortSignal): Promise<LookupValue[]>
}

export interface DecodeRequest {
  resource: string
  class: string
  standardNames?: boolean | undefined
  /** only these columns need decoding (all lookup fields when absent) */
  select?: string[] | undefined
}

type ValueMap = Map<string, string>

/** Per column name, code → long value, for the lookup fields the search returns. */
export async function loadDecodeTables(
  meta: LookupSource,
  req: DecodeRequest,
  signal?: AbortSignal
): Promise<Map<string, ValueMap>> {
  const fields = await meta.loadTable(req.resource, req.class, signal)
  const wanted = req.select?.length ? new Set(req.select) : undefined
  const tables = new Map<string, ValueMap>()
  const byLookup = new Map<string, ValueMap>()
  for (const f of fields) {
    const column = req.standardNames ? f.standardName : f.systemName
    if (!column || !f.lookupName || (wanted && !wanted.has(column))) continue
    if (f.interpretation && !/^lookup/i.test(f.interpretation)) continue
    let table = byLookup.get(f.lookupName)
    if (!table) {
      const values = await meta.loadLookup(req.resource, f.lookupName, signal)
      table = new Map(values.map((v) => [v.value, v.longValue ?? v.shortValue ?? v.value]))
      byLookup.set(f.lookupName, table)
    }
    tables.set(column, table)
  }
  return tables
}

/** A writer that decodes lookup columns before the rows reach `writer`, and adds `note` to the result's warnings. */
export function decodingWriter(writer: ResultWriter, tables: Map<string, ValueMap>, note: string): ResultWriter {
  let decoders: Array<ValueMap | undefined> = []
  return {
    setColumns(columns: ResultColumn[]) {
      decoders = columns.map((c) => tables.get(c.name))
      writer.setColumns(columns)
    },
    // no appendDelimited: rows arrive as values so they can be decoded
    append(row: string[]) {
      writer.append(row.map((v, i) => decode(v, decoders[i])))
    },
    setInfo(info: Partial<ResultInfo>) {
      const warnings = info.warnings ? [note, ...info.warnings.filter((w) => w !== note)] : undefined
      writer.setInfo(warnings ? { ...info, warnings } : info)
    },
    room: () => writer.room?.()
  }
}

function decode(value: string, table: ValueMap | undefined): string {
  if (!table || value === '') return value
  const one = table.get(value)
  if (one !== undefined) return one
  if (!value.includes(',')) return value
  return value
    .split(',')
    .map((code) => table.get(code) ?? code)
    .join(',')
}

/** Was COMPACT-DECODED itself refused (not the query)? Servers say so in the reply text. */
export function refusedDecodedFormat(err: unknown): boolean {
  // serverSaid: the server's own words (the message also names the request, whose URL says Format=…)
  const e = err as { code?: string; message?: string; serverSaid?: string }
  return /^RETS_20\d{3}$/.test(e.code ?? '') && /format|compact-decoded/i.test(e.serverSaid ?? e.message ?? '')
}
