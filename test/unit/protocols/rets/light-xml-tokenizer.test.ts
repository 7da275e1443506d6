// The light tokenizer (metadata's fast XML path) against saxes, the parser it stands in for: the same events for
// any well-formed document cut into any chunks, the same metadata blocks from every captured reply, and recovery
// (never a throw) from the malformed input servers send.
import fc from 'fast-check'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { SaxesParser } from 'saxes'
import { describe, expect, it } from 'vitest'
import { flexmls, readDump } from '../../../support/http-dump'
import { LightXmlTokenizer } from '../../../../src-main/protocols/rets/light-xml-tokenizer'
import { streamXml, type XmlHandlers } from '../../../../src-main/protocols/rets/xml-stream'
import { XmlMetadataCollector } from '../../../../src-main/protocols/rets/metadata/xml-metadata-collector'
import { createDemoContext } from '../../../../demo-mls/server'
import { selectBlocks } from '../../../../demo-mls/rets/metadata/getmetadata'
import { renderStandardXml } from '../../../../demo-mls/rets/metadata/metadata-writers'
import { cutAt } from '../../../support/cut-at'

type Event = [string, ...unknown[]]

/**
 * Records events; adjacent texts are merged (both parsers may split a text anywhere) and whitespace outside the
 * root is dropped (saxes reports the line break after the root, the light tokenizer does not; nobody reads it).
 */
function recorder(): { handlers: XmlHandlers; events: Event[] } {
  const events: Event[] = []
  let depth = 0
  const handlers: XmlHandlers = {
    open: (name, attrs, selfClosing) => {
      depth++
      events.push(['open', name, { ...attrs }, selfClosing])
    },
    close: (name) => {
      depth--
      events.push(['close', name])
    },
    text: (t) => {
      if (depth === 0) return
      const last = events[events.length - 1]
      if (last?.[0] === 'text') last[1] = String(last[1]) + t
      else events.push(['text', t])
    }
  }
  return { handlers, events }
}

function light(parts: string[]): { events: Event[]; errors: string[] } {
  const { handlers, events } = recorder()
  const errors: string[] = []
  const tok = new LightXmlTokenizer(handlers, (m) => errors.push(m))
  for (const p of parts) tok.write(p)
  tok.close()
  return { events, errors }
}

function saxes(text: string): { events: Event[]; errors: string[] } {
  const { handlers, events } = recorder()
  const errors: string[] = []
  const p = new SaxesParser()
  p.on('opentag', (t) => {
    handlers.open(t.name, t.attributes as Record<string, string>, t.isSelfClosing)
    if (t.isSelfClosing) handlers.close(t.name)
  })
  p.on('closetag', (t) => {
    if (!t.isSelfClosing) handlers.close(t.name)
  })
  p.on('text', (t) => handlers.text(t))
  p.on('cdata', (t) => handlers.text(t))
  p.on('error', (e) => errors.push(e.message))
  p.write(text)
  p.close()
  return { events, errors }
}

async function* iterate(parts: Buffer[]): AsyncGenerator<Buffer> {
  for (const p of parts) yield p
}

// well-formed documents with what RETS servers put in them: attributes in either quote, references, CRLF and CR,
// tabs in attribute values, CDATA, comments, PIs, self-closing and empty elements
const name = fc.constantFrom('RETS', 'METADATA-TABLE', 'Field', 'SystemName', 'a', 'x:y', 'Lookup_Type', 'é')
const textChar = fc.constantFrom(
  'a',
  'Z',
  ' ',
  '\r\n',
  '\r',
  '\n',
  '\t',
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&#233;',
  '&#x1F600;',
  '>',
  '"',
  "'",
  'ñ'
)
const text = fc.array(textChar, { maxLength: 8 }).map((a) => a.join(''))
const attrValue = fc.array(fc.constantFrom('v', ' ', '\t', '\r\n', '\n', '&amp;', '&#9;', '&#10;', '>', 'ß'), {
  maxLength: 6
})
const attrs = fc
  .uniqueArray(fc.tuple(fc.constantFrom('Resource', 'Class', 'Version', 'a', 'b-c'), attrValue, fc.boolean()), {
    selector: (t) => t[0],
    maxLength: 3
  })
  .map((list) =>
    list.map(([k, v, single]) => {
      const value = v.join('').replace(single ? /'/g : /"/g, '')
      return single ? ` ${k}='${value}'` : ` ${k}="${value}"`
    })
  )
const node: fc.Memo<string> = fc.memo((depth) =>
  depth <= 1
    ? fc.oneof(text, fc.constant('<![CDATA[<x> & ]] \r\n y]]>'), fc.constant('<!-- c -->'), leaf())
    : fc.oneof(text, element(depth), leaf())
)
function leaf(): fc.Arbitrary<string> {
  return fc.tuple(name, attrs).map(([n, a]) => `<${n}${a.join('')}/>`)
}
function element(depth: number): fc.Arbitrary<string> {
  return fc
    .tuple(name, attrs, fc.array(node(depth - 1), { maxLength: 4 }), fc.constantFrom('', ' ', '\r\n'))
    .map(([n, a, kids, space]) => `<${n}${a.join('')}${space}>${kids.join('')}</${n}${space}>`)
}
const documents = fc
  .tuple(fc.boolean(), element(4))
  .map(([decl, root]) => `${decl ? '<?xml version="1.0" encoding="UTF-8"?>\r\n' : ''}${root}\r\n`)

describe('LightXmlTokenizer', () => {
  it('gives the events saxes gives for any well-formed document in any chunks (fast-check)', () => {
    fc.assert(
      fc.property(documents, fc.array(fc.nat(), { maxLength: 12 }), (doc, points) => {
        const reference = saxes(doc)
        expect(reference.errors).toEqual([])
        const ours = light(cutAt(doc, points))
        expect(ours.errors).toEqual([])
        expect(ours.events).toEqual(reference.events)
      }),
      { numRuns: 400 }
    )
  })

  it('normalises line ends in text and whitespace in attribute values, then expands references', () => {
    const { events } = light(['<a x="1\t2\r\n3\n4 &amp; &#9; &#10;">t\r', '\nu\rv &#13; <b/>', '</a>'])
    expect(events).toEqual([
      ['open', 'a', { x: '1 2 3 4 & \t \n' }, false],
      ['text', 't\nu\nv \r '],
      ['open', 'b', {}, true],
      ['close', 'b'],
      ['close', 'a']
    ])
  })

  it('recovers from malformed input without throwing, reporting each problem', () => {
    // a close tag for an outer element closes the ones in between; one that matches nothing is dropped; nothing
    // after the root's close is read
    const r = light(['<a><b><c>x</b>y</nope>z<d>1 < 2</d></a>tail'])
    expect(r.events).toEqual([
      ['open', 'a', {}, false],
      ['open', 'b', {}, false],
      ['open', 'c', {}, false],
      ['text', 'x'],
      ['close', 'c'],
      ['close', 'b'],
      ['text', 'yz'],
      ['open', 'd', {}, false],
      ['text', '1 < 2'],
      ['close', 'd'],
      ['close', 'a']
    ])
    expect(r.errors).toEqual([
      'unexpected close tag: b closes c.',
      'unmatched closing tag: nope.',
      'a "<" that starts no tag was read as text.'
    ])
    const unclosed = light(['<RETS><METADATA-TABLE Class="A"><Field>v'])
    expect(unclosed.events.slice(-1)).toEqual([['text', 'v']])
    expect(unclosed.errors).toEqual(['unclosed tag: Field.'])
    expect(light(['<RETS><a b="1']).errors).toEqual(['the document ended inside a tag.', 'unclosed tag: RETS.'])
  })

  it('stops at the root close: trailing garbage after </RETS> gives no events and no XML warnings', async () => {
    const collector = new XmlMetadataCollector()
    const xml =
      '<RETS ReplyCode="0" ReplyText="OK"><METADATA-CLASS Resource="P"><Class><ClassName>A</ClassName></Class></METADATA-CLASS></RETS>\r\n0\r\n<b>x</i> & <'
    const res = await streamXml(
      iterate([Buffer.from(xml.slice(0, 50)), Buffer.from(xml.slice(50))]),
      undefined,
      collector,
      {
        parser: 'light'
      }
    )
    // the repairer still sees the bytes (the bare `&`), as before; the tokenizer does not
    expect(res.warnings).toEqual(['1 invalid XML character(s) or entities were repaired.'])
    expect(collector.reply).toEqual({ replyCode: 0, replyText: 'OK' })
    expect(collector.blocks).toEqual([{ type: 'CLASS', attrs: { Resource: 'P' }, records: [{ ClassName: 'A' }] }])
    const selfClosed = new XmlMetadataCollector()
    const empty = await streamXml(
      iterate([Buffer.from('<RETS ReplyCode="20503" ReplyText="No metadata"/>\n<junk')]),
      undefined,
      selfClosed,
      {
        parser: 'light'
      }
    )
    expect(empty.warnings).toEqual([])
    expect(selfClosed.reply).toEqual({ replyCode: 20503, replyText: 'No metadata' })
  })

  it('reads an HTML error page without throwing (no RETS blocks come out of it)', async () => {
    const html =
      '<!DOCTYPE html>\n<html><head><meta charset=utf-8><title>502</title></head><body><br>Bad Gateway</body></html>'
    const collector = new XmlMetadataCollector()
    const res = await streamXml(iterate([Buffer.from(html)]), 'text/html', collector, { parser: 'light' })
    expect(collector.blocks).toEqual([])
    expect(res.warnings.length).toBeGreaterThan(0)
  })
})

async function blocksOf(body: Buffer, contentType: string | undefined, parser: 'saxes' | 'light', chunk: number) {
  const collector = new XmlMetadataCollector()
  const parts: Buffer[] = []
  for (let at = 0; at < body.length; at += chunk) parts.push(body.subarray(at, at + chunk))
  await streamXml(iterate(parts), contentType, collector, { parser })
  return { blocks: collector.blocks, reply: collector.reply }
}

describe('metadata through the light tokenizer equals metadata through saxes', () => {
  const dir = path.join(flexmls, 'get/retsgw.flexmls.com/rets2_1_GetMetadata')
  const files = readdirSync(dir).map((f) => path.join(dir, f))

  it.each(files.map((f) => [path.basename(f), f]))('flexmls capture %s', async (_name, file) => {
    const d = readDump(file)
    const ct = d.headers['content-type'] as string | undefined
    const reference = await blocksOf(d.body, ct, 'saxes', 1 << 16)
    expect(await blocksOf(d.body, ct, 'light', 1 << 16)).toEqual(reference)
    expect(await blocksOf(d.body, ct, 'light', 7)).toEqual(reference)
  })

  it.each(['1.5', '1.7.2'] as const)('the Demo MLS full dump, RETS %s shape', async (version) => {
    const { ctx } = createDemoContext({ listings: 50 })
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\r\n<RETS ReplyCode="0" ReplyText="Operation Successful">\r\n<METADATA>\r\n' +
      selectBlocks(ctx, 'SYSTEM', '*')
        .map((b) => renderStandardXml(b, version))
        .join('') +
      '</METADATA>\r\n</RETS>\r\n'
    const body = Buffer.from(xml)
    const reference = await blocksOf(body, 'text/xml; charset=UTF-8', 'saxes', 1 << 16)
    expect(reference.blocks.filter((b) => b.type === 'TABLE').length).toBeGreaterThan(3)
    expect(await blocksOf(body, 'text/xml; charset=UTF-8', 'light', 1 << 16)).toEqual(reference)
    expect(await blocksOf(body, 'text/xml; charset=UTF-8', 'light', 13)).toEqual(reference)
  })
})
