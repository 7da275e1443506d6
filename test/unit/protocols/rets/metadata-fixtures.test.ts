import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { flexmls, libretsNet, libretsTest, readDump, terradatum } from '../../../support/http-dump'
import { readMetadataBuffer } from '../../../../src-main/protocols/rets/metadata/metadata-reader'
import {
  applyBlocks,
  emptyRetsModel,
  type BlockContext
} from '../../../../src-main/protocols/rets/metadata/metadata-model-builder'
import { findClass, findResource } from '../../../../domain/metadata/metadata-model'

const flexMeta = (f: string, dir = 'rets2_1_GetMetadata') => path.join(flexmls, 'get/retsgw.flexmls.com', dir, f)

async function load(file: string, context: BlockContext = {}) {
  const d = readDump(file)
  const read = await readMetadataBuffer(d.body, d.headers['content-type'] as string | undefined)
  const model = emptyRetsModel()
  applyBlocks(model, read.blocks, context)
  return { read, model }
}

describe('STANDARD-XML metadata captures (flexmls)', () => {
  it('SYSTEM 1.7.2 shape: attributes on <SYSTEM>', async () => {
    const { model } = await load(flexMeta('3f61a38b92bfdb51eaf133bf516b2483.txt'))
    expect(model.system).toMatchObject({
      id: 'demomls',
      description: 'flexmls Web Demo Database',
      version: '01.03.28598',
      timestamp: '2014-07-08T20:10:20Z',
      timeZoneOffset: '-05:00'
    })
  })

  it('SYSTEM 1.5 shape: child elements under <System>', async () => {
    const { model } = await load(flexMeta('940a2bcb4240708a30ed3e4abd2a3056.txt'))
    expect(model.system).toMatchObject({
      id: 'demomls',
      description: 'flexmls Web Demo Database',
      version: '01.03.32188',
      timestamp: 'Fri, 5 Sep 2014 21:35:01 GMT'
    })
  })

  it('empty <METADATA> is a successful, empty answer', async () => {
    const { read, model } = await load(flexMeta('0c110d39a7815a91b58a68006aa42dbf.txt'))
    expect(read).toMatchObject({ replyCode: 0, replyText: 'Operation Successful', blocks: [] })
    expect(model.resources).toEqual([])
  })

  it('RESOURCE: 9 resources with key fields; typed elements read as text', async () => {
    const { read, model } = await load(flexMeta('b3a4345b713492d24315d1f92665d7a6.txt'))
    expect(model.resources.map((r) => r.name)).toEqual([
      'ActiveAgent',
      'Agent',
      'Office',
      'OpenHouse',
      'Property',
      'RentalSchedule',
      'Room',
      'Tour',
      'VirtualTour'
    ])
    expect(findResource(model, 'Property')!.keyField).toBe('LIST_1')
    expect(read.blocks[0]!.records[0]!.ClassCount).toBe('1')
  })

  it('CLASS: 7 classes of Property with standard names', async () => {
    const { model } = await load(flexMeta('9ed93625ec4cad577e42158701ae7b44.txt'))
    const p = findResource(model, 'Property')!
    expect(p.classes.map((c) => c.name)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G'])
    expect(p.classes[0]).toMatchObject({ standardName: 'ResidentialProperty', visibleName: 'Residential' })
    expect(p.classes[0]!.fields).toBeUndefined()
  })

  it('TABLE (248 KB) for Property:A: 313 fields', async () => {
    const { model } = await load(flexMeta('bbe857812f04d9e40c3508c212ab0ebe.txt'))
    const fields = findClass(model, 'Property', 'A')!.fields!
    expect(fields).toHaveLength(313)
    expect(fields[0]).toMatchObject({
      systemName: 'LIST_0',
      longName: 'MLS Identifier',
      dbName: 'matechid',
      shortName: 'MLSID',
      maxLength: 26,
      dataType: 'Character',
      searchable: true,
      required: false
    })
    expect(fields[0]!.standardName).toBeUndefined()
    const lookups = fields.filter((f) => f.lookupName)
    expect(lookups.length).toBeGreaterThan(10)
    expect(fields.every((f) => f.systemName.length > 0)).toBe(true)
  })

  it('TABLE without a Class attribute takes the class from the request', async () => {
    const { model } = await load(flexMeta('df6c017842562b837dd77c23a95c5777.txt'), { resource: 'Property', class: 'B' })
    expect(findClass(model, 'Property', 'B')!.fields).toHaveLength(148)
  })

  it('TABLE (118 KB) from a reply that also set RETS-Session-ID', async () => {
    const file = flexMeta('4f4529540496ce9bc194500a6d109a2c.txt')
    expect(String(readDump(file).headers['set-cookie'])).toMatch(/RETS-Session-ID/)
    const { read } = await load(file)
    expect(read.blocks[0]).toMatchObject({ type: 'TABLE' })
    expect(read.blocks[0]!.records).toHaveLength(149)
  })

  it('OBJECT: 9 object types with MIME types', async () => {
    const { model } = await load(flexMeta('9d194ccfcc9edb5a93dea267d1f9c91d.txt'))
    const types = findResource(model, 'Property')!.objectTypes
    expect(types.map((t) => t.type)).toEqual([
      'Photo',
      'Thumbnail',
      '640x480',
      'HiRes',
      'Supplement',
      'OfficeRemarks',
      'PDF',
      'PNG',
      'UnbrandedVideo'
    ])
    expect(types[0]).toMatchObject({ mimeType: 'image/jpeg', description: 'Standard Photo (300x192)' })
    expect(types[0]!.attrs.ObjectCount).toBe('LIST_133')
  })

  it('LOOKUP_TYPE with <LookupType>, with <Lookup> and under 1.5 all give the same 6 values', async () => {
    const a = await load(flexMeta('785c884c29c4c4d17deb0fcd89cd5282.txt'))
    const b = await load(flexMeta('9d3ab35ecd3b097760867c2d7259ed83.txt', 'lookup_rets2_1_GetMetadata'))
    const c = await load(flexMeta('641d8d7917275a5ad955e16077733535.txt'))
    const values = (m: typeof a.model) =>
      findResource(m, 'Property')!.lookups.find((l) => l.name === '20000426151013376279000000')!.values!
    expect(values(a.model)).toHaveLength(6)
    expect(values(a.model)[0]).toMatchObject({
      value: '5PSUX49PM1Q',
      longValue: 'Lake/Other',
      shortValue: 'Lake/Other'
    })
    expect(values(b.model).map((v) => v.value)).toEqual(values(a.model).map((v) => v.value))
    expect(values(c.model).map((v) => v.longValue)).toEqual(values(a.model).map((v) => v.longValue))
    expect(values(c.model)[0]!.attrs.MetadataEntryID).toBeUndefined()
  })
})

describe('COMPACT metadata captures', () => {
  const checkCrt = async (file: string) => {
    const { read, model } = await load(file)
    expect(model.system).toMatchObject({
      id: 'CRT_RETS',
      description: 'Center for REALTOR Technology',
      version: '100.00.001'
    })
    expect(model.resources.map((r) => r.name)).toEqual(['Agent', 'ActiveAgent', 'Office', 'Property'])
    const property = findResource(model, 'Property')!
    expect(property.keyField).toBe('LN')
    expect(property.classes.map((c) => [c.name, c.fields?.length])).toEqual([
      ['MOB', 20],
      ['MUL', 20],
      ['LND', 20],
      ['CommercialProperty', 32],
      ['ResidentialProperty', 27],
      ['CON', 20]
    ])
    expect(property.objectTypes.map((o) => o.type)).toEqual(['', '', 'Thumbnail', 'Photo', '', ''])
    expect(property.lookups).toHaveLength(9)
    expect(property.lookups.every((l) => l.values && l.values.length > 0)).toBe(true)
    expect(read.blocks.filter((b) => b.type === 'VALIDATION_EXPRESSION').length).toBeGreaterThan(0)
    return read
  }

  it('CRT full dump (raw-metadata, 45 KB): every block type', async () => {
    const read = await checkCrt(path.join(libretsTest, 'raw-metadata'))
    expect(read.blocks.some((b) => b.type === 'COLUMN_GROUP_NORMALIZATION')).toBe(true)
  })

  it('Variman full-metadata (HTTP dump, chunk framing) matches the CRT model', async () => {
    await checkCrt(path.join(libretsNet, 'full-metadata'))
  })

  it('metadata-table.4: 32 CommercialProperty fields', async () => {
    const { model } = await load(path.join(libretsNet, 'metadata-table.4'))
    const fields = findClass(model, 'Property', 'CommercialProperty')!.fields!
    expect(fields).toHaveLength(32)
    expect(fields[0]).toMatchObject({
      systemName: 'SaleSharinglevel',
      longName: 'Sale Sharing level',
      maxLength: 8,
      precision: 0,
      searchable: true
    })
  })

  it('metadata-lookup-type.4: 60 values of EFT', async () => {
    const { model } = await load(path.join(libretsNet, 'metadata-lookup-type.4'))
    const eft = findResource(model, 'Property')!.lookups.find((l) => l.name === 'EFT')!
    expect(eft.values).toHaveLength(60)
    expect(eft.values![0]).toMatchObject({ value: 'FE', longValue: 'FENCE', shortValue: 'FE' })
  })

  it('Latin-1 byte without declaration falls back with a warning', async () => {
    const { read, model } = await load(path.join(libretsTest, 'metadata-extended-char.xml'))
    expect(findResource(model, 'Property')!.classes[0]).toMatchObject({
      name: 'RES',
      description: 'N\u009c\u0096ez',
      visibleName: 'Single Family'
    })
    expect(read.warnings.join(' ')).toMatch(/ISO-8859-1/)
  })

  it('ID=0 LOOKUP reply: one METADATA-LOOKUP block per resource', async () => {
    const { read, model } = await load(path.join(terradatum, 'getMetadataResponse_lookupZero.xml'))
    expect(read.blocks.map((b) => [b.type, b.attrs.Resource, b.records.length])).toEqual([
      ['LOOKUP', 'Property', 9],
      ['LOOKUP', 'Agent', 1]
    ])
    expect(findResource(model, 'Property')!.lookups[0]).toMatchObject({
      name: 'E_SCHOOL',
      visibleName: 'Elementary School District'
    })
    expect(findResource(model, 'Property')!.lookups[0]!.values).toBeUndefined()
  })

  it('UPDATE_TYPE blocks are read (kept out of the tree model)', async () => {
    const { read } = await load(path.join(terradatum, 'getMetadataResponse_updateType.xml'))
    expect(read.blocks[0]).toMatchObject({
      type: 'UPDATE_TYPE',
      attrs: { Resource: 'ActiveAgent', Class: 'ACTAGT', Update: 'Change_ACTAGT' }
    })
    expect(read.blocks[0]!.records.map((r) => r.SystemName)).toEqual(['AGENT_ID', expect.any(String)])
  })

  it('FOREIGNKEYS spellings normalise to one type; nested 1.7 blocks inherit Resource/Class', async () => {
    const xml = `<RETS ReplyCode="0" ReplyText="ok"><METADATA>
      <METADATA-RESOURCE Version="1"><Resource><ResourceID>Property</ResourceID><KeyField>LN</KeyField>
        <METADATA-CLASS Version="1"><Class><ClassName>RE_1</ClassName>
          <METADATA-TABLE Version="1"><Field><SystemName>LN</SystemName><DataType>Int</DataType><Searchable>1</Searchable></Field></METADATA-TABLE>
        </Class></METADATA-CLASS>
      </Resource></METADATA-RESOURCE>
      <METADATA-FOREIGN_KEYS Version="1"><ForeignKey><ForeignKeyID>fk1</ForeignKeyID><ParentResourceID>Property</ParentResourceID><ParentClassID>RE_1</ParentClassID><ParentSystemName>LN</ParentSystemName><ChildResourceID>Media</ChildResourceID><ChildClassID>PHOTO</ChildClassID><ChildSystemName>LISTING_ID</ChildSystemName><ConditionalParentField/><OneToManyFlag>1</OneToManyFlag></ForeignKey></METADATA-FOREIGN_KEYS>
      <METADATA-FOREIGNKEY Version="1"><ForeignKey><ForeignKeyID>fk2</ForeignKeyID><ParentResourceID>Property</ParentResourceID><ParentSystemName>AGENT</ParentSystemName><ChildResourceID>Agent</ChildResourceID><ChildSystemName>AGENT_ID</ChildSystemName><ConditionalParentField>STATUS</ConditionalParentField><ConditionalParentValue>A</ConditionalParentValue></ForeignKey>
      <ForeignKey><ForeignKeyID>broken</ForeignKeyID><ParentResourceID>Property</ParentResourceID></ForeignKey></METADATA-FOREIGNKEY>
    </METADATA></RETS>`
    const read = await readMetadataBuffer(Buffer.from(xml), 'text/xml', 'STANDARD-XML')
    expect(read.blocks.map((b) => b.type)).toEqual(['RESOURCE', 'CLASS', 'TABLE', 'FOREIGNKEYS', 'FOREIGNKEYS'])
    const model = emptyRetsModel()
    applyBlocks(model, read.blocks)
    expect(findClass(model, 'Property', 'RE_1')!.fields![0]).toMatchObject({
      systemName: 'LN',
      dataType: 'Int',
      isKey: true,
      searchable: true
    })
    // a key without both ends names nothing and is dropped; empty elements are absent, not ''
    expect(model.foreignKeys).toEqual([
      {
        id: 'fk1',
        parent: { resource: 'Property', class: 'RE_1', systemName: 'LN' },
        child: { resource: 'Media', class: 'PHOTO', systemName: 'LISTING_ID' },
        oneToMany: true,
        attrs: expect.objectContaining({ ForeignKeyID: 'fk1' })
      },
      {
        id: 'fk2',
        parent: { resource: 'Property', systemName: 'AGENT' },
        child: { resource: 'Agent', systemName: 'AGENT_ID' },
        condition: { field: 'STATUS', value: 'A' },
        attrs: expect.objectContaining({ ForeignKeyID: 'fk2' })
      }
    ])
  })
})
