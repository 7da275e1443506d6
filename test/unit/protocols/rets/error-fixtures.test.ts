import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { flexmls, libretsNet, libretsTest, readDump, readFixture, terradatum } from '../../../support/http-dump'
import { assertRetsReply, readRetsReply } from '../../../../src-main/protocols/rets/rets-reply'
import { decodeRetsBody } from '../../../../src-main/protocols/rets/rets-response'
import { readMetadataBuffer } from '../../../../src-main/protocols/rets/metadata/metadata-reader'
import { AppError } from '../../../../contract/app-error'

function errorOf(body: Buffer, contentType?: string): AppError | undefined {
  const t = decodeRetsBody(body, contentType)
  try {
    assertRetsReply(t.reply!, t.text)
    return undefined
  } catch (e) {
    return e as AppError
  }
}

describe('RETS error captures', () => {
  it('flexmls 20203 with the valid classes in the body detail', () => {
    const d = readDump(path.join(flexmls, 'get/retsgw.flexmls.com/rets2_1_Search/f065035031b4ce43d3e5374517306e20.txt'))
    const err = errorOf(d.body, 'text/xml')!
    expect(err.code).toBe('RETS_20203')
    expect(err.message).toBe('RETS Server: Specified Class (Z) is not valid. See: https://www.flexmls.com/rets/e/19')
    expect(err.detail).toContain('Valid Classes are:')
    expect(err.hint).toMatch(/class/)
  })

  it('20205 with extended body text', () => {
    const err = errorOf(readFixture(path.join(libretsTest, 'search-response-error-extended.xml')))!
    expect(err).toMatchObject({ code: 'RETS_20205', message: 'Invalid Query Syntax' })
    expect(err.detail).toContain("You can't do that, so try better next time.")
  })

  it('20201 no records, 20208 via RETS-STATUS and 20403 are not errors', () => {
    expect(errorOf(readFixture(path.join(libretsTest, 'search-response-no-records.xml')))).toBeUndefined()
    expect(
      readRetsReply(readFixture(path.join(libretsTest, 'search-response-no-records.xml')).toString())!.replyCode
    ).toBe(20201)
    const s3 = readDump(path.join(libretsNet, 'search.3'))
    expect(readRetsReply(s3.body.toString())).toEqual({
      replyCode: 20208,
      replyText: 'Maximum Records Exceeded',
      fromStatus: true
    })
    expect(errorOf(s3.body)).toBeUndefined()
    expect(errorOf(readDump(path.join(libretsTest, 'get-object-response-no-object-variman.txt')).body)).toBeUndefined()
  })

  it('20503 metadata "No Records" is an error with a hint', async () => {
    await expect(
      readMetadataBuffer(readFixture(path.join(terradatum, 'getMetadataResponse_noRecords.xml')))
    ).rejects.toMatchObject({
      code: 'RETS_20503',
      message: 'No Records'
    })
  })

  it('Variman update.1 envelope reads as success', () => {
    const d = readDump(path.join(libretsNet, 'update.1'))
    expect(readRetsReply(d.body.toString())).toMatchObject({ replyCode: 0, replyText: 'Operation Successful' })
  })

  it('GetPayloadList response envelope', () => {
    const r = readRetsReply(readFixture(path.join(libretsTest, 'payloadlist-response.xml')).toString())
    expect(r).toMatchObject({ replyCode: 0 })
    expect(r!.replyText).toMatch(/^Operation Successful Reference ID: 8d5d8dd9/)
  })

  it('control-character and surrogate references are repaired, never a crash', () => {
    const t = decodeRetsBody(Buffer.from('<RETS ReplyCode="0" ReplyText="ok">A&#1;B&#xD800;C & D</RETS>'), 'text/xml')
    expect(t.reply?.replyCode).toBe(0)
    expect(t.text).toBe('<RETS ReplyCode="0" ReplyText="ok">A B\uFFFDC &amp; D</RETS>')
    expect(t.warnings).toEqual(['3 invalid XML character(s) or entities were repaired.'])
  })

  it('detail is redacted', () => {
    const err = errorOf(Buffer.from('<RETS ReplyCode="20036" ReplyText="Missing UA">password=hunter22</RETS>'))!
    expect(err.code).toBe('RETS_20036')
    expect(err.detail).not.toContain('hunter22')
  })
})
