// streamXml's saxes path holds a tag, comment, CDATA section or text node until it ends, like the light tokenizer's
// pending markup: one that has not ended after the cap is refused (REPLY_MARKUP_TOO_LARGE) naming what it was, also
// when its start arrived a character per chunk; a reply of many small pieces longer than the cap in all is read; and
// saxes's per-problem errors stay cheap past the warnings kept.
import { describe, expect, it } from 'vitest'
import { streamXml, type XmlHandlers } from '../../../../src-main/protocols/rets/xml-stream'
import { MarkupTooLargeError } from '../../../../src-main/protocols/rets/pending-markup'

const MB = 1024 * 1024
const max = MB

/** `head`, then `filler` in 16 KB chunks until `bytes` were written; how many were pulled before it stopped. */
async function feed(
  head: string[],
  filler: string,
  bytes: number,
  tail = ''
): Promise<{ error: unknown; pulled: number; texts: number; warnings: string[] }> {
  let pulled = 0
  let texts = 0
  const chunk = filler && filler.repeat(Math.ceil((16 * 1024) / filler.length))
  async function* body(): AsyncGenerator<string> {
    yield* head
    for (; chunk && pulled < bytes; pulled += chunk.length) yield chunk
    yield tail
  }
  const handlers: XmlHandlers = { open() {}, close() {}, text: () => void texts++ }
  try {
    const { warnings } = await streamXml(body(), 'text/xml', handlers, { parser: 'saxes', maxMarkupChars: max })
    return { error: undefined, pulled, texts, warnings }
  } catch (error) {
    return { error, pulled, texts, warnings: [] }
  }
}

const endless: [string, string, string, RegExp][] = [
  ['CDATA section', '<![CDATA[', 'ab]] ]>c>', /CDATA section/],
  ['comment', '<!--', 'ab- ->c>', /comment/],
  ['processing instruction', '<?pi ', 'ab? >c', /processing instruction/],
  ['attribute value', '<DATA a="', `ab'>c>`, /tag <DATA/],
  ['text node', '<DATA>', 'ab c > d ', /text value/],
  ['tag of endless attributes', '<DATA', ' a="b"', /tag <DATA/]
]

describe('the saxes path of streamXml', () => {
  for (const [what, open, filler, named] of endless) {
    it(`refuses an endless ${what} after the cap, naming it`, async () => {
      const { error, pulled } = await feed(['<RETS><X>', open], filler, 8 * max)
      expect(error).toBeInstanceOf(MarkupTooLargeError)
      expect((error as MarkupTooLargeError).code).toBe('REPLY_MARKUP_TOO_LARGE')
      expect((error as MarkupTooLargeError).message).toMatch(named)
      expect((error as MarkupTooLargeError).message).toMatch(/1 MB/)
      expect(pulled).toBeLessThan(max + 64 * 1024)
    })
  }

  it('names an endless CDATA section whose start arrived a character per chunk', async () => {
    const { error } = await feed([...'<RETS><X>\r\n <![CDATA['], 'ab]] ]>c>', 4 * max)
    expect((error as Error).message).toMatch(/CDATA section/)
  })

  it('refuses an endless DOCTYPE before the root', async () => {
    const { error } = await feed(['<!DOCTYPE RETS [ <!ENTITY a "'], 'b>c', 4 * max)
    expect((error as Error).message).toMatch(/DOCTYPE/)
  })

  it('reads a reply of many small elements and sections far longer than the cap', async () => {
    const { error, pulled, texts } = await feed(
      ['<RETS><X>'],
      '<A b="c">d</A><![CDATA[e]]><!--f--><?g h?>\n',
      4 * max,
      '</X></RETS>'
    )
    expect(error).toBeUndefined()
    expect(pulled).toBeGreaterThan(4 * max)
    expect(texts).toBeGreaterThan(100_000)
  })

  it('reads one value just under the cap', async () => {
    const value = 'v'.repeat(max - 1000)
    const { error, texts } = await feed(
      ['<RETS><X><![CDATA[', value, ']]>', '<Y>', value, '</Y>'],
      '',
      0,
      '</X></RETS>'
    )
    expect(error).toBeUndefined()
    expect(texts).toBe(2)
  })

  it('keeps the first problems (with their position) and only counts the rest cheaply', async () => {
    // a stray `--` every few characters: one problem each, ~300,000 here
    const t0 = performance.now()
    const { error, warnings } = await feed(['<RETS><X>'], '<!--a-- b-->', 3 * MB, '</X></RETS>')
    const ms = performance.now() - t0
    expect(error).toBeUndefined()
    const problems = warnings.filter((w) => w.startsWith('XML problem'))
    expect(problems).toHaveLength(20)
    expect(problems[0]).toMatch(/^XML problem: 1:\d+: malformed comment/)
    // a stack trace per problem took ~0.5 s per MB of such text; counting takes a small fraction of that
    console.log(`3 MB of malformed comments: ${Math.round(ms)} ms`)
    expect(ms).toBeLessThan(1000)
  })

  it('refuses elements nested more than 1,000 deep, and reads 1,000 (self-closing ones do not count)', async () => {
    const deep = await feed(['<RETS>'], '<a>', 64 * 1024)
    expect(deep.error).toMatchObject({ code: 'REPLY_NESTING_TOO_DEEP' })
    expect(deep.pulled).toBeLessThan(64 * 1024)
    const ok = await feed(['<RETS>', '<a>'.repeat(998), '<b/>'.repeat(5000), '</a>'.repeat(998)], '', 0, '</RETS>')
    expect(ok.error).toBeUndefined()
  })
})
