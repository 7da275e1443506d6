import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { decodeRetsText, RetsTextDecoder } from '../../../../src-main/protocols/rets/xml-text'
import { readRetsResponse } from '../../../../src-main/protocols/rets/rets-response'
import { searchTransactionParams } from '../../../../src-main/protocols/rets/search/search-request'
import type { HttpResponse } from '../../../../src-main/platform/http/http-client'

function fakeResponse(status: number, contentType: string, body: Buffer | string): HttpResponse {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body)
  return {
    url: 'http://127.0.0.1/rets/search',
    status,
    statusText: status === 200 ? 'OK' : 'Error',
    headers: { 'content-type': contentType },
    rawHeaders: ['Content-Type', contentType],
    header: (n) => (n.toLowerCase() === 'content-type' ? contentType : undefined),
    body: Readable.from([buf]),
    buffer: async () => buf,
    text: async () => buf.toString(),
    discard: async () => undefined
  }
}

describe('charset rules', () => {
  const latin1Body = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><RETS ReplyCode="0" ReplyText="Peña"/>',
    'latin1'
  )

  it('Content-Type charset wins over the XML declaration', () => {
    expect(decodeRetsText(latin1Body, 'text/xml; charset=ISO-8859-1')).toMatchObject({
      charset: 'iso-8859-1',
      warnings: []
    })
    expect(decodeRetsText(latin1Body, 'text/xml; charset=ISO-8859-1').text).toContain('Peña')
  })

  it('the XML declaration is used when the header has no charset', () => {
    const utf8 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><RETS ReplyText="Peña"/>', 'latin1')
    expect(decodeRetsText(utf8, 'text/xml').text).toContain('Peña')
    expect(decodeRetsText(Buffer.from('<RETS ReplyText="Peña"/>', 'utf8'), undefined).text).toContain('Peña')
  })

  it('invalid UTF-8 falls back to Latin-1 with a warning (streaming too)', () => {
    const out = decodeRetsText(latin1Body, 'text/xml; charset=utf-8')
    expect(out.text).toContain('Peña')
    expect(out.charset).toBe('iso-8859-1')
    expect(out.warnings).toEqual(['The reply is not valid UTF-8; it was read as ISO-8859-1 (Latin-1).'])
    const dec = new RetsTextDecoder('utf-8')
    const a = Buffer.from('Núñez ', 'utf8')
    // a multi-byte character split across chunks stays intact
    expect(dec.write(a.subarray(0, 2)) + dec.write(a.subarray(2)) + dec.end()).toBe('Núñez ')
  })
})

describe('reply reading trusts the body over the HTTP status', () => {
  it('HTTP 500 with a success envelope is a success', async () => {
    const out = await readRetsResponse(fakeResponse(500, 'text/xml', '<RETS ReplyCode="0" ReplyText="OK"/>'))
    expect(out.reply).toMatchObject({ replyCode: 0 })
  })

  it('HTTP 200 with an error code is an error', async () => {
    await expect(
      readRetsResponse(fakeResponse(200, 'text/xml', '<RETS ReplyCode="20206" ReplyText="Bad query"/>'))
    ).rejects.toMatchObject({
      code: 'RETS_20206',
      message: 'Bad query'
    })
  })

  it('HTTP 404 without an envelope becomes HTTP_404 with a hint', async () => {
    await expect(readRetsResponse(fakeResponse(404, 'text/html', '<html>Not here</html>'))).rejects.toMatchObject({
      code: 'HTTP_404',
      hint: expect.stringMatching(/capability URL/)
    })
  })

  it('RETS-STATUS overrides the opening tag (fast-xml-parser path and tag path agree)', async () => {
    const body =
      '<RETS ReplyCode="0" ReplyText="OK"><COUNT Records="1"/><MAXROWS/><RETS-STATUS ReplyCode="20208" ReplyText="Max"/></RETS>'
    const out = await readRetsResponse(fakeResponse(200, 'text/xml', body))
    expect(out.reply).toEqual({ replyCode: 20208, replyText: 'Max', fromStatus: true })
  })
})

describe('search parameters', () => {
  it('maps every option to its RETS name', () => {
    expect(
      searchTransactionParams({
        resource: 'Property',
        class: 'A',
        query: '(LIST_15=|OV61GOJ13C0)',
        format: 'STANDARD-XML',
        select: ['LIST_1', 'LIST_15'],
        limit: 'NONE',
        offset: 1,
        count: 2,
        restrictedIndicator: '****',
        standardNames: true
      })
    ).toEqual({
      SearchType: 'Property',
      Class: 'A',
      QueryType: 'DMQL2',
      Query: '(LIST_15=|OV61GOJ13C0)',
      Format: 'STANDARD-XML',
      Select: 'LIST_1,LIST_15',
      Limit: 'NONE',
      Offset: '1',
      Count: '2',
      RestrictedIndicator: '****',
      StandardNames: '1'
    })
  })
})
