// One OData JSON page as already-parsed JSON (small replies: single entities, the Lookup resource, fixtures).
// Big pages go through the streaming splitter instead (json-array-splitter.ts); both report the same facts.
import { AppError } from '../../../contract/app-error'

export interface ODataPage {
  rows: Array<Record<string, unknown>>
  nextLink?: string
  /** @odata.count; servers send it as a number or as a string */
  count?: number
  context?: string
}

export function readCount(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim())
  return undefined
}

/** The page facts other than `value` (from any object holding the top-level members). */
export function pageMembers(members: Record<string, unknown>): Omit<ODataPage, 'rows'> {
  const page: Omit<ODataPage, 'rows'> = {}
  const next = members['@odata.nextLink'] ?? members['odata.nextLink']
  if (typeof next === 'string' && next !== '') page.nextLink = next
  const count = readCount(members['@odata.count'] ?? members['odata.count'])
  if (count !== undefined) page.count = count
  const context = members['@odata.context']
  if (typeof context === 'string') page.context = context
  return page
}

export function parseODataPage(body: unknown): ODataPage {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError({ code: 'ODATA_BAD_PAGE', message: 'The reply is not an OData JSON object.' })
  }
  const rec = body as Record<string, unknown>
  const value = rec.value
  // a single entity (Property('key')) has no `value`: it is its own one row
  const rows = Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [rec]
  return { rows, ...pageMembers(rec) }
}
