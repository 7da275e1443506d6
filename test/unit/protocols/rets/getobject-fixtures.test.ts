import path from 'node:path'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  flexmls,
  libretsNet,
  libretsTest,
  readDump,
  retsFixtures,
  terradatum,
  type HttpDump
} from '../../../support/http-dump'
import {
  collectObjects,
  formatObjectIds,
  readObjectResponse
} from '../../../../src-main/protocols/rets/objects/get-object'

const flex = (f: string) => path.join(flexmls, 'get/retsgw.flexmls.com/rets2_1_GetObject', f)

async function replay(dump: HttpDump, contentType?: string) {
  const { sink, parts } = collectObjects()
  const ct = contentType ?? String(dump.headers['content-type'] ?? '')
  const summary = await readObjectResponse(ct, dump.headers as Record<string, string>, [dump.body], sink)
  return { summary, parts }
}

describe('GetObject captures', () => {
  it('flexmls multipart: 22 JPEG parts, headers and bytes intact', async () => {
    const { summary, parts } = await replay(readDump(flex('204749e19efea78e43edf1f3333ee44b.txt')))
    expect(summary.parts).toBe(22)
    expect(summary.bytes).toBe(274673)
    expect(parts[0]).toMatchObject({
      contentId: '14-52',
      objectId: '1',
      contentType: 'image/jpeg',
      preferred: true,
      description: 'Walls',
      size: 12761
    })
    expect(parts.map((p) => p.objectId)).toEqual(Array.from({ length: 22 }, (_, i) => String(i + 1)))
    for (const p of parts) {
      expect(p.data.subarray(0, 2).toString('hex')).toBe('ffd8')
      expect(p.data.subarray(-2).toString('hex')).toBe('ffd9')
    }
    expect(parts[21]!.description).toBe('0_010210 - Copy (9).jpg')
  })

  it('flexmls Location=1 multipart part with an embedded success reply is not an error', async () => {
    const { summary, parts } = await replay(readDump(flex('27e68249f6feeb17925a7af12c75e3e9.txt')))
    expect(summary).toMatchObject({ parts: 1, errors: 0, missing: 0 })
    expect(parts[0]).toMatchObject({ contentId: '234567865', objectId: '1', location: 'http://someurl' })
    expect(parts[0]!.error).toBeUndefined()
  })

  it('flexmls single-part Location=1: header-only reply', async () => {
    const { summary, parts } = await replay(readDump(flex('bc184498e2ca6712c7c2e8f5a4cec90e.txt')))
    expect(summary).toMatchObject({ parts: 1, bytes: 0, multipart: false })
    expect(parts[0]).toMatchObject({
      contentId: '00-1669',
      objectId: '1',
      preferred: true,
      description: 'Hydrangeas',
      location: 'http://cdn.photos.flexmls.com/demomls/20140430153341745985000000.jpg'
    })
  })

  it('PHRETS Multiple1 (JSON-encoded body): 5 Location parts, only the first preferred', async () => {
    const body = Buffer.from(
      JSON.parse(
        readFileSync(path.join(retsFixtures, 'PHRETS/tests/Fixtures/GetObject/Multiple1.txt'), 'utf8')
      ) as string,
      'latin1'
    )
    const { parts } = await replay(
      { status: 200, headers: {}, body },
      'multipart/parallel; boundary=FLEXeTNY6TFTGAwV1agjJsFyFogbnfoS1dm6y489g08F2TjwZWzQEW'
    )
    expect(parts.map((p) => p.location)).toEqual([
      'http://url1.jpg',
      'http://url2.jpg',
      'http://url3.jpg',
      'http://url4.jpg',
      'http://url5.jpg'
    ])
    expect(parts.map((p) => p.preferred)).toEqual([true, false, false, false, false])
    expect(parts[4]!.description).toBe('Dining Room')
  })

  it('CRIS: no space after colons, multi-line Description, 28 binary parts', async () => {
    const { summary, parts } = await replay(readDump(path.join(libretsTest, 'get-object-response-cris.txt')))
    expect(summary.parts).toBe(28)
    expect(summary.bytes).toBe(249851)
    expect(parts[0]!.headers['description']![0]).toBe(`Drew's Construction "Building One Masterpiece At A Time."`)
    expect(parts[1]!.headers['description']![0]).toContain('*Walnut appointed staircase')
    expect(parts.map((p) => p.objectId).slice(0, 4)).toEqual(['1', '2', '27', '28'])
    expect(parts[0]!.size).toBe(15175)
  })

  it('Rapattoni: quoted boundary with a space, charset parameter, 3 JPEGs', async () => {
    const { parts } = await replay(readDump(path.join(libretsTest, 'get-object-response-rapattoni.txt')))
    expect(parts.map((p) => p.size)).toEqual([22148, 30459, 25112])
    expect(parts.every((p) => p.data[0] === 0xff && p.data[1] === 0xd8)).toBe(true)
  })

  it('NORMLS: lower-case content-type, Object-ID 0 first', async () => {
    const { parts } = await replay(readDump(path.join(libretsTest, 'get-object-response-normls.txt')))
    expect(parts.map((p) => p.objectId)).toEqual(['0', '1', '2', '3', '4', '5'])
    expect(parts.map((p) => p.size)).toEqual([5149, 3712, 4196, 4285, 3936, 3913])
    expect(parts[0]!.contentType).toBe('image/jpeg')
  })

  it('multipart Location=1 with mixed-case Content-type and descriptions', async () => {
    const { parts } = await replay(readDump(path.join(libretsTest, 'get-object-response-multi-location.txt')))
    expect(parts.map((p) => [p.objectId, p.location, p.description ?? null, p.size])).toEqual([
      ['1', 'http://www.example.com/images/abc123/1', 'Front view.', 0],
      ['2', 'http://www.example.com/images/abc123/2', 'Rear view.', 0],
      ['3', 'http://www.example.com/images/abc123/3', null, 0]
    ])
    expect(parts[1]!.contentType).toBe('application/octet-stream')
  })

  it('malformed multipart (no CRLF before the first boundary) gives the same 3 parts', async () => {
    const { parts } = await replay(readDump(path.join(libretsTest, 'get-object-response-multi-malformed.txt')))
    expect(parts.map((p) => p.location)).toEqual([1, 2, 3].map((n) => `http://www.example.com/images/abc123/${n}`))
  })

  it('RETS 1.8: ObjectData, UID, Preferred, and a per-part 20403', async () => {
    const { summary, parts } = await replay(readDump(path.join(libretsTest, 'get-object-response-multi-rets1-8.txt')))
    expect(summary).toMatchObject({ parts: 6, missing: 1, errors: 0 })
    expect(parts[0]).toMatchObject({
      objectId: '0',
      uid: 'UID',
      preferred: true,
      subDescription: 'Sub Description',
      contentType: 'image/gif',
      size: 94
    })
    expect(parts[0]!.objectData).toMatchObject({
      PropMediaCaption: 'caption for kitchen',
      FileSize: '1234',
      'X-Custom': 'custom header',
      IsDefault: '1'
    })
    expect(parts[0]!.data.subarray(0, 6).toString('latin1')).toBe('GIF89a')
    expect(parts[3]!.error).toEqual({ replyCode: 20403, message: 'No Object Found', missing: true })
  })

  it('Variman single-part 20403 is "missing", not a failure', async () => {
    const { summary, parts } = await replay(
      readDump(path.join(libretsTest, 'get-object-response-no-object-variman.txt'))
    )
    expect(summary).toMatchObject({ parts: 1, missing: 1, multipart: false })
    expect(parts[0]!.error).toMatchObject({ replyCode: 20403, missing: true })
  })

  it('single-part error other than 20403 throws RETS_<code>', async () => {
    const body = Buffer.from('<RETS ReplyCode="20400" ReplyText="Invalid Resource"/>')
    const { sink } = collectObjects()
    await expect(readObjectResponse('text/xml', { 'content-type': 'text/xml' }, [body], sink)).rejects.toMatchObject({
      code: 'RETS_20400',
      message: 'Invalid Resource'
    })
  })

  it('RETS-Error: 1 header flags a single-part error', async () => {
    const body = Buffer.from('<RETS ReplyCode="20409" ReplyText="Timeout"/>')
    const { sink } = collectObjects()
    await expect(
      readObjectResponse('text/xml', { 'content-type': 'text/xml', 'rets-error': '1' }, [body], sink)
    ).rejects.toMatchObject({ code: 'RETS_20409' })
  })

  it('IIS photo.1 (chunk framing removed): 7 parts, no space after colons, empty last object', async () => {
    const { parts } = await replay(readDump(path.join(libretsNet, 'photo.1')))
    expect(parts.map((p) => p.size)).toEqual([39833, 21986, 17564, 18666, 17481, 14727, 0])
    expect(parts[6]!.objectId).toBe('7')
  })

  it('MRIS photo.2: LF line ends, 13 Location parts with &amp; unescaped', async () => {
    const { parts } = await replay(readDump(path.join(libretsNet, 'photo.2')))
    expect(parts).toHaveLength(13)
    expect(parts[0]!.location).toBe('http://csmedia.mris.com/platinum/getmedia?ID=90022689871&LOOT=50045650620')
    expect(parts.every((p) => !p.error && p.location!.includes('&LOOT='))).toBe(true)
  })

  it('terradatum objects-missing: text/plain "not found" parts among JPEGs', async () => {
    const body = readFileSync(path.join(terradatum, 'objects-missing.multipart'))
    const { summary, parts } = await replay(
      { status: 200, headers: {}, body },
      'multipart/parallel; boundary=50eb24a2.9354.35f3.be11.9cea9411a260'
    )
    expect(summary).toMatchObject({ parts: 5, missing: 3 })
    expect(parts.map((p) => p.contentId)).toEqual(['111285', '10037', '100084', '13710', '58946'])
    // binary parts match their Content-Length exactly
    expect(parts[2]!.size).toBe(53760)
    expect(parts[3]!.size).toBe(51200)
    expect(parts[0]!.error).toMatchObject({ missing: true, message: 'Object 111285:* not found' })
  })

  it('formats object IDs', () => {
    expect(
      formatObjectIds([
        { key: 'A1', objects: [1, 2] },
        { key: 'B2', objects: ['*'] },
        { key: 'C3' },
        { key: 'D4', objects: [0] }
      ])
    ).toBe('A1:1:2,B2:*,C3:*,D4:0')
  })
})
