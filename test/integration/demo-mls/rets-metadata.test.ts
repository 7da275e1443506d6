// GetMetadata of the Demo MLS: every type in COMPACT and STANDARD-XML, the ID forms, version changes, and the
// RETS 1.5 STANDARD-XML shape differences.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { XMLParser } from 'fast-xml-parser'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { TestRetsClient, compactRows, replyCodeOf } from '../../support/demo-rets-client'

let mls: DemoMls
let client: TestRetsClient
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['Field', 'LookupType', 'Class', 'Resource', 'Object'].includes(name)
})

beforeAll(async () => {
  mls = await startDemoMls({ listings: 50 })
  client = new TestRetsClient(mls.url, { username: 'demo', password: 'demo-pass' })
  await client.login()
})
afterAll(async () => {
  await mls.close()
})

const get = (q: string) => client.request(`/rets/GetMetadata?${q}`)

describe('GetMetadata', () => {
  it('SYSTEM in both formats, with Content-ID and the version/date attributes', async () => {
    const compact = await get('Type=METADATA-SYSTEM&ID=0&Format=COMPACT')
    expect(compact.headers.get('content-id')).toBe('METADATA-SYSTEM')
    expect(compact.text).toMatch(/<METADATA-SYSTEM Version="01\.00\.00001" Date="2026-05-02T00:00:00Z">/)
    expect(compact.text).toContain('<SYSTEM SystemID="DEMOMLS"')
    const std = xml.parse((await get('Type=METADATA-SYSTEM&ID=0')).text)
    expect(std.RETS.METADATA['METADATA-SYSTEM'].SYSTEM['@SystemID']).toBe('DEMOMLS')
  })

  it('RESOURCE and CLASS list the resources and the lettered Property classes', async () => {
    const res = compactRows((await get('Type=METADATA-RESOURCE&ID=0&Format=COMPACT')).text)
    expect(res.map((r) => r.ResourceID)).toEqual(['Property', 'ActiveAgent', 'Agent', 'Office', 'Media', 'OpenHouse'])
    expect(res.find((r) => r.ResourceID === 'Office')?.KeyField).toBe('OFFICE_0')
    const classes = xml.parse((await get('Type=METADATA-CLASS&ID=Property&Format=STANDARD-XML')).text)
    expect(classes.RETS.METADATA['METADATA-CLASS'].Class.map((c: { ClassName: string }) => c.ClassName)).toEqual([
      'A',
      'B',
      'C'
    ])
  })

  it('TABLE by Res:Class and Res:*: class-specific fields, lookups and multi-selects', async () => {
    const a = compactRows((await get('Type=METADATA-TABLE&ID=Property:A&Format=COMPACT')).text)
    const b = compactRows((await get('Type=METADATA-TABLE&ID=Property:B&Format=COMPACT')).text)
    expect(a.find((f) => f.SystemName === 'LIST_66')).toMatchObject({ StandardName: 'BedroomsTotal', DataType: 'Int' })
    expect(b.find((f) => f.SystemName === 'LIST_66')).toBeUndefined()
    expect(a.find((f) => f.SystemName === 'LIST_200')).toMatchObject({
      Interpretation: 'LookupMulti',
      LookupName: 'Appliances'
    })
    expect(a.find((f) => f.SystemName === 'LIST_1')).toMatchObject({
      StandardName: 'ListingKey',
      Unique: '1',
      InKeyIndex: '1'
    })
    const all = await get('Type=METADATA-TABLE&ID=Property:*&Format=COMPACT')
    expect(all.text.match(/<METADATA-TABLE /g)).toHaveLength(3)
    const std = xml.parse((await get('Type=METADATA-TABLE&ID=Property:A')).text)
    const fields = std.RETS.METADATA['METADATA-TABLE'].Field as Array<Record<string, unknown>>
    expect(fields).toHaveLength(a.length)
    expect(fields.find((f) => f.SystemName === 'LIST_15')?.LookupName).toBe('StandardStatus')
  })

  it('LOOKUP and LOOKUP_TYPE (Res:Lookup and Res:*) carry flexmls-style codes', async () => {
    const lookups = compactRows((await get('Type=METADATA-LOOKUP&ID=Property&Format=COMPACT')).text)
    expect(lookups.map((l) => l.LookupName)).toEqual([
      'StandardStatus',
      'PropertyType',
      'PropertySubType',
      'Appliances',
      'InteriorFeatures'
    ])
    const status = compactRows((await get('Type=METADATA-LOOKUP_TYPE&ID=Property:StandardStatus&Format=COMPACT')).text)
    expect(status.find((v) => v.LongValue === 'Active')?.Value).toBe('OV61GOJ13C0')
    const std = xml.parse((await get('Type=METADATA-LOOKUP_TYPE&ID=Property:*')).text)
    expect(std.RETS.METADATA['METADATA-LOOKUP_TYPE']).toHaveLength(5)
  })

  it('OBJECT lists Photo and HiRes', async () => {
    const objects = compactRows((await get('Type=METADATA-OBJECT&ID=Property&Format=COMPACT')).text)
    expect(objects.map((o) => [o.ObjectType, o.MIMEType])).toEqual([
      ['Photo', 'image/jpeg'],
      ['HiRes', 'image/jpeg']
    ])
  })

  it('SYSTEM with ID=* returns every block', async () => {
    const all = (await get('Type=METADATA-SYSTEM&ID=*&Format=COMPACT')).text
    for (const t of ['SYSTEM', 'RESOURCE', 'CLASS', 'TABLE', 'LOOKUP', 'LOOKUP_TYPE', 'OBJECT'])
      expect(all).toContain(`<METADATA-${t} `)
    expect(all.match(/<METADATA-TABLE /g)).toHaveLength(3 + 5)
  })

  it('answers errors with RETS reply codes', async () => {
    expect(replyCodeOf((await get('Type=METADATA-SYSTEM&ID=0&Format=COMPACT-DECODED')).text)).toBe(20514)
    expect(replyCodeOf((await get('Type=METADATA-NOPE&ID=0')).text)).toBe(20501)
    expect(replyCodeOf((await get('Type=METADATA-CLASS&ID=Nope')).text)).toBe(20500)
    const badClass = await get('Type=METADATA-TABLE&ID=Property:Z&Format=COMPACT')
    expect(replyCodeOf(badClass.text)).toBe(20502)
    expect(badClass.text).toContain('Valid classes are A, B, C')
  })

  it('bumps MetadataVersion and Date when a field is added, and the new field appears in TABLE', async () => {
    const before = (await get('Type=METADATA-SYSTEM&ID=0&Format=COMPACT')).text
    const r = await fetch(`${mls.url}/admin/metadata/fields`, {
      method: 'POST',
      body: JSON.stringify({
        resource: 'Property',
        systemName: 'LIST_999',
        standardName: 'WaterfrontYN',
        type: 'Boolean',
        length: 1
      })
    })
    expect(r.status).toBe(201)
    const after = (await get('Type=METADATA-SYSTEM&ID=0&Format=COMPACT')).text
    expect(before).toContain('Version="01.00.00001"')
    expect(after).toContain('Version="01.00.00002"')
    expect(/Date="([^"]+)"/.exec(after)?.[1]).not.toBe(/Date="([^"]+)"/.exec(before)?.[1])
    const table = compactRows((await get('Type=METADATA-TABLE&ID=Property:B&Format=COMPACT')).text)
    expect(table.find((f) => f.SystemName === 'LIST_999')?.DataType).toBe('Boolean')
  })
})

describe('GetMetadata under RETS 1.5', () => {
  it('uses <System> child elements and <Lookup> rows', async () => {
    const m = await startDemoMls({ listings: 10, retsVersion: '1.5' })
    try {
      const c = new TestRetsClient(m.url, { username: 'demo', password: 'demo-pass', retsVersion: 'RETS/1.5' })
      await c.login()
      const sys = (await c.request('/rets/GetMetadata?Type=METADATA-SYSTEM&ID=0')).text
      expect(sys).toContain('<System>\r\n<SystemID>DEMOMLS</SystemID>')
      const lt = (await c.request('/rets/GetMetadata?Type=METADATA-LOOKUP_TYPE&ID=Property:PropertyType')).text
      expect(lt).toContain('<Lookup><MetadataEntryID>')
      expect(lt).not.toContain('<LookupType>')
    } finally {
      await m.close()
    }
  })
})
