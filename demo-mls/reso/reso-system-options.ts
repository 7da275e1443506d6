// Which system query options the Demo MLS honours. OData Part 2 §5: a service answers 501 Not Implemented for a
// system query option it knows but does not support, and 400 for one that does not exist; custom options (no `$`)
// are the service's own and unknown ones are ignored. A system query option may appear only once (§5).
import { ODataRequestError } from './odata-request-error'

/** Options of a request URL, and the ones that may appear inside `$expand=Nav(…)`. */
export const SUPPORTED = {
  top: new Set(['$filter', '$select', '$expand', '$orderby', '$top', '$skip', '$count', '$skiptoken', '$format']),
  nested: new Set(['$filter', '$select', '$expand', '$orderby', '$top', '$skip', '$count'])
} as const

const KNOWN_NOT_SUPPORTED = new Set([
  '$search',
  '$apply',
  '$compute',
  '$index',
  '$schemaversion',
  '$deltatoken',
  '$levels',
  '$id'
])

export function checkSystemOptions(names: Iterable<string>, where: 'top' | 'nested'): void {
  const seen = new Set<string>()
  for (const name of names) {
    if (!name.startsWith('$')) continue
    if (seen.has(name)) throw new ODataRequestError(400, 'BadRequest', `${name} is given more than once.`, name)
    seen.add(name)
    if (SUPPORTED[where].has(name)) continue
    if (KNOWN_NOT_SUPPORTED.has(name) || (where === 'nested' && SUPPORTED.top.has(name)))
      throw new ODataRequestError(
        501,
        'NotImplemented',
        `${name} is not supported by this service${where === 'nested' ? ' inside $expand' : ''}.`,
        name
      )
    throw new ODataRequestError(400, 'BadRequest', `${name} is not an OData system query option.`, name)
  }
}

/** $format: JSON only (the metadata document is the one XML resource). */
export function checkFormat(value: string | null): void {
  if (value === null) return
  const v = value.toLowerCase()
  if (v === 'json' || v.startsWith('application/json')) return
  throw new ODataRequestError(406, 'NotAcceptable', `$format=${value}: this service answers in JSON only.`, '$format')
}
