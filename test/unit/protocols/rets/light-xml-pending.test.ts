// Long unfinished markup in the light tokenizer: the end of a CDATA section, comment, PI or tag split across chunks
// anywhere is still found (also where the terminator itself is split), a `>` inside a quoted attribute value does
// not end a tag, markup that never ends is refused past the cap naming what it was, and a long token is not
// rescanned at every chunk (the scans are counted).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LightXmlTokenizer } from '../../../../src-main/protocols/rets/light-xml-tokenizer'
import { LONG_MARKUP, MarkupTooLargeError } from '../../../../src-main/protocols/rets/pending-markup'

type Event = [string, ...unknown[]]

function run(parts: string[], max?: number): { events: Event[]; errors: string[] } {
  const events: Event[] = []
  const errors: string[] = []
  const tok = new LightXmlTokenizer(
    {
      open: (name, attrs, selfClosing) => events.push(['open', name, { ...attrs }, selfClosing]),
      close: (name) => events.push(['close', name]),
      text: (t) => {
        const last = events[events.length - 1]
        if (last?.[0] === 'text') last[1] = String(last[1]) + t
        else events.push(['text', t])
      }
    },
    (m) => errors.push(m),
    max
  )
  for (const p of parts) tok.write(p)
  tok.close()
  return { events, errors }
}

/** `doc` cut right before each `at` and into `size`-character chunks elsewhere. */
function chunks(doc: string, size: number, at: number[] = []): string[] {
  const cuts = new Set(at)
  for (let i = size; i < doc.length; i += size) cuts.add(i)
  const sorted = [...cuts].sort((a, b) => a - b)
  return sorted.map((c, i) => doc.slice(i ? sorted[i - 1] : 0, c)).concat(doc.slice(sorted[sorted.length - 1]))
}

const long = 'x'.repeat(LONG_MARKUP * 2 + 123)
const cases: [string, string, string][] = [
  ['CDATA', `<![CDATA[${long}]] ]>]]>`, ']]>'],
  ['comment', `<!--${long}- -->-`, '-->'],
  ['processing instruction', `<?pi ${long}? ?>?`, '?>'],
  ['attribute value with ">"s', `<Field a="${long.slice(0, 9000)}>${long}>" b='>'/>`, '/>']
]

afterEach(() => vi.restoreAllMocks())

describe('long markup across chunks', () => {
  for (const [what, markup, end] of cases) {
    it(`finds the end of a ${what} wherever the chunks cut its terminator`, () => {
      const doc = `<RETS>a${markup}<X/>b</RETS>`
      const whole = run([doc])
      expect(whole.errors).toEqual([])
      const endAt = doc.indexOf(end, doc.length - 40)
      for (const size of [4096, 65536, 100_000]) {
        for (let k = 0; k <= end.length; k++) {
          // the terminator split after k of its characters (and a cut through the `>`s of the attribute values)
          const parts = chunks(doc, size, [endAt + k, doc.indexOf('>', 20) + 1])
          expect(run(parts), `${size}/${k}`).toEqual(whole)
        }
      }
      expect(whole.events).toContainEqual(['open', 'X', {}, true])
    })
  }

  it('reads long markup trickled a character per chunk', () => {
    for (const [, markup] of cases) {
      const doc = `<RETS>${markup.slice(0, 20_000)}${markup.slice(-30)}</RETS>`
      expect(run([...doc])).toEqual(run([doc]))
    }
  })

  it('keeps the `>` inside quoted values, split across chunks', () => {
    const value = `${'>'.repeat(LONG_MARKUP)}">`
    const doc = `<RETS><F q='${value}' r="x>y"/></RETS>`
    const parts = chunks(doc, 1000, [doc.indexOf('"x') + 2, doc.indexOf('y"') + 1])
    expect(run(parts).events[1]).toEqual(['open', 'F', { q: value, r: 'x>y' }, true])
  })
})

describe('markup that never ends', () => {
  const max = 1024 * 1024
  const endless: [string, string, RegExp][] = [
    ['CDATA', '<![CDATA[', /CDATA section/],
    ['comment', '<!--', /comment/],
    ['attribute value', '<DATA a="', /tag <DATA/],
    ['processing instruction', '<?x ', /processing instruction/]
  ]
  for (const [what, open, named] of endless) {
    it(`an endless ${what} is refused after the cap, naming it`, () => {
      const tok = new LightXmlTokenizer({ open() {}, close() {}, text() {} }, () => undefined, max)
      tok.write(`<RETS>${open}`)
      // `>`s and quotes of the other kind inside, so a tag's value looks as if it might end at every chunk
      const filler = `ab>c'${'y'.repeat(16 * 1024)}`
      let thrown: unknown
      let written = 0
      try {
        for (; written < 4 * max; written += filler.length) tok.write(filler)
      } catch (err) {
        thrown = err
      }
      expect(thrown).toBeInstanceOf(MarkupTooLargeError)
      expect((thrown as MarkupTooLargeError).message).toMatch(named)
      expect((thrown as MarkupTooLargeError).message).toMatch(/1 MB/)
      expect(written).toBeLessThan(max + 2 * filler.length)
    })
  }

  it('an endless CDATA section trickled a character per chunk is refused after the cap', () => {
    const tok = new LightXmlTokenizer({ open() {}, close() {}, text() {} }, () => undefined, max)
    tok.write('<RETS><![CDATA[')
    const t0 = performance.now()
    expect(() => {
      for (let i = 0; i < 2 * max; i++) tok.write(i % 7 ? 'a' : ']')
    }).toThrow(MarkupTooLargeError)
    console.log(`1 MB a character per write: ${Math.round(performance.now() - t0)} ms`)
  })

  it('does not rescan a long token at every chunk', () => {
    const scan = vi.spyOn(LightXmlTokenizer.prototype as unknown as { scan(b: string): number }, 'scan')
    const value = `a>b${'z'.repeat(4096)}`
    const count = 2000 // 8 MB in 4 KB chunks, each with a `>` that does not end the tag
    run(['<RETS><F v="', ...Array<string>(count).fill(value), '"/></RETS>'])
    // a rescan only after the token grew by half: logarithmically many, not one per chunk
    expect(scan.mock.calls.length).toBeLessThan(60)
    scan.mockClear()
    run(['<RETS><![CDATA[', ...Array<string>(count).fill(value), ']]></RETS>'])
    expect(scan.mock.calls.length).toBeLessThan(40)
  })
})
