import { describe, expect, it } from 'vitest'
import { validateActivityEvent } from '../../../../src-main/features/activity/activity-validation'

describe('validateActivityEvent', () => {
  it('accepts the seed samples', () => {
    expect(
      validateActivityEvent({
        kind: 'views',
        views: [
          { viewDate: '2010-01-01', supplierName: 'Company A', listings: [{ listingKey: '09-75', viewCount: 10 }] },
          { viewDate: '2010-01-01', supplierName: 'Company B', listings: [{ listingKey: '09-75', viewCount: 20 }] },
          { viewDate: '2010-01-01', listings: [{ listingKey: '09-75', viewCount: 49 }] }
        ]
      })
    ).toEqual([])
    expect(validateActivityEvent({ kind: 'tracker', listingId: '20-1234' })).toEqual([])
  })

  it('names every bad field with what it expects', () => {
    const issues = validateActivityEvent({
      kind: 'views',
      views: [
        {
          viewDate: '01/02/2026',
          supplierName: 'Other',
          listings: [
            { listingKey: ' 09-75', viewCount: 1.5 },
            { listingKey: '', viewCount: 2, url: 'www.example.com' }
          ]
        },
        {
          viewDate: '2026-01-02',
          listings: [
            { listingKey: 'A', viewCount: 1 },
            { listingKey: 'A', viewCount: 2 }
          ]
        },
        { viewDate: '2026-01-02', supplierName: ' ', listings: [{ listingKey: 'B', viewCount: 1 }] }
      ]
    })
    expect(issues).toEqual([
      {
        field: 'views[0].viewDate',
        message: 'must be a calendar date as YYYY-MM-DD, e.g. 2010-01-01; got "01/02/2026"'
      },
      {
        field: 'views[0].listings[0].listingKey',
        message: 'must be a ListingKey of at most 64 characters without leading or trailing spaces; got " 09-75"'
      },
      { field: 'views[0].listings[0].viewCount', message: 'must be a whole number of views, 0 or more; got "1.5"' },
      { field: 'views[0].listings[1].listingKey', message: 'is required: the ListingKey of the listing' },
      {
        field: 'views[0].listings[1].url',
        message: 'must be an absolute http:// or https:// URL of the listing page (or empty); got "www.example.com"'
      },
      {
        field: 'views[1].listings[1].listingKey',
        message: 'repeats listings[0] of the same View; give one total per listing and day'
      },
      {
        field: 'views[2]',
        message: 'repeats views[1]: a View is unique per ViewDate and ViewSupplierName; merge their listings'
      }
    ])
  })

  it('checks the tracker listing id and refuses empty uploads', () => {
    expect(validateActivityEvent({ kind: 'tracker', listingId: '' })).toEqual([
      { field: 'listingId', message: 'is required: the ListingID (LIST_105) of the listing shown' }
    ])
    expect(validateActivityEvent({ kind: 'tracker', listingId: '../x' })[0]?.field).toBe('listingId')
    expect(validateActivityEvent({ kind: 'views', views: [] })).toEqual([
      { field: 'views', message: 'must contain at least one View (a day and supplier with its listings)' }
    ])
    expect(validateActivityEvent({ kind: 'viewsXml', xml: '  ' })[0]?.field).toBe('xml')
  })
})
