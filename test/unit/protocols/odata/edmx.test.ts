import { XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../../contract/app-error'
import { EdmxReader, readEdmx } from '../../../../src-main/protocols/odata/edmx-reader'
import { edmxToModel } from '../../../../src-main/protocols/odata/edmx-to-model'
import { applyLookupRows } from '../../../../src-main/protocols/odata/lookup-resource'
import { createDemoContext } from '../../../../demo-mls/server'
import { demoEdmx } from '../../../../demo-mls/reso/edmx-writer'
import { apiSettingsFor } from '../../../../demo-mls/web-api/api-settings'

const EDMX = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
 <edmx:Reference Uri="x"><edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/></edmx:Reference>
 <edmx:DataServices>
  <Schema Namespace="org.reso.metadata" Alias="RESO" xmlns="http://docs.oasis-open.org/odata/ns/edm">
   <EntityType Name="Base" Abstract="true"><Key><PropertyRef Name="ListingKey"/></Key>
     <Property Name="ListingKey" Type="Edm.String" MaxLength="255" Nullable="false"/>
   </EntityType>
   <EntityType Name="Property" BaseType="RESO.Base">
     <Property Name="ListPrice" Type="Edm.Decimal" Precision="14" Scale="2">
       <Annotation Term="RESO.OData.Metadata.StandardName" String="List Price"/>
       <Annotation Term="Core.Description"><String>The current price &amp; more.</String></Annotation>
     </Property>
     <Property Name="StandardStatus" Type="org.reso.metadata.enums.StandardStatus"/>
     <Property Name="Appliances" Type="Collection(org.reso.metadata.enums.Appliances)"/>
     <Property Name="Heating" Type="Collection(Edm.String)"><Annotation Term="RESO.OData.Metadata.LookupName" String="Heating"/></Property>
     <Property Name="ModificationTimestamp" Type="Edm.DateTimeOffset" Precision="27"/>
     <NavigationProperty Name="Media" Type="Collection(org.reso.metadata.Media)"/>
     <NavigationProperty Name="ListAgent" Type="org.reso.metadata.Member"/>
   </EntityType>
   <EntityType Name="Media"><Key><PropertyRef Name="MediaKey"/></Key><Property Name="MediaKey" Type="Edm.String"/></EntityType>
   <EntityType Name="Member"><Key><PropertyRef Name="MemberKey"/></Key><Property Name="MemberKey" Type="Edm.String"/></EntityType>
   <EntityContainer Name="Default">
     <EntitySet Name="Property" EntityType="org.reso.metadata.Property">
       <NavigationPropertyBinding Path="Media" Target="Media"/>
       <NavigationPropertyBinding Path="ListAgent" Target="org.reso.metadata.Default/Member"/>
     </EntitySet>
     <EntitySet Name="Media" EntityType="org.reso.metadata.Media"/>
     <EntitySet Name="Member" EntityType="RESO.Member"/>
   </EntityContainer>
   <Annotations Target="org.reso.metadata.Property/ModificationTimestamp"><Annotation Term="Core.Description" String="Last change"/></Annotations>
  </Schema>
  <Schema Namespace="org.reso.metadata.enums" xmlns="http://docs.oasis-open.org/odata/ns/edm">
   <EnumType Name="StandardStatus"><Member Name="Active" Value="0"><Annotation Term="RESO.OData.Metadata.StandardName" String="Active"/></Member>
     <Member Name="ActiveUnderContract" Value="1"><Annotation Term="RESO.OData.Metadata.StandardName" String="Active Under Contract"/></Member></EnumType>
   <EnumType Name="Appliances" IsFlags="true"><Member Name="Dishwasher" Value="1"/><Member Name="Dryer" Value="2"/></EnumType>
  </Schema>
 </edmx:DataServices>
</edmx:Edmx>`

async function* oneCharAtATime(text: string): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text)
  for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7)
}

function invalidMessage(xml: string): string {
  const reader = new EdmxReader()
  reader.write(xml)
  try {
    edmxToModel(reader.finish())
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    expect((e as AppError).code).toBe('EDMX_INVALID')
    return (e as AppError).message
  }
  throw new Error('expected EDMX_INVALID')
}

describe('EDMX → metadata model', () => {
  it('reads keys, facets, collections, enums, annotations, navigation and bindings', async () => {
    const model = edmxToModel(await readEdmx(oneCharAtATime(EDMX)))
    expect(model.source).toBe('reso')
    expect(model.system).toMatchObject({ id: 'Default', version: '4.0' })
    expect(model.resources.map((r) => r.name)).toEqual(['Property', 'Media', 'Member'])
    const prop = model.resources[0]!
    expect(prop.keyField).toBe('ListingKey')
    const fields = prop.classes[0]!.fields!
    expect(fields.map((f) => f.systemName)).toEqual([
      'ListingKey',
      'ListPrice',
      'StandardStatus',
      'Appliances',
      'Heating',
      'ModificationTimestamp'
    ])
    expect(fields[0]).toMatchObject({ isKey: true, nullable: false, maxLength: 255, dataType: 'Edm.String' })
    expect(fields[1]).toMatchObject({
      precision: 14,
      scale: 2,
      standardName: 'List Price',
      description: 'The current price & more.'
    })
    expect(fields[2]).toMatchObject({
      lookupName: 'StandardStatus',
      interpretation: 'Lookup',
      dataType: 'org.reso.metadata.enums.StandardStatus'
    })
    expect(fields[3]).toMatchObject({ collection: true, lookupName: 'Appliances', interpretation: 'LookupMulti' })
    expect(fields[4]).toMatchObject({ collection: true, lookupName: 'Heating', dataType: 'Edm.String' })
    expect(fields[5]?.description).toBe('Last change')
    expect(prop.navigation).toEqual([
      { name: 'Media', target: 'Media', collection: true },
      { name: 'ListAgent', target: 'Member', collection: false }
    ])
    expect(prop.objectTypes.map((o) => o.type)).toEqual(['Media'])
    const status = prop.lookups.find((l) => l.name === 'StandardStatus')!
    expect(status.values).toEqual([
      { value: 'Active', standardValue: 'Active', longValue: 'Active', attrs: { Value: '0' } },
      {
        value: 'ActiveUnderContract',
        standardValue: 'Active Under Contract',
        longValue: 'Active Under Contract',
        attrs: { Value: '1' }
      }
    ])
    expect(prop.lookups.find((l) => l.name === 'Appliances')?.attrs.IsFlags).toBe('true')
    expect(prop.lookups.find((l) => l.name === 'Heating')?.values).toBeUndefined()
  })

  it('fills DD 2.x LookupName lookups from Lookup resource rows', async () => {
    const model = edmxToModel(await readEdmx(EDMX))
    const placed = applyLookupRows(model, [
      { LookupKey: 'H1', LookupName: 'Heating', LookupValue: 'Forced Air', StandardLookupValue: 'Forced Air' },
      { LookupKey: 'H2', LookupName: 'Heating', LookupValue: 'Radiant' },
      { LookupKey: 'X', LookupName: 'Unused', LookupValue: 'x' }
    ])
    expect(placed).toBe(2)
    const heating = model.resources[0]!.lookups.find((l) => l.name === 'Heating')!
    expect(heating.values?.map((v) => v.value)).toEqual(['Forced Air', 'Radiant'])
    expect(heating.values?.[0]?.standardValue).toBe('Forced Air')
  })

  it('names the broken element: missing Key, bad binding target or path, unknown type', () => {
    expect(invalidMessage(EDMX.replace('<Key><PropertyRef Name="MediaKey"/></Key>', ''))).toMatch(
      /EntityType 'Media' has no Key/
    )
    expect(invalidMessage(EDMX.replace('Target="Media"', 'Target="Medias"'))).toMatch(
      /NavigationPropertyBinding Path='Media' Target='Medias' in EntitySet 'Property' targets no entity set/
    )
    expect(invalidMessage(EDMX.replace('Path="Media"', 'Path="Photos"'))).toMatch(
      /Path='Photos'.*names no navigation property/
    )
    expect(invalidMessage(EDMX.replace('EntityType="RESO.Member"', 'EntityType="RESO.Agent"'))).toMatch(
      /EntitySet 'Member' has EntityType 'RESO.Agent'/
    )
    expect(invalidMessage(EDMX.replace('<PropertyRef Name="MemberKey"/>', '<PropertyRef Name="Nope"/>'))).toMatch(
      /Key PropertyRef 'Nope'/
    )
  })

  it('rejects XML that is not well-formed', async () => {
    await expect(readEdmx(EDMX.slice(0, 900))).rejects.toMatchObject({ code: 'EDMX_XML' })
  })

  it('streams a 2 MB single-line EDMX', async () => {
    const props = Array.from(
      { length: 9000 },
      (_, i) =>
        `<Property Name="Field${i}" Type="Edm.String" MaxLength="${i % 300}"><Annotation Term="Core.Description" String="Field number ${i}"/></Property>`
    ).join('')
    const big = `<edmx:Edmx Version="4.0" xmlns:edmx="e"><edmx:DataServices><Schema Namespace="N"><EntityType Name="Property"><Key><PropertyRef Name="Field0"/></Key>${props}</EntityType><EntityContainer Name="C"><EntitySet Name="Property" EntityType="N.Property"/></EntityContainer></Schema></edmx:DataServices></edmx:Edmx>`
    expect(big.length).toBeGreaterThan(1_000_000)
    expect(big.includes('\n')).toBe(false)
    const chunks = async function* (): AsyncGenerator<Buffer> {
      const b = Buffer.from(big)
      for (let i = 0; i < b.length; i += 65536) yield b.subarray(i, i + 65536)
    }
    const model = edmxToModel(await readEdmx(chunks()))
    const fields = model.resources[0]!.classes[0]!.fields!
    expect(fields).toHaveLength(9000)
    expect(fields[8999]).toMatchObject({
      systemName: 'Field8999',
      maxLength: 8999 % 300,
      description: 'Field number 8999'
    })
  })

  it('the Demo MLS $metadata is valid XML and maps to the catalogue counts (enum and string lookup styles)', async () => {
    const { ctx } = createDemoContext({ listings: 20 })
    const xml = demoEdmx(ctx)
    expect(XMLValidator.validate(xml)).toBe(true)
    const model = edmxToModel(await readEdmx(xml))
    expect(model.resources.map((r) => r.name)).toEqual(['Property', 'Member', 'Office', 'OpenHouse', 'Media', 'Lookup'])
    for (const r of ['Property', 'Member', 'Office', 'OpenHouse', 'Media'] as const) {
      expect(model.resources.find((x) => x.name === r)!.classes[0]!.fields).toHaveLength(ctx.data.fields(r).length)
    }
    const property = model.resources[0]!
    expect(property.navigation).toEqual([{ name: 'Media', target: 'Media', collection: true }])
    const propertyLookups = ctx.data.lookups('Property')
    expect(property.lookups.map((l) => l.name).sort()).toEqual(propertyLookups.map((l) => l.name).sort())
    expect(property.lookups.find((l) => l.name === 'StandardStatus')?.values).toHaveLength(
      ctx.data.lookup('StandardStatus')!.values.length
    )
    expect(property.classes[0]!.fields!.find((f) => f.systemName === 'ListPrice')).toMatchObject({
      standardName: 'List Price',
      description: 'List Price',
      precision: 14,
      scale: 2
    })

    apiSettingsFor(ctx).lookupStyle = 'string'
    const stringModel = edmxToModel(await readEdmx(demoEdmx(ctx)))
    const status = stringModel.resources[0]!.classes[0]!.fields!.find((f) => f.systemName === 'StandardStatus')
    expect(status).toMatchObject({ dataType: 'Edm.String', lookupName: 'StandardStatus' })
    expect(stringModel.resources[0]!.lookups.find((l) => l.name === 'StandardStatus')?.values).toBeUndefined()
  })
})
