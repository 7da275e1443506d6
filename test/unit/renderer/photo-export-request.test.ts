import { describe, expect, it } from 'vitest'
import {
  buildExportArgs,
  listingFraction,
  parseIdList,
  parseKeyList,
  type PhotoExportForm
} from '../../../src-renderer/features/photos/export-request'

const form = (over: Partial<PhotoExportForm> = {}): PhotoExportForm => ({
  destination: '/home/me/photos',
  keySource: 'result',
  keyColumn: 'LIST_1',
  pastedKeys: '',
  types: ['Photo'],
  idChoice: '*',
  idList: '',
  pattern: '',
  concurrency: 4,
  batchSize: 10,
  mode: 'multipart',
  resume: true,
  ...over
})

describe('photo export form → photos:export arguments', () => {
  it('reads pasted keys in any spreadsheet shape, once each', () => {
    expect(parseKeyList('A1\nA2, A3\tA1 ;A4\r\n')).toEqual(['A1', 'A2', 'A3', 'A4'])
  })

  it('expands object id ranges and refuses junk', () => {
    expect(parseIdList('1, 3-5 2')).toEqual([1, 3, 4, 5, 2])
    expect(parseIdList('5-3')).toBeUndefined()
    expect(parseIdList('1,x')).toBeUndefined()
    expect(parseIdList('')).toBeUndefined()
  })

  it('exports the key column of a result in main, with the RETS mode', () => {
    const r = buildExportArgs(form({ pattern: ' {ListingKey}/{Order:3}.{ext} ' }), {
      profileId: 'demo-rets',
      resultId: 'result-7',
      kind: 'rets',
      resource: 'Property'
    })
    expect(r).toEqual({
      args: {
        profileId: 'demo-rets',
        resource: 'Property',
        mode: 'multipart',
        request: {
          destination: '/home/me/photos',
          keysFrom: { resultId: 'result-7', column: 'LIST_1' },
          types: ['Photo'],
          objectIds: '*',
          namingPattern: '{ListingKey}/{Order:3}.{ext}',
          concurrency: 4,
          batchSize: 10,
          resume: true
        }
      }
    })
  })

  it('sends pasted keys and an id list; no mode outside RETS', () => {
    const r = buildExportArgs(form({ keySource: 'pasted', pastedKeys: 'K1 K2', idChoice: 'list', idList: '1-2' }), {
      profileId: 'demo-spark',
      kind: 'spark'
    })
    expect('args' in r && r.args.request.listingKeys).toEqual(['K1', 'K2'])
    expect('args' in r && r.args.request.objectIds).toEqual([1, 2])
    expect('args' in r && 'mode' in r.args).toBe(false)
  })

  it('says everything that is missing at once', () => {
    const r = buildExportArgs(
      form({ destination: 'photos', types: [], keySource: 'pasted', idChoice: 'list', idList: 'a' }),
      { profileId: 'p', kind: 'rets' }
    )
    expect('problems' in r && r.problems).toEqual([
      'Give the full path of the destination folder.',
      'Choose at least one object type.',
      'Paste at least one listing key.',
      'Object ids are numbers or ranges, e.g. 1, 3-5.'
    ])
  })

  it('reads the share done from the engine line, type by type when there are several', () => {
    expect(listingFraction('8 objects · listing 2/4')).toBe(0.5)
    expect(listingFraction('8 objects · listing 1/4 · type 2/2')).toBeCloseTo(5 / 8)
    expect(listingFraction('8 objects · listing 4/4 · type 2/2')).toBe(1)
    expect(listingFraction('starting')).toBeUndefined()
  })
})
