import { describe, expect, it } from 'vitest'
import { composeViewTracking } from '../../../../src-main/features/activity/view-tracking-document'
import { previewActivity } from '../../../../src-main/features/activity/activity-client'
import { parseViewTracking } from '../../../../demo-mls/activity/view-tracking-xml'

describe('ViewTracking upload document (Listing Activity API documentation)', () => {
  it('writes the seed layout: namespace, ViewDate, empty supplier for Other, ListingUrl only when given', () => {
    const xml = composeViewTracking([
      {
        viewDate: '2010-01-01',
        listings: [
          { listingKey: '09-75', viewCount: 10, url: 'http://www.mywebcompany.com/listing/09-75/' },
          { listingKey: '09-76', viewCount: 12 }
        ]
      }
    ])
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<Views xmlns="https://retsgw.flexmls.com/tracking/v1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="https://retsgw.flexmls.com/tracking/v1/ViewTracking.xsd">',
        '<View>',
        '<ViewDate>2010-01-01</ViewDate>',
        '<ViewSupplierName />',
        '<Listing>',
        '<ListingKey>09-75</ListingKey>',
        '<ListingViewCount>10</ListingViewCount>',
        '<ListingUrl>http://www.mywebcompany.com/listing/09-75/</ListingUrl>',
        '</Listing>',
        '<Listing>',
        '<ListingKey>09-76</ListingKey>',
        '<ListingViewCount>12</ListingViewCount>',
        '</Listing>',
        '</View>',
        '</Views>',
        ''
      ].join('\n')
    )
  })

  it('escapes markup in values so the receiving parser reads them back unchanged', () => {
    const xml = composeViewTracking([
      {
        viewDate: '2026-11-20',
        supplierName: 'A & B <Homes> "Ltd"',
        listings: [{ listingKey: "K'1", viewCount: 0, url: 'https://x.example/?a=1&b=2' }]
      }
    ])
    expect(xml).toContain('<ViewSupplierName>A &amp; B &lt;Homes&gt; &quot;Ltd&quot;</ViewSupplierName>')
    expect(parseViewTracking(xml)).toEqual([
      {
        viewDate: '2026-11-20',
        supplier: 'A & B <Homes> "Ltd"',
        listings: [{ listingKey: "K'1", count: 0, url: 'https://x.example/?a=1&b=2' }]
      }
    ])
  })

  it('previews the request with the key as {apiKey}', () => {
    expect(previewActivity({ kind: 'tracker', listingId: 'L 1' }).issues[0]?.field).toBe('listingId')
    const gif = previewActivity({ kind: 'tracker', listingId: '20-123' })
    expect(gif).toEqual({
      valid: true,
      issues: [],
      method: 'GET',
      path: 'listings/views/listing/20-123/{apiKey}/tracker.gif'
    })
    const post = previewActivity({
      kind: 'views',
      views: [{ viewDate: '2026-01-01', listings: [{ listingKey: 'K', viewCount: 1 }] }]
    })
    expect(post.method).toBe('POST')
    expect(post.path).toBe('listings/views/{apiKey}/')
    expect(post.body).toContain('<ListingKey>K</ListingKey>')
  })
})
