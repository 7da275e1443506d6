import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { flexmls, libretsNet, libretsTest, readDump, readFixture } from '../../../support/http-dump'
import { scanCompactBuffer, type CompactEvent } from '../../../../src-main/protocols/rets/search/compact-scanner'

const flexSearch = (f: string) => path.join(flexmls, 'get/retsgw.flexmls.com/rets2_1_Search', f)

function summarise(events: CompactEvent[]) {
  const rows = events.flatMap((e) => (e.type === 'row' ? [e.values] : []))
  const columns = events.find((e) => e.type === 'columns')
  const count = events.find((e) => e.type === 'count')
  const replies = events.filter((e) => e.type === 'reply' || e.type === 'status')
  const last = replies[replies.length - 1]
  return {
    rows,
    columns: columns && columns.type === 'columns' ? columns.columns : undefined,
    count: count && count.type === 'count' ? count.records : undefined,
    maxRows: events.some((e) => e.type === 'maxrows'),
    replyCode: last && 'replyCode' in last ? last.replyCode : undefined,
    order: events.map((e) => e.type).filter((t, i, a) => a.indexOf(t) === i)
  }
}

const scanDump = (file: string) => {
  const d = readDump(file)
  return summarise(
    scanCompactBuffer(d.body, /charset=([^;]+)/.exec(String(d.headers['content-type'] ?? ''))?.[1]).events
  )
}

describe('COMPACT search captures', () => {
  it('flexmls COUNT + MAXROWS, no DELIMITER element (TAB default)', () => {
    const s = scanDump(flexSearch('1aa3b4454404b11492369cc3f2b95e8f.txt'))
    expect(s.count).toBe(40)
    expect(s.columns).toEqual(['LIST_1'])
    expect(s.rows).toHaveLength(15)
    expect(s.rows[0]).toEqual(['20140904164308260560000000'])
    expect(s.rows[14]).toEqual(['20071008190307954690000000'])
    expect(s.maxRows).toBe(true)
  })

  it('flexmls COUNT before DELIMITER 09, no MAXROWS', () => {
    const s = scanDump(flexSearch('71fb8c90d106cf1f88c5687044918787.txt'))
    expect(s.order.slice(0, 4)).toEqual(['reply', 'count', 'delimiter', 'columns'])
    expect(s.rows.map((r) => r[0])).toContain('20041006202647717714000000')
    expect(s.rows).toHaveLength(10)
    expect(s.maxRows).toBe(false)
  })

  it('flexmls 9 columns with an empty trailing value kept', () => {
    const s = scanDump(flexSearch('772dbb6548885978fd7b656175e0b817.txt'))
    expect(s.count).toBe(9057)
    expect(s.columns).toHaveLength(9)
    expect(s.columns![8]).toBe('LIST_30')
    expect(s.rows[0]).toEqual([
      '20000426143505724628000000',
      '20111220223408848362000000',
      '20000426173054425873000000',
      '20000426173054342350000000',
      '11-73',
      'Expired',
      '185000.00',
      '2011-12-03',
      ''
    ])
    expect(s.rows).toHaveLength(3)
    expect(s.maxRows).toBe(true)
  })

  it('flexmls POST search: chunked, COUNT=1763 with one row and MAXROWS', () => {
    const s = scanDump(
      path.join(flexmls, 'post/retsgw.flexmls.com/rets2_1_Search/49cf00533b92c63d4bd49e662ce6373f.txt')
    )
    expect(s).toMatchObject({ count: 1763, maxRows: true, replyCode: 0 })
    expect(s.rows).toEqual([['20060610132245629878000000']])
  })

  it('pipe delimiter 7C', () => {
    const s = summarise(scanCompactBuffer(readFixture(path.join(libretsTest, 'search-response-pipe.xml'))).events)
    expect(s.columns).toEqual(['CITY'])
    expect(s.rows).toEqual([['AURORA']])
  })

  it('row without a leading delimiter: nothing but the trailing one is stripped', () => {
    const s = summarise(
      scanCompactBuffer(readFixture(path.join(libretsTest, 'search-response-no-leading-tab.xml'))).events
    )
    expect(s.columns).toEqual(['ListingID', 'ListPrice', 'City', 'ListDate'])
    expect(s.rows).toEqual([
      ['LN000005', '250000', 'Chicago', '2004-07-04'],
      ['LN000004', '380000', 'Buffalo Grove', '2004-05-30']
    ])
  })

  it('row without a trailing delimiter', () => {
    const s = summarise(
      scanCompactBuffer(readFixture(path.join(libretsTest, 'search-response-no-final-tab.xml'))).events
    )
    expect(s.columns).toEqual(['ListingID', 'ListPrice', 'City', 'ListDate'])
    expect(s.rows[1]).toEqual(['LN000004', '380000', 'Buffalo Grove', '2004-05-30'])
  })

  it('UTF-8 values decode (Núñez)', () => {
    const s = summarise(
      scanCompactBuffer(readFixture(path.join(libretsTest, 'search-response-extended-utf8.xml'))).events
    )
    expect(s.rows).toEqual([['AG000001', 'Carlos', 'Núñez']])
  })

  it('libRETS test-network search.1: 160 rows of 4 columns', () => {
    const s = scanDump(path.join(libretsNet, 'search.1'))
    expect(s.count).toBe(160)
    expect(s.rows).toHaveLength(160)
    expect(s.rows[159]).toEqual(['LN000159', '250000', '4', 'Chicago'])
    expect(s.rows.every((r) => r.length === 4)).toBe(true)
  })

  it('IIS search.3: DELIMITER value="9", MAXROWS and RETS-STATUS 20208 override', () => {
    const s = scanDump(path.join(libretsNet, 'search.3'))
    expect(s.count).toBe(42)
    expect(s.rows).toEqual([['Zanesville']])
    expect(s.maxRows).toBe(true)
    expect(s.replyCode).toBe(20208)
  })

  it('short rows pad to the column count; spaces and empty values are data', () => {
    const body = Buffer.from(
      '<RETS ReplyCode="0" ReplyText="ok"><DELIMITER value="09"/><COLUMNS>\tA\tB\tC\t</COLUMNS><DATA>\t x \t</DATA><DATA>\t\t\t\t</DATA></RETS>'
    )
    const s = summarise(scanCompactBuffer(body).events)
    expect(s.rows).toEqual([
      [' x ', '', ''],
      ['', '', '']
    ])
  })

  it('COUNT after DELIMITER, entities decoded and a bare & repaired with a warning', () => {
    const body = Buffer.from(
      '<RETS ReplyCode="0" ReplyText="ok"><DELIMITER value="09"/><COUNT Records="2"/><COLUMNS>\tN\t</COLUMNS><DATA>\tA &amp; B\t</DATA><DATA>\tSmith & Sons &#1;\t</DATA></RETS>'
    )
    const { events, warnings } = scanCompactBuffer(body)
    const s = summarise(events)
    expect(s.count).toBe(2)
    expect(s.rows).toEqual([['A & B'], ['Smith & Sons  ']])
    expect(warnings.join(' ')).toMatch(/2 invalid XML/)
  })
})
