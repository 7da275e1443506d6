// `{{name}}` placeholders in saved queries (the habit Postman and Bruno users bring): found with their source
// ranges for the editor, and replaced from an environment, `--var` values and the dynamic dates. A placeholder with
// no value is reported, never silently left in or emptied: a query sent with `{{since}}` in it would just fail on the
// server with a less helpful message.
import { dynamicValue, isDynamicName } from './dynamic-dates'

/** Letters, digits, `_`, `-`, `.`; or a dynamic name such as `$today-1d`. Spaces inside the braces are allowed. */
const PLACEHOLDER = /\{\{\s*(\$?[A-Za-z_][A-Za-z0-9_.+-]*)\s*\}\}/g

export interface VariableUse {
  name: string
  /** offsets of the whole `{{…}}` in the text */
  start: number
  end: number
}

export function findVariables(text: string): VariableUse[] {
  const uses: VariableUse[] = []
  for (const m of text.matchAll(PLACEHOLDER)) {
    uses.push({ name: m[1]!, start: m.index, end: m.index + m[0].length })
  }
  return uses
}

export interface SubstitutionResult<T> {
  value: T
  /** names that had no value (each once, in order of first use) */
  missing: string[]
  /** names that were replaced */
  used: string[]
}

function resolve(name: string, values: Readonly<Record<string, string>>, now: Date): string | undefined {
  if (isDynamicName(name)) return dynamicValue(name, now)
  return Object.hasOwn(values, name) ? values[name] : undefined
}

/** Replaces every placeholder in a string. */
export function substituteText(
  text: string,
  values: Readonly<Record<string, string>>,
  now: Date = new Date()
): SubstitutionResult<string> {
  const missing: string[] = []
  const used: string[] = []
  const value = text.replace(PLACEHOLDER, (whole, name: string) => {
    const v = resolve(name, values, now)
    if (v === undefined) {
      if (!missing.includes(name)) missing.push(name)
      return whole
    }
    if (!used.includes(name)) used.push(name)
    return v
  })
  return { value, missing, used }
}

/** Replaces placeholders in every string of a JSON-like value (a query spec: filter, select, resource…). */
export function substituteDeep<T>(
  input: T,
  values: Readonly<Record<string, string>>,
  now: Date = new Date()
): SubstitutionResult<T> {
  const missing: string[] = []
  const used: string[] = []
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const r = substituteText(v, values, now)
      for (const n of r.missing) if (!missing.includes(n)) missing.push(n)
      for (const n of r.used) if (!used.includes(n)) used.push(n)
      return r.value
    }
    if (Array.isArray(v)) return v.map(walk)
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
    }
    return v
  }
  return { value: walk(input) as T, missing, used }
}
