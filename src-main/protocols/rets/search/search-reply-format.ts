// A search reply is read as what it is, not as what was asked: some servers answer a STANDARD-XML search in
// COMPACT (read as XML, its rows vanish: "0 rows of 6 matching") or the other way round. The first bytes tell:
// COMPACT has <DELIMITER>/<COLUMNS>, STANDARD-XML a data container (<REData>, vendor names) inside <RETS>.
import type { SearchFormat } from './search-request'

export type ReplyFamily = 'COMPACT' | 'STANDARD-XML'

/** Elements both formats (and a reply with no rows) share: they decide nothing. */
const SHARED = new Set(['?XML', 'RETS', 'RETS-STATUS', 'COUNT', 'MAXROWS', '!--', '!DOCTYPE'])
/** Look this far at most: a reply whose first 64 KB decide nothing has no rows to misread. */
const SNIFF_LIMIT = 64 * 1024

/** COMPACT / STANDARD-XML from the first elements; undefined when they do not decide (yet). */
export function sniffReplyFamily(head: string): ReplyFamily | undefined {
  const tags = /<([!?]?[A-Za-z][\w.:-]*|!--)/g
  for (let m = tags.exec(head); m; m = tags.exec(head)) {
    const name = m[1]!.toUpperCase()
    if (name === 'DELIMITER' || name === 'COLUMNS' || name === 'DATA') return 'COMPACT'
    if (!SHARED.has(name)) return 'STANDARD-XML'
  }
  return undefined
}

export function familyOf(format: SearchFormat | undefined): ReplyFamily {
  return (format ?? 'COMPACT-DECODED') === 'STANDARD-XML' ? 'STANDARD-XML' : 'COMPACT'
}

/**
 * Reads ahead until the reply's family is known (or 64 KB / the end passed), then hands back a stream that
 * replays what was read. `family` is the requested one when the reply does not say.
 */
export async function detectReplyFamily(
  body: AsyncIterable<Buffer>,
  requested: ReplyFamily
): Promise<{ family: ReplyFamily; detected: boolean; stream: AsyncIterable<Buffer> }> {
  const it = body[Symbol.asyncIterator]()
  const seen: Buffer[] = []
  let head = ''
  let found: ReplyFamily | undefined
  while (found === undefined && head.length < SNIFF_LIMIT) {
    const next = await it.next()
    if (next.done) break
    seen.push(next.value)
    head += next.value.toString('latin1')
    found = sniffReplyFamily(head)
  }
  const stream = (async function* (): AsyncGenerator<Buffer> {
    yield* seen
    for (;;) {
      const next = await it.next()
      if (next.done) return
      yield next.value
    }
  })()
  return { family: found ?? requested, detected: found !== undefined, stream }
}
