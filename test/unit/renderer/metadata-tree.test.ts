import { describe, expect, it } from 'vitest'
import { flattenTree, parentIndex, type TreeSources } from '../../../src-renderer/features/metadata/metadata-tree'
import { metaKey } from '../../../src-renderer/features/metadata/meta-key'
import { treeKeyAction } from '../../../src-renderer/features/metadata/tree-keys'
import type { FieldMeta, LookupValue } from '../../../domain/metadata/metadata-model'
import { field, sampleSummary } from './fake-api'

function sources(
  fields: Record<string, FieldMeta[] | 'loading'> = {},
  values: Record<string, LookupValue[]> = {}
): TreeSources {
  return {
    summary: sampleSummary(),
    fields: (r, c) => fields[`${r}/${c}`],
    lookupValues: (r, l) => values[`${r}/${l}`]
  }
}

const resFields = [
  field('ListingKey', { isKey: true, longName: 'Listing Key' }),
  field('ListPrice', { dataType: 'Decimal', maxLength: 12, precision: 2, standardName: 'ListPrice', required: true }),
  field('LP_STAT', { longName: 'Status', lookupName: 'Status', dbName: 'stat_db', searchable: false })
]

describe('metadata tree flattening', () => {
  it('shows only resources when nothing is open', () => {
    const rows = flattenTree(sources(), new Set())
    expect(rows.map((r) => r.label)).toEqual(['Property', 'Agent'])
    expect(rows.every((r) => r.depth === 0 && r.expandable && !r.expanded)).toBe(true)
  })

  it('opens a resource into classes, lookups and object types, and a class into its fields', () => {
    const open = new Set([metaKey('r', 'Property'), metaKey('c', 'Property', 'RES'), metaKey('og', 'Property')])
    const rows = flattenTree(sources({ 'Property/RES': resFields }), open)
    expect(rows.map((r) => `${r.depth}:${r.label}`)).toEqual([
      '0:Property',
      '1:RES',
      '2:ListingKey',
      '2:ListPrice',
      '2:LP_STAT',
      '1:LND',
      '1:Lookups',
      '1:Object types',
      '2:Photo',
      '0:Agent'
    ])
    const price = rows[3]!
    expect(price.detail).toBe('Decimal(12,2)')
    expect(price.badges.map((b) => b.text)).toEqual(['S', 'R', 'std'])
    expect(rows[2]!.badges.map((b) => b.text)).toEqual(['key', 'S'])
    expect(rows[4]!.badges.map((b) => b.text)).toEqual(['L'])
    expect(rows[4]!.detail).toBe('Status · Character')
  })

  it('shows a loading row while a class loads its fields', () => {
    const open = new Set([metaKey('r', 'Property'), metaKey('c', 'Property', 'LND')])
    const rows = flattenTree(sources({ 'Property/LND': 'loading' }), open)
    expect(rows[3]).toMatchObject({ depth: 2, label: 'Loading fields…', expandable: false })
  })

  it('filters on SystemName, LongName, StandardName and DBName and opens the ancestors of each hit', () => {
    const src = sources({ 'Property/RES': resFields })
    const labels = (f: string): string[] => flattenTree(src, new Set(), f).map((r) => r.label)
    expect(labels('lp_stat')).toEqual(['Property', 'RES', 'LP_STAT']) // SystemName, any case
    expect(labels('listing key')).toEqual(['Property', 'RES', 'ListingKey']) // LongName
    expect(labels('STAT_DB')).toEqual(['Property', 'RES', 'LP_STAT']) // DBName
    expect(labels('listprice')).toEqual(['Property', 'RES', 'ListPrice']) // SystemName + StandardName
    expect(labels('residential')).toEqual(['Property', 'RES']) // class visible name; class stays closed
    expect(labels('nothing-like-this')).toEqual([])
    const hit = flattenTree(src, new Set(), 'lp_stat')
    expect(hit.map((r) => r.expanded)).toEqual([true, true, false])
  })

  it('matches lookup values when loaded', () => {
    const src = sources(
      {},
      {
        'Property/Status': [
          { value: 'A', longValue: 'Active', attrs: {} },
          { value: 'S', longValue: 'Sold', attrs: {} }
        ]
      }
    )
    expect(flattenTree(src, new Set(), 'sold').map((r) => r.label)).toEqual(['Property', 'Lookups', 'Status', 'S'])
  })

  it('flattens 100,000 fields and finds the parent of a row', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => field(`F${i}`))
    const open = new Set([metaKey('r', 'Property'), metaKey('c', 'Property', 'RES')])
    const rows = flattenTree(sources({ 'Property/RES': many }), open)
    expect(rows.length).toBe(100_000 + 6) // Property, RES, …fields, LND, Lookups, Object types, Agent
    expect(rows[50_002]!.label).toBe('F50000')
    expect(parentIndex(rows, 50_002)).toBe(1)
    expect(parentIndex(rows, 1)).toBe(0)
    expect(parentIndex(rows, 0)).toBe(-1)
    const filtered = flattenTree(sources({ 'Property/RES': many }), new Set(), 'F9999')
    expect(filtered.map((r) => r.label)).toEqual([
      'Property',
      'RES',
      'F9999',
      'F99990',
      'F99991',
      'F99992',
      'F99993',
      'F99994',
      'F99995',
      'F99996',
      'F99997',
      'F99998',
      'F99999'
    ])
  })
})

describe('tree keyboard rules', () => {
  const src = sources({ 'Property/RES': resFields })
  const open = new Set([metaKey('r', 'Property'), metaKey('c', 'Property', 'RES')])
  const rows = flattenTree(src, open)
  // 0 Property, 1 RES, 2 ListingKey, 3 ListPrice, 4 LP_STAT, 5 LND, 6 Lookups, 7 Object types, 8 Agent

  it('moves, pages and clamps', () => {
    expect(treeKeyAction('ArrowDown', rows, 0, open, 5)).toEqual({ type: 'select', index: 1 })
    expect(treeKeyAction('ArrowUp', rows, 0, open, 5)).toEqual({ type: 'select', index: 0 })
    expect(treeKeyAction('PageDown', rows, 6, open, 5)).toEqual({ type: 'select', index: 8 })
    expect(treeKeyAction('End', rows, 0, open, 5)).toEqual({ type: 'select', index: 8 })
    expect(treeKeyAction('x', rows, 0, open, 5)).toBeUndefined()
    expect(treeKeyAction('ArrowDown', [], 0, open, 5)).toBeUndefined()
  })

  it('opens, enters, closes and climbs like a file tree', () => {
    expect(treeKeyAction('ArrowRight', rows, 5, open, 5)).toMatchObject({ type: 'open', row: { label: 'LND' } })
    expect(treeKeyAction('ArrowRight', rows, 1, open, 5)).toEqual({ type: 'select', index: 2 })
    expect(treeKeyAction('ArrowRight', rows, 3, open, 5)).toBeUndefined() // a field is a leaf
    expect(treeKeyAction('ArrowLeft', rows, 1, open, 5)).toMatchObject({ type: 'close', row: { label: 'RES' } })
    expect(treeKeyAction('ArrowLeft', rows, 4, open, 5)).toEqual({ type: 'select', index: 1 })
    expect(treeKeyAction('Enter', rows, 3, open, 5)).toMatchObject({ type: 'activate', row: { label: 'ListPrice' } })
    // opened by a filter hit, not by the user: Left goes to the parent
    const filtered = flattenTree(src, new Set(), 'lp_stat')
    expect(treeKeyAction('ArrowLeft', filtered, 1, new Set(), 5)).toEqual({ type: 'select', index: 0 })
  })
})
