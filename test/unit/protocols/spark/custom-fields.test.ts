import { describe, expect, it } from 'vitest'
import { flattenListingCustomFields, parseCustomFields } from '../../../../src-main/protocols/spark/custom-fields'
import { parseSparkListing } from '../../../../src-main/protocols/spark/listing-record'
import { cellText } from '../../../../src-main/protocols/json-api/cell-text'

describe('Spark custom fields', () => {
  it('metadata groups → fields named "Group"."Field" with the full path kept', () => {
    const fields = parseCustomFields([
      {
        Main: {
          Label: 'Main',
          Fields: [
            {
              'Contract Information': {
                Label: 'Contract Information',
                Fields: [
                  {
                    'Book Section': {
                      Label: 'Book Section',
                      Type: 'Character',
                      Searchable: true,
                      HasList: true,
                      ResourceUri: '/v1/customfields/Book%20Section'
                    }
                  },
                  { 'Begin Date': { Label: 'Begin Date', Type: 'Date', Searchable: false, HasList: false } }
                ]
              }
            }
          ]
        }
      }
    ])
    expect(fields).toHaveLength(2)
    expect(fields[0]).toMatchObject({
      systemName: '"Contract Information"."Book Section"',
      longName: 'Book Section',
      dataType: 'Character',
      searchable: true,
      lookupName: '"Contract Information"."Book Section"',
      interpretation: 'Lookup'
    })
    expect(fields[0]!.attrs.path).toBe('Main/Contract Information/Book Section')
    expect(fields[1]).toMatchObject({ dataType: 'Date', searchable: false })
    expect(fields[1]!.lookupName).toBeUndefined()
  })

  it('the Spark listing CustomFields shape flattens, scalars kept typed', () => {
    const flat = flattenListingCustomFields([
      {
        Main: [
          {
            'Contract Information': [
              { 'Book Section': 'Residential w/ Acreage' },
              { Area: 'North (Bonner & Boundary)' },
              { 'Begin Date': '2006-03-03' }
            ]
          },
          { 'General Property Description': [{ Stories: 2 }, { 'Lot Acres': 36.9 }] }
        ],
        Details: [{ View: [{ Mountain: true }, { River: true }] }]
      }
    ])
    expect(flat).toEqual({
      '"Contract Information"."Book Section"': 'Residential w/ Acreage',
      '"Contract Information"."Area"': 'North (Bonner & Boundary)',
      '"Contract Information"."Begin Date"': '2006-03-03',
      '"General Property Description"."Stories"': 2,
      '"General Property Description"."Lot Acres"': 36.9,
      '"View"."Mountain"': true,
      '"View"."River"': true
    })
  })

  it('rooms from the seed shape, PrimaryPhoto folded into photos, cells formatted', () => {
    const l = parseSparkListing({
      Id: 'L1',
      StandardFields: {
        ListingKey: 'L1',
        Appliances: ['Dryer', 'Washer'],
        Rooms: [{ Id: 'R1', Fields: [{ 'Room Name': 'Bedroom' }, { 'Room Level': '1' }, { Length: null }] }],
        PrimaryPhoto: { Id: 'P1', Name: 'Front', Primary: true, Uri300: 'http://x/300.jpg' }
      },
      DisplayCompliance: { View: 'Detail' }
    })
    expect(l.rooms).toEqual([{ id: 'R1', fields: { 'Room Name': 'Bedroom', 'Room Level': '1', Length: null } }])
    expect(l.photos).toEqual([
      { id: 'P1', name: 'Front', caption: '', primary: true, uris: { '300': 'http://x/300.jpg' } }
    ])
    expect(l.expansions.DisplayCompliance).toEqual({ View: 'Detail' })
    expect(cellText(l.standardFields.Appliances)).toBe('Dryer,Washer')
    expect(cellText(null)).toBe('')
    expect(cellText({ a: 1 })).toBe('{"a":1}')
  })
})
