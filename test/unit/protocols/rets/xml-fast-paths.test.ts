// The shortcuts the XML path takes for speed (issue 23) against the plain way they stand in for: the repairer's
// "nothing to repair" check, the ASCII decode, named-entity decoding, the metadata collector's record templates
// and the STANDARD-XML collector's column indexes. Each must give exactly what the plain way gives.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeXmlEntities,
  repairXml,
  RetsTextDecoder,
  XmlRepairer
} from '../../../../src-main/protocols/rets/xml-text'
import { streamXml } from '../../../../src-main/protocols/rets/xml-stream'
import { XmlMetadataCollector } from '../../../../src-main/protocols/rets/metadata/xml-metadata-collector'
import { StandardXmlRowCollector } from '../../../../src-main/protocols/rets/search/standard-xml-rows'
import { cutAt } from '../../../support/cut-at'

/** The repair as one replace over all the text (what XmlRepairer did before it checked first). */
function referenceRepair(text: string): { text: string; repairs: number } {
  let repairs = 0
  const allowed = (cp: number): boolean =>
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  const out = text
    .replace(
      /&(?:#(\d{1,10});|#[xX]([0-9a-fA-F]{1,8});|([A-Za-z_][\w.-]{0,30});)?/g,
      (m, dec?: string, hex?: string, name?: string) => {
        if (dec !== undefined || hex !== undefined) {
          const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16)
          if (allowed(cp)) return m
          repairs++
          return cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\uFFFD' : ' '
        }
        if (name !== undefined) {
          if (['amp', 'lt', 'gt', 'quot', 'apos'].includes(name)) return m
          repairs++
          return `&amp;${name};`
        }
        repairs++
        return '&amp;'
      }
    )
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, () => {
      repairs++
      return ' '
    })
  return { text: out, repairs }
}

const piece = fc.constantFrom(
  'a',
  ' ',
  '&',
  '&amp;',
  '&lt;',
  '&nbsp;',
  '&#233;',
  '&#1;',
  '&#xD800;',
  '&#x1F600;',
  '&#12345678901;',
  '#',
  ';',
  'x',
  '\u0001',
  '\uffff',
  'ñ'
)
const texts = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''))

describe('XmlRepairer', () => {
  it('repairs any text in any chunks as one replace over the whole text does (fast-check)', () => {
    fc.assert(
      fc.property(texts, fc.array(fc.nat(), { maxLength: 6 }), (text, points) => {
        const r = new XmlRepairer()
        const out = cutAt(text, points)
          .map((p) => r.write(p))
          .join('')
        expect({ text: out + r.end(), repairs: r.repairs }).toEqual(referenceRepair(text))
        expect(repairXml(text)).toEqual(referenceRepair(text))
      }),
      { numRuns: 500 }
    )
  })
})

describe('decodeXmlEntities', () => {
  it('decodes named entities by slices and everything else as the general replace does', () => {
    expect(decodeXmlEntities('Smith &amp; Sons &lt;x&gt; &quot;q&quot; &apos;a&apos;')).toBe(`Smith & Sons <x> "q" 'a'`)
    expect(decodeXmlEntities('&amp;amp; &#233;&#x41; &ampx; & end&amp')).toBe('&amp; éA &ampx; & end&amp')
    expect(decodeXmlEntities('no references')).toBe('no references')
  })
})

describe('RetsTextDecoder', () => {
  it('decodes UTF-8 in any chunks as one decode of the whole does, ASCII chunks and a BOM included (fast-check)', () => {
    const part = fc.constantFrom('<a>', 'plain ascii ', 'Núñez', '€', '😀', '\uFEFF', '</a>')
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(part, { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (bom, parts, points) => {
          const bytes = Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(parts.join(''), 'utf8')])
          const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b)
          const dec = new RetsTextDecoder('utf-8')
          let out = ''
          let last = 0
          for (const p of [...at, bytes.length]) {
            out += dec.write(bytes.subarray(last, p))
            last = p
          }
          out += dec.end()
          expect(out).toBe(new TextDecoder().decode(bytes))
          expect(dec.warnings).toEqual([])
        }
      ),
      { numRuns: 400 }
    )
  })
})

async function* bytesOf(xml: string, size: number): AsyncGenerator<Buffer> {
  const b = Buffer.from(xml)
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size)
}

async function metadataBlocks(xml: string, parser: 'light' | 'saxes', size = 1 << 16) {
  const c = new XmlMetadataCollector()
  await streamXml(bytesOf(xml, size), 'text/xml', c, { parser })
  return c.blocks
}

describe('XmlMetadataCollector record templates', () => {
  it('gives each record its own fields whether or not it matches the block’s previous one', async () => {
    const xml =
      '<RETS ReplyCode="0" ReplyText="OK"><METADATA-TABLE Resource="P" Class="A">' +
      '<Field><SystemName>A</SystemName><DataType>Int</DataType></Field>' +
      '<Field><SystemName>B</SystemName><DataType>Char</DataType></Field>' +
      '<Field><DataType>Date</DataType><SystemName>C</SystemName></Field>' +
      '<Field><SystemName>D</SystemName></Field>' +
      '<Field><SystemName>E</SystemName><DataType>x</DataType><SystemName>E2</SystemName></Field>' +
      '<Field><SystemName>F</SystemName><DataType>y</DataType><SystemName>F2</SystemName></Field>' +
      '<Field Extra="1"><SystemName>G</SystemName><DataType>z</DataType></Field>' +
      '<Field><SystemName>H</SystemName><DataType>w</DataType></Field>' +
      '</METADATA-TABLE></RETS>'
    const expected = [
      { SystemName: 'A', DataType: 'Int' },
      { SystemName: 'B', DataType: 'Char' },
      { DataType: 'Date', SystemName: 'C' },
      { SystemName: 'D' },
      { SystemName: 'E2', DataType: 'x' },
      { SystemName: 'F2', DataType: 'y' },
      { Extra: '1', SystemName: 'G', DataType: 'z' },
      { SystemName: 'H', DataType: 'w' }
    ]
    for (const parser of ['light', 'saxes'] as const) {
      for (const size of [1 << 16, 5]) {
        const [block] = await metadataBlocks(xml, parser, size)
        expect(block!.records).toEqual(expected)
        // key order too (the model shows attributes in the server's order)
        expect(block!.records.map((r) => Object.keys(r))).toEqual(expected.map((r) => Object.keys(r)))
      }
    }
  })

  it('keeps a record the reply never closed, with the fields it had', async () => {
    const xml =
      '<RETS ReplyCode="0" ReplyText="OK"><METADATA-TABLE Resource="P" Class="A">' +
      '<Field><SystemName>A</SystemName></Field><Field><SystemName>B</SystemName><DataType>Int</DataType><LongName>cut'
    const [block] = await metadataBlocks(xml, 'light')
    expect(block!.records).toEqual([{ SystemName: 'A' }, { SystemName: 'B', DataType: 'Int' }])
  })

  it('a block nested in a record takes its resource and class from the record’s fields so far', async () => {
    const xml =
      '<RETS ReplyCode="0" ReplyText="OK"><METADATA-RESOURCE><Resource><ResourceID>Property</ResourceID>' +
      '<METADATA-CLASS><Class><ClassName>RES</ClassName><METADATA-TABLE><Field><SystemName>F</SystemName></Field>' +
      '</METADATA-TABLE></Class></METADATA-CLASS></Resource></METADATA-RESOURCE></RETS>'
    const blocks = await metadataBlocks(xml, 'light')
    expect(blocks.map((b) => [b.type, b.attrs])).toEqual([
      ['RESOURCE', {}],
      ['CLASS', { Resource: 'Property' }],
      ['TABLE', { Resource: 'Property', Class: 'RES' }]
    ])
    expect(blocks[2]!.records).toEqual([{ SystemName: 'F' }])
    expect(blocks[0]!.records).toEqual([{ ResourceID: 'Property' }])
  })
})

describe('StandardXmlRowCollector', () => {
  it('a repeated leaf keeps its first column and its last value; mixed content keeps only leaves', async () => {
    const xml =
      '<RETS ReplyCode="0" ReplyText="OK"><REData><Props><P><A>1</A><B>2</B><A>3</A></P>' +
      '<P>text<A>4</A>more<N><X>5</X>tail</N></P></Props></REData></RETS>'
    for (const parser of ['light', 'saxes'] as const) {
      const cols: string[][] = []
      const rows: string[][] = []
      await streamXml(
        bytesOf(xml, 3),
        'text/xml',
        new StandardXmlRowCollector({ columns: (c) => cols.push(c), row: (r) => rows.push(r) }),
        { parser }
      )
      expect(cols).toEqual([
        ['A', 'B'],
        ['A', 'B', 'N.X']
      ])
      expect(rows).toEqual([
        ['3', '2'],
        ['4', '', '5']
      ])
    }
  })
})
