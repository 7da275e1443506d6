// /v1/propertytypes: [{MlsName, MlsCode}] — the values of the PropertyType standard field (listings carry the code).
import type { LookupMeta } from '../../../domain/metadata/metadata-model'
import { scalarAttrs } from './standard-fields'

export function parsePropertyTypes(results: unknown[]): LookupMeta {
  const values = []
  for (const item of results) {
    if (typeof item !== 'object' || item === null) continue
    const rec = item as Record<string, unknown>
    if (typeof rec.MlsCode !== 'string') continue
    const value = { value: rec.MlsCode, attrs: scalarAttrs(rec) } as {
      value: string
      longValue?: string
      attrs: Record<string, string>
    }
    if (typeof rec.MlsName === 'string') value.longValue = rec.MlsName
    values.push(value)
  }
  return { name: 'PropertyType', visibleName: 'Property types', values, attrs: {} }
}
