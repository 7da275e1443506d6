// Reading user-editable JSON files (profiles, saved queries, their import files). People open these in editors and
// git, so the ways they break — a syntax slip, or something other than the object expected — are told apart and
// each caller turns them into its own error with its own hint.
export type JsonRead = { ok: true; value: unknown } | { ok: false; problem: 'not-json'; detail: string }

export type JsonObjectRead =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; problem: 'not-json'; detail: string }
  | { ok: false; problem: 'not-an-object' }

export function readJson(text: string): JsonRead {
  try {
    // a UTF-8 BOM from Windows editors is not part of the JSON
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown }
  } catch (err) {
    return { ok: false, problem: 'not-json', detail: err instanceof Error ? err.message : String(err) }
  }
}

export function readJsonObject(text: string): JsonObjectRead {
  const read = readJson(text)
  if (!read.ok) return read
  const value = read.value
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, problem: 'not-an-object' }
  return { ok: true, value: value as Record<string, unknown> }
}
