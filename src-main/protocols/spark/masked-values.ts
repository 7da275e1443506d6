// Spark masks fields that are not MlsVisible for the listing's PropertyType / the key's role with eight asterisks
// (Spark API documentation, "Restricted Fields"). A masked value is not data: the grid shows it as masked and filters
// ignore it.

export const SPARK_MASKED_VALUE = '********'

export function isMaskedValue(value: unknown): boolean {
  return value === SPARK_MASKED_VALUE
}

/** Names of the fields of one StandardFields object whose value is masked, in the server's order. */
export function maskedFieldNames(fields: Record<string, unknown>): string[] {
  return Object.keys(fields).filter((name) => isMaskedValue(fields[name]))
}
