import { describe, expect, it } from 'vitest'
import { IdxRecordCollector, RepeatedReply } from '../../../../src-main/features/idx/idx-record-rows'
import { streamXml } from '../../../../src-main/protocols/rets/xml-stream'

// two chunks, split inside a tag, as a network read would deliver them
async function* chunks(xml: string): AsyncGenerator<Buffer> {
  const cut = Math.floor(xml.length / 2)
  yield Buffer.from(xml.slice(0, cut))
  yield Buffer.from(xml.slice(cut))
}

async function collect(xml: string, guard?: string) {
  const out = { columns: [] as string[], rows: [] as string[][] }
  const collector = new IdxRecordCollector({ columns: (c) => (out.columns = c), row: (r) => out.rows.push(r) })
  collector.beginReply(guard)
  await streamXml(chunks(xml), 'text/xml', collector)
  return { ...out, facts: collector.facts, collector }
}

describe('IdxRecordCollector', () => {
  it('reads the IDX API details sample with its Pagination block', async () => {
    const { columns, rows, facts } = await collect(`<?xml version="1.0"?>
<RETS ReplyText="Operation successful" ReplyCode="0">
  <RETS-RESPONSE xmlns="MLSIDXAPI.Search.Property">
    <Pagination><TotalRecords>41</TotalRecords><Limit>10</Limit><Offset>21</Offset><TotalPages>5</TotalPages><RecordsReturned>10</RecordsReturned></Pagination>
    <PropertyDetails>
      <ID>10494823</ID>
      <LastUpdated>Tue, 07 Jun 2011 04:20:24 GMT </LastUpdated>
      <ListingID>55131841</ListingID>
      <Building><BathroomTotal>1</BathroomTotal><BedroomsTotal>3</BedroomsTotal></Building>
      <AgentDetails ID="77"><Name>Ann</Name><Phones><Phone>1</Phone><Phone>2</Phone></Phones></AgentDetails>
      <Photo Count="4"/>
    </PropertyDetails>
  </RETS-RESPONSE>
</RETS>`)
    expect(facts.replyCode).toBe(0)
    expect(facts.recordElement).toBe('PropertyDetails')
    expect(facts.pagination).toEqual({ totalRecords: 41, limit: 10, offset: 21, totalPages: 5, recordsReturned: 10 })
    expect(columns).toEqual([
      'ID',
      'LastUpdated',
      'ListingID',
      'Building.BathroomTotal',
      'Building.BedroomsTotal',
      'AgentDetails.ID',
      'AgentDetails.Name',
      'AgentDetails.Phones.Phone',
      'Photo.Count'
    ])
    expect(rows).toEqual([
      ['10494823', 'Tue, 07 Jun 2011 04:20:24 GMT', '55131841', '1', '3', '77', 'Ann', '1 | 2', '4']
    ])
  })

  it('reads master-list attributes, even where the seed nests them in <Pagination>', async () => {
    const { columns, rows } = await collect(`<RETS ReplyText="Operation successful" ReplyCode="0">
<RETS-RESPONSE xmlns="MLSIDXAPI.Search.Property">
<Pagination>
<Property LastUpdated="THU,03 DEC 2026 01:55:46 GMT" ID="10166883"/>
<Property LastUpdated="THU,03 DEC 2026 01:54:42 GMT" ID="10166884"/>
</Pagination></RETS-RESPONSE></RETS>`)
    expect(columns).toEqual(['LastUpdated', 'ID'])
    expect(rows).toEqual([
      ['THU,03 DEC 2026 01:55:46 GMT', '10166883'],
      ['THU,03 DEC 2026 01:54:42 GMT', '10166884']
    ])
  })

  it('takes the reply code of an error envelope and stops on a page that repeats the previous one', async () => {
    const { facts, rows } = await collect(
      '<RETS ReplyCode="20203" ReplyText="Specified SearchType (X) is not valid."/>'
    )
    expect(facts).toMatchObject({ replyCode: 20203, replyText: 'Specified SearchType (X) is not valid.' })
    expect(rows).toEqual([])
    const page = '<RETS ReplyCode="0"><RETS-RESPONSE><Office ID="1" LastUpdated="x"/></RETS-RESPONSE></RETS>'
    await expect(collect(page, '1\u0001x')).rejects.toBeInstanceOf(RepeatedReply)
  })

  it('hands each record to onRecord with only the values it had, while rows are padded to every column seen', async () => {
    const records: Array<Record<string, string>> = []
    const rows: string[][] = []
    const collector = new IdxRecordCollector({ columns: () => undefined, row: (r) => rows.push(r) }, (record) =>
      records.push(Object.fromEntries(record))
    )
    collector.beginReply()
    const xml = `<RETS ReplyCode="0"><RETS-RESPONSE>
<OfficeDetails><ID>O1</ID><Phones><Phone>1</Phone></Phones></OfficeDetails>
<OfficeDetails><ID>O2</ID><Name/></OfficeDetails></RETS-RESPONSE></RETS>`
    await streamXml(chunks(xml), 'text/xml', collector)
    expect(records).toEqual([
      { ID: 'O1', 'Phones.Phone': '1' },
      { ID: 'O2', Name: '' }
    ])
    expect(rows).toEqual([
      ['O1', '1'],
      ['O2', '', '']
    ])
  })
})
