import { describe, expect, it } from 'vitest'
import {
  defaultNamingPattern,
  exampleFileName,
  parseNamingPattern,
  renderNamingPattern
} from '../../../../src-main/features/export/photos/naming-pattern'

const values = { listingKey: 'L1', objectId: '3', order: 3, type: 'HiRes', resource: 'Property', ext: 'jpg' }
const { order: _order, ...withoutOrder } = values

describe('naming patterns', () => {
  it('default patterns put several types in their own folders', () => {
    expect(defaultNamingPattern(['Photo'])).toBe('{ListingKey}/{ObjectId}.{ext}')
    expect(defaultNamingPattern(['Photo', 'HiRes'])).toBe('{ListingKey}/{Type}/{ObjectId}.{ext}')
  })

  it('renders every token, zero-pads numbers, case-insensitive token names', () => {
    const { pattern } = parseNamingPattern(
      '{resource}/{ListingKey}_{Type}/{Order:3}-{objectid}-{Uid}-{Description}.{ext}'
    )
    expect(renderNamingPattern(pattern!, { ...values, uid: 'M-9', description: 'Front' })).toEqual([
      'Property',
      'L1_HiRes',
      '003-3-M-9-Front.jpg'
    ])
    // Uid falls back to the object id, Order to the object id, Description to nothing
    expect(renderNamingPattern(parseNamingPattern('{Uid}-{Order}{Description}.{ext}').pattern!, withoutOrder)).toEqual([
      '3-3.jpg'
    ])
  })

  it('token values cannot create folders or climb out', () => {
    const { pattern } = parseNamingPattern('{ListingKey}/{Description}.{ext}')
    expect(renderNamingPattern(pattern!, { ...values, listingKey: '../..', description: 'a/../../b' })).toEqual([
      '_.._',
      'a_.._.._b.jpg'
    ])
    expect(renderNamingPattern(pattern!, { ...values, listingKey: '..', description: '' })).toEqual(['_', '_.jpg'])
  })

  it('unknown tokens, stray braces, absolute patterns are errors; ambiguous patterns warn', () => {
    expect(parseNamingPattern('{Listing}/{ObjectId}.{ext}').errors[0]).toMatch(/Unknown token \{Listing\}/)
    expect(parseNamingPattern('{ListingKey}/{ObjectId.{ext}').errors).toContain(
      'Unbalanced { or } in the naming pattern.'
    )
    expect(parseNamingPattern('/abs/{ObjectId}').errors).toContain(
      'The naming pattern must be relative to the destination folder.'
    )
    expect(parseNamingPattern('C:\\x\\{ObjectId}').errors.length).toBe(1)
    expect(parseNamingPattern('').errors).toContain('The naming pattern is empty.')
    const warn = parseNamingPattern('{Description}')
    expect(warn.errors).toEqual([])
    expect(warn.warnings).toHaveLength(3)
  })

  it('gives the dialog a live example', () => {
    expect(exampleFileName('{ListingKey}/{Order:2} {Description}.{ext}')).toEqual({
      example: '20000123/01 Front of house.jpg',
      errors: [],
      warnings: []
    })
    expect(exampleFileName('{Nope}').example).toBeUndefined()
  })
})
