// A result column's tooltip: the server's system name is what the grid shows; the metadata's long and standard
// names, type and lookup are what an integrator needs to read it.
import type { FieldMeta } from '../../../domain/metadata/metadata-model'

export function columnTitle(name: string, lookupName: string | undefined, field: FieldMeta | undefined): string {
  const lines = [name]
  if (field?.longName && field.longName !== name) lines.push(field.longName)
  const facts = [
    field?.standardName && field.standardName !== name ? `standard name ${field.standardName}` : undefined,
    field?.dataType ? `${field.dataType}${field.maxLength ? `(${field.maxLength})` : ''}` : undefined,
    lookupName ? `lookup ${lookupName}` : undefined
  ].filter(Boolean)
  if (facts.length) lines.push(facts.join(' · '))
  return lines.join('\n')
}
