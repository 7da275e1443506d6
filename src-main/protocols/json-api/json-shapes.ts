// Narrowing of parsed JSON (server replies are `unknown` until checked): one definition for the Spark, OData and
// OAuth readers.
export type JsonObject = Record<string, unknown>

/** The value as a plain object, or undefined for arrays, null and scalars. */
export function asRecord(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined
}
