// OData literals from field types (OData ABNF, RESO Web API Core §2): strings quoted with '' doubling, numbers and
// booleans bare, Edm.Date / Edm.DateTimeOffset UNQUOTED, enums either `Namespace.Enum'Value'` or a plain string —
// servers differ, so the style is a per-profile setting. Multi-select: `has` for flags enums, any() for
// collections.
import type { FieldMeta } from '../../../domain/metadata/metadata-model'

export type EnumStyle = 'qualified' | 'string'
export type LiteralValue = string | number | boolean | null

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`
}

function isEnumType(dataType: string): boolean {
  return !dataType.startsWith('Edm.') && dataType.includes('.')
}

export function formatODataLiteral(
  value: LiteralValue,
  field: FieldMeta | undefined,
  enumStyle: EnumStyle = 'qualified'
): string {
  if (value === null) return 'null'
  const type = field?.dataType ?? ''
  if (isEnumType(type)) return enumStyle === 'qualified' ? `${type}${quote(String(value))}` : quote(String(value))
  switch (type) {
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Int64':
    case 'Edm.Byte':
    case 'Edm.SByte':
    case 'Edm.Decimal':
    case 'Edm.Double':
    case 'Edm.Single': {
      const n = typeof value === 'number' ? value : Number(value)
      if (!Number.isFinite(n)) throw new TypeError(`${String(value)} is not a number for ${field?.systemName}`)
      return String(n)
    }
    case 'Edm.Boolean':
      return value === true || value === 'true' ? 'true' : 'false'
    case 'Edm.Date':
      return String(value).slice(0, 10)
    case 'Edm.DateTimeOffset': {
      const text = String(value)
      // a bare date-time gets Z: OData requires the offset
      return /T.*(Z|[+-]\d\d:\d\d)$/.test(text) ? text : /T/.test(text) ? `${text}Z` : `${text}T00:00:00Z`
    }
    case 'Edm.Guid':
      return String(value)
    default:
      return typeof value === 'string' ? quote(value) : String(value)
  }
}

/** `Field eq literal` with the literal formatted for the field. */
export function comparison(
  field: FieldMeta,
  op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le',
  value: LiteralValue,
  enumStyle: EnumStyle = 'qualified'
): string {
  return `${field.systemName} ${op} ${formatODataLiteral(value, field, enumStyle)}`
}

/** Multi-select contains: `has` (flags enum) or `any()` over a collection. */
export function containsValue(
  field: FieldMeta,
  value: string,
  style: 'has' | 'any',
  enumStyle: EnumStyle = 'qualified'
): string {
  const literal = formatODataLiteral(value, field, enumStyle)
  return style === 'has' ? `${field.systemName} has ${literal}` : `${field.systemName}/any(v: v eq ${literal})`
}
