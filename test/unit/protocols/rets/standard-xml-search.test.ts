import { describe, expect, it } from 'vitest'
import { streamXml } from '../../../../src-main/protocols/rets/xml-stream'
import { StandardXmlRowCollector } from '../../../../src-main/protocols/rets/search/standard-xml-rows'

const doc = `<?xml version="1.0" encoding="UTF-8"?>
<RETS ReplyCode="0" ReplyText="Operation Successful">
<COUNT Records="2" />
<REData>
<REProperties>
  <ResidentialProperty>
    <Listing><ListingID>LN1</ListingID><ListPrice>250000</ListPrice><Remarks>Smith & Sons  </Remarks></Listing>
    <Location><City>Chicago</City></Location>
  </ResidentialProperty>
  <ResidentialProperty>
    <Listing><ListingID>LN2</ListingID><ListPrice>380000</ListPrice></Listing>
    <Location><City>Núñez</City><County>Cook</County></Location>
  </ResidentialProperty>
</REProperties>
</REData>
<MAXROWS/>
</RETS>`

describe('STANDARD-XML search rows', () => {
  it('flattens each record to dotted leaf paths, discovering columns; chunking does not matter', async () => {
    for (const size of [1, 7, 4096]) {
      const cols: string[][] = []
      const rows: string[][] = []
      const collector = new StandardXmlRowCollector({ columns: (c) => cols.push(c), row: (r) => rows.push(r) })
      const bytes = Buffer.from(doc, 'utf8')
      const chunks = (async function* () {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
      })()
      const res = await streamXml(chunks, 'text/xml', collector)
      expect(cols.at(-1)).toEqual([
        'Listing.ListingID',
        'Listing.ListPrice',
        'Listing.Remarks',
        'Location.City',
        'Location.County'
      ])
      expect(rows).toEqual([
        ['LN1', '250000', 'Smith & Sons  ', 'Chicago'],
        ['LN2', '380000', '', 'Núñez', 'Cook']
      ])
      expect(collector.facts).toMatchObject({ replyCode: 0, count: 2, maxRows: true })
      expect(res.warnings).toEqual(['1 invalid XML character(s) or entities were repaired.'])
    }
  })
})
