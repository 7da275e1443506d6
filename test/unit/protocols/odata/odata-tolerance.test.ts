// Pure pieces of the RESO tolerance work: the parenthesis-aware $expand splitter, the readable text of non-JSON error
// bodies, the bounded error-body read, and relative next links resolved against the service root.
import { describe, expect, it } from 'vitest'
import { expandPath, splitODataList } from '../../../../domain/query-languages/odata/odata-list-split'
import { errorBodyText, htmlText } from '../../../../src-main/protocols/json-api/error-body-text'
import { readAll } from '../../../../src-main/protocols/json-api/api-transport'
import { nextUrl } from '../../../../src-main/protocols/odata/odata-client'

describe('splitODataList / expandPath', () => {
  it('splits at top-level commas only; parentheses and quoted strings keep theirs', () => {
    expect(splitODataList('Media($select=MediaURL,Order;$orderby=Order),Rooms')).toEqual([
      'Media($select=MediaURL,Order;$orderby=Order)',
      'Rooms'
    ])
    expect(splitODataList("Media($filter=ShortDescription eq 'a, (b'), OpenHouse")).toEqual([
      "Media($filter=ShortDescription eq 'a, (b')",
      'OpenHouse'
    ])
    expect(splitODataList(' ListPrice desc , ListingKey,, ')).toEqual(['ListPrice desc', 'ListingKey'])
    expect(splitODataList('')).toEqual([])
  })
  it('names the navigation path of an item', () => {
    expect(expandPath('Media($select=a,b)')).toBe('Media')
    expect(expandPath(' Media ')).toBe('Media')
    expect(expandPath('Media/$ref')).toBe('Media')
  })
})

describe('errorBodyText', () => {
  it('keeps the words of an HTML page: title and visible text, no script, style or tags, entities decoded', () => {
    const page =
      '<!DOCTYPE html><html><head><title>503 Service Unavailable</title><style>p{color:red}</style></head>' +
      '<body><script>alert(1)</script><h1>503 Service Unavailable</h1><p>Back at 5&nbsp;pm &amp; later</p></body></html>'
    expect(htmlText(page)).toBe('503 Service Unavailable Back at 5 pm & later')
    expect(errorBodyText('<html><body><p>Only a body</p></body></html>')).toBe('Only a body')
  })
  it('puts plain text on one line and bounds it', () => {
    expect(errorBodyText('  Bad\r\n  request \n')).toBe('Bad request')
    const long = errorBodyText('x'.repeat(5000), 300)
    expect(long).toHaveLength(300)
    expect(long.endsWith('…')).toBe(true)
  })
})

describe('readAll with a limit', () => {
  it('stops reading at the limit', async () => {
    let pulled = 0
    async function* body(): AsyncIterable<Buffer> {
      for (let i = 0; i < 100; i++) {
        pulled++
        yield Buffer.alloc(1000, 97)
      }
    }
    const got = await readAll(body(), 2500)
    expect(got).toHaveLength(2500)
    expect(pulled).toBe(3)
  })
})

describe('nextUrl', () => {
  it('follows an absolute link byte for byte and resolves a relative one against the service root, not the page', () => {
    expect(nextUrl('https://x.test/odata/Property?$skiptoken=a%2Bb', 'https://h.test/api')).toBe(
      'https://x.test/odata/Property?$skiptoken=a%2Bb'
    )
    expect(nextUrl('Media?$skiptoken=2', 'https://h.test/api/odata')).toBe(
      'https://h.test/api/odata/Media?$skiptoken=2'
    )
    expect(nextUrl('/other/Media?p=1', 'https://h.test/api/odata/')).toBe('https://h.test/other/Media?p=1')
  })
})
