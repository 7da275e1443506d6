import { describe, expect, it } from 'vitest'
import { buildFieldMap, byResoName, byRetsName, mapLookupValues } from '../../../../domain/mapping/field-map'
import { parseOverrides } from '../../../../domain/mapping/map-overrides'
import { resoProperty, retsProperty } from './map-fixtures'

describe('RETS → RESO field map', () => {
  const map = buildFieldMap({ rets: retsProperty(), retsClass: 'A', reso: resoProperty() })

  it('pairs fields through their StandardName and says how their types compare', () => {
    expect(byRetsName(map, 'LIST_22')).toMatchObject({
      resoName: 'ListPrice',
      compatibility: 'same',
      matchedBy: 'standard-name'
    })
    expect(byRetsName(map, 'LIST_66')).toMatchObject({ resoName: 'BedroomsTotal', compatibility: 'same' })
    expect(byRetsName(map, 'ListPrice')?.retsName).toBe('LIST_22')
    expect(byResoName(map, 'modificationtimestamp')?.retsName).toBe('LIST_87')
    expect(byRetsName(map, 'LIST_999')?.resoName).toBeUndefined()
    expect(map.resoOnly).toEqual(['LotSizeAcres'])
  })

  it('maps lookup values through the standard value and marks the ones without a RESO value', () => {
    const status = byRetsName(map, 'LIST_15')
    expect(status?.enumType).toBe('org.reso.metadata.enums.StandardStatus')
    expect(status?.values).toEqual([
      { rets: 'OV1', retsLong: 'Active', reso: 'Active' },
      { rets: 'OV2', retsLong: 'Pending', reso: 'Pending' },
      { rets: 'OV3', retsLong: 'Closed', reso: 'Closed' },
      { rets: 'OV9', retsLong: 'Coming Soon' }
    ])
    const appliances = byRetsName(map, 'LIST_200')
    expect(appliances?.multi).toBe(true)
    expect(appliances?.enumType).toBe('org.reso.metadata.enums.Appliances')
    expect(appliances?.values?.find((v) => v.rets === 'RANGE')?.reso).toBe('GasRange')
  })

  it('a DD 2.x string multi-select (Collection(Edm.String) with a LookupName) is no enum', () => {
    const reso = resoProperty()
    const appliances = reso.classes[0]!.fields!.find((f) => f.systemName === 'Appliances')!
    appliances.dataType = 'Collection(Edm.String)'
    const m = buildFieldMap({ rets: retsProperty(), retsClass: 'A', reso })
    expect(byRetsName(m, 'LIST_200')).toMatchObject({ multi: true, kind: 'string', compatibility: 'same' })
    expect(byRetsName(m, 'LIST_200')?.enumType).toBeUndefined()
  })

  it('matches values by their long text when there is no standard value (DD 2.x string lookups)', () => {
    const pairs = mapLookupValues(
      [{ value: 'AUC', longValue: 'Active Under Contract', attrs: {} }],
      [{ value: 'Active Under Contract', attrs: {} }]
    )
    expect(pairs[0]?.reso).toBe('Active Under Contract')
  })

  it('applies overrides from the JSON file: a field forced, a field left out, a value paired by hand', () => {
    const overrides = parseOverrides(
      JSON.stringify({
        fields: { 'Property:A': { LIST_999: 'LotSizeAcres', LIST_43: null } },
        values: { 'Property:A.LIST_15': { OV9: 'Pending' } }
      })
    )
    const m = buildFieldMap({ rets: retsProperty(), retsClass: 'A', reso: resoProperty(), overrides })
    expect(byRetsName(m, 'LIST_999')).toMatchObject({
      resoName: 'LotSizeAcres',
      matchedBy: 'override',
      compatibility: 'different'
    })
    expect(byRetsName(m, 'LIST_43')?.resoName).toBeUndefined()
    expect(byRetsName(m, 'LIST_15')?.values?.find((v) => v.rets === 'OV9')?.reso).toBe('Pending')
    expect(() => parseOverrides('{"fields": {"Property:A": {"X": 3}}}')).toThrow()
  })
})

describe('class condition', () => {
  it('comes from a class named like a PropertyType value, or from the overrides file', () => {
    const rets = retsProperty()
    rets.classes[0]!.visibleName = 'Residential'
    rets.classes[0]!.fields!.push({
      systemName: 'LIST_8',
      standardName: 'PropertyType',
      dataType: 'Character',
      lookupName: 'PT',
      searchable: true,
      attrs: {}
    })
    rets.lookups.push({ name: 'PT', values: [{ value: 'RES', standardValue: 'Residential', attrs: {} }], attrs: {} })
    const reso = resoProperty()
    reso.classes[0]!.fields!.push({
      systemName: 'PropertyType',
      dataType: 'Edm.String',
      lookupName: 'PropertyType',
      searchable: true,
      attrs: {}
    })
    reso.lookups.push({ name: 'PropertyType', values: [{ value: 'Residential', attrs: {} }], attrs: {} })
    expect(buildFieldMap({ rets, retsClass: 'A', reso }).classCondition).toBe("PropertyType eq 'Residential'")
    const overrides = parseOverrides('{"classes": {"Property:A": "PropertyType eq \'Farm\'"}}')
    expect(buildFieldMap({ rets, retsClass: 'A', reso, overrides }).classCondition).toBe("PropertyType eq 'Farm'")
    expect(buildFieldMap({ rets: retsProperty(), retsClass: 'A', reso: resoProperty() }).classCondition).toBeUndefined()
  })
})
