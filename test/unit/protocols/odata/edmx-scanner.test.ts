// The EDMX tokenizer: what it hands the reader at any chunking, what it refuses as not well-formed, and that a
// hostile document (an entity bomb, a huge tag arriving in small pieces) costs neither expansion nor quadratic time.
import { describe, expect, it } from 'vitest'
import { EdmxScanner, type EdmxScanHandler, type EdmxTag } from '../../../../src-main/protocols/odata/edmx-scanner'
import { readEdmx } from '../../../../src-main/protocols/odata/edmx-reader'
import { MarkupTooLargeError } from '../../../../src-main/protocols/rets/pending-markup'

/** Records every event; text is collected inside elements named "Text" only (as the reader does for Annotations). */
function recorder(): EdmxScanHandler & { events: string[] } {
  const events: string[] = []
  let depth = 0
  return {
    events,
    get wantsText() {
      return depth > 0
    },
    open(name: string, tag: EdmxTag, selfClosing: boolean) {
      const attrs: string[] = []
      for (let i = 0; i < tag.count; i++) attrs.push(`${tag.nameAt(i)}=${tag.valueAt(i)}`)
      events.push(`<${name}${attrs.map((a) => ' ' + a).join('')}${selfClosing ? '/' : ''}>`)
      if (name === 'Text') depth++
    },
    close(name: string) {
      if (name === 'Text') depth--
      events.push(`</${name}>`)
    },
    text(text: string) {
      const last = events.length - 1
      if (events[last]?.startsWith('#')) events[last] += text
      else events.push(`#${text}`)
    }
  }
}

function scan(xml: string, chunk: number): string[] {
  const r = recorder()
  const s = new EdmxScanner(r)
  for (let i = 0; i < xml.length; i += chunk) s.write(xml.slice(i, i + chunk))
  s.close()
  return r.events
}

const DOC = `<?xml version="1.0"?><!-- a comment --><e:Root xmlns:e="x" A = 'one "1"'>
  <Item Name="a&amp;b" Tab="x\ty" Ref="&#65;&#x42;"/><Text>x &lt; y<![CDATA[ <raw> ]]>z&#x2603;</Text ><Skip>ignored</Skip></e:Root>`

describe('EdmxScanner', () => {
  it('gives the same events at every chunk size: names without prefix, values unescaped, text where wanted', () => {
    const whole = scan(DOC, DOC.length)
    expect(whole).toEqual([
      '<Root xmlns:e=x A=one "1">',
      '<Item Name=a&b Tab=x y Ref=AB/>',
      '</Item>',
      '<Text>',
      '#x < y <raw> z☃',
      '</Text>',
      '<Skip>',
      '</Skip>',
      '</Root>'
    ])
    for (const size of [1, 2, 3, 5, 7, 13]) expect(scan(DOC, size)).toEqual(whole)
    expect(scan('\uFEFF' + DOC, 4)).toEqual(whole)
  })

  it.each([
    ['a close tag of another element', '<a><b></a></b>', /<\/a> closes <b>/],
    ['an unclosed element', '<a><b></b>', /unclosed tag a/],
    ['a document cut inside a tag', '<a><b x="1', /ends inside a tag/],
    ['an unquoted attribute', '<a x=1/>', /not quoted/],
    ['an attribute without a value', '<a x/>', /has no value/],
    ['a second root', '<a/><b/>', /second root/],
    ['text outside the root', '<a/>junk', /text outside/],
    ['a "<" that starts no tag', '<a>< b</a>', /starts no tag/],
    ['a "<" in an attribute value', '<a x="<"/>', /"<" in an attribute value/],
    ['no root at all', '  ', /no root element/]
  ])('refuses %s', (_what, xml, message) => {
    expect(() => scan(xml, 3)).toThrow(message)
    try {
      scan(xml, xml.length)
    } catch (e) {
      expect(e).toMatchObject({ code: 'EDMX_XML' })
    }
  })

  it('decodes UTF-8 split anywhere between chunks', async () => {
    const xml = '<Edmx Version="4.0 ☃ é"><DataServices><Schema Namespace="Ns.日本"/></DataServices></Edmx>'
    const bytes = Buffer.from(xml)
    for (const size of [1, 2, 3]) {
      const chunks = async function* (): AsyncGenerator<Buffer> {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
      }
      const doc = await readEdmx(chunks())
      expect([doc.version, doc.namespaces]).toEqual(['4.0 ☃ é', ['Ns.日本']])
    }
  })

  it('never expands a DTD entity (an entity bomb is inert text)', async () => {
    const bomb =
      '<!DOCTYPE Edmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>' +
      '<edmx:Edmx Version="&c;" xmlns:edmx="e"><edmx:DataServices><Schema Namespace="N"/></edmx:DataServices></edmx:Edmx>'
    const doc = await readEdmx(bomb)
    expect(doc.version).toBe('&c;')
    expect(doc.namespaces).toEqual(['N'])
  })

  it('reads a tag that arrives in thousands of small pieces in linear time', () => {
    const value = 'v'.repeat(4_000_000)
    const xml = `<a x="${value}"/>`
    let got = 0
    const s = new EdmxScanner({
      wantsText: false,
      open: (_n, tag) => (got = tag.get('x')!.length),
      close: () => undefined,
      text: () => undefined
    })
    const started = performance.now()
    for (let i = 0; i < xml.length; i += 1024) s.write(xml.slice(i, i + 1024))
    s.close()
    expect(got).toBe(value.length)
    // re-scanning the whole pending tag at each of the ~4000 pieces would take minutes; doubling keeps it linear
    expect(performance.now() - started).toBeLessThan(5000)
  })

  it.each([
    ['attribute value', '<Property Name="', /tag <Property/],
    ['comment', '<!--', /comment/],
    ['CDATA section', '<Text><![CDATA[', /CDATA section/]
  ])('refuses an endless %s after the cap, naming it', (_what, open, named) => {
    const max = 1024 * 1024
    const s = new EdmxScanner(recorder(), [], max)
    s.write(`<edmx:Edmx><Schema>${open}`)
    const filler = `ab>c'-->${'y'.repeat(16 * 1024)}`.replace('-->', '- ->')
    let written = 0
    let thrown: unknown
    try {
      for (; written < 8 * max; written += filler.length) s.write(filler)
    } catch (err) {
      thrown = err
    }
    expect(thrown).toBeInstanceOf(MarkupTooLargeError)
    expect((thrown as MarkupTooLargeError).code).toBe('REPLY_MARKUP_TOO_LARGE')
    expect((thrown as MarkupTooLargeError).message).toMatch(named)
    expect(written).toBeLessThan(max + 2 * filler.length)
  })

  it('refuses elements nested more than 1,000 deep (the $metadata reader held each one)', async () => {
    const head = '<edmx:Edmx><edmx:DataServices><Schema Namespace="X"><EntityType Name="A">'
    const nest = (n: number): string => '<Property Name="p" Type="Edm.String">'.repeat(n)
    await expect(readEdmx(head + nest(100_000))).rejects.toMatchObject({ code: 'REPLY_NESTING_TOO_DEEP' })
    // 996 + the four above: 1,000 open at once is read (and then reported unclosed, as before)
    await expect(readEdmx(head + nest(996))).rejects.toMatchObject({ code: 'EDMX_XML' })
  })
})
