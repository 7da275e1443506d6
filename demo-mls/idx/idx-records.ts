// What the IDX API serves per SearchType (IDX API documentation): the feed's records (only active ones — a listing that
// closes or is removed leaves the master list), their ID / LastUpdated, the STANDARD-XML details element and
// the COMPACT columns.
import type { DemoContext } from '../demo-context'
import type { CatalogueResource, Listing, Member, Office } from '../data/types'
import { xmlEscape } from '../rets/rets-envelope'
import { rfc1123 } from './idx-dates'

export type IdxRecord = Listing | Member | Office

export interface IdxResource {
  searchType: 'Property' | 'Agent' | 'Office'
  catalogue: CatalogueResource
  rows(): Iterable<IdxRecord>
  id(r: IdxRecord): string
  lastUpdated(r: IdxRecord): string
  details(r: IdxRecord): string
}

const IN_FEED = new Set(['Active', 'ActiveUnderContract', 'Pending'])

function el(name: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return `<${name}/>`
  return `<${name}>${xmlEscape(String(value))}</${name}>`
}

function* activeListings(ctx: DemoContext): Iterable<Listing> {
  for (const l of ctx.data.listings()) if (IN_FEED.has(l.StandardStatus)) yield l
}

function agentDetails(ctx: DemoContext, key: string): string {
  const m = ctx.data.agent(key)
  if (!m) return ''
  const office = ctx.data.office(m.OfficeKey)
  return (
    `<AgentDetails ID="${xmlEscape(m.MemberKey)}">${el('Name', m.MemberFullName)}<Phones>${el('Phone', m.MemberPreferredPhone)}</Phones>` +
    `${el('Email', m.MemberEmail)}<Office ID="${xmlEscape(m.OfficeKey)}">${el('Name', office?.OfficeName)}</Office></AgentDetails>`
  )
}

export function idxResources(ctx: DemoContext): IdxResource[] {
  return [
    {
      searchType: 'Property',
      catalogue: 'Property',
      rows: () => activeListings(ctx),
      id: (r) => (r as Listing).ListingKey,
      lastUpdated: (r) => r.ModificationTimestamp,
      details: (r) => {
        const l = r as Listing
        return (
          `<PropertyDetails>${el('ID', l.ListingKey)}${el('LastUpdated', rfc1123(l.ModificationTimestamp))}${el('ListingID', l.ListingId)}` +
          `${el('Price', l.ListPrice)}${el('PropertyType', l.PropertyType)}${el('TransactionType', l.PropertyType === 'ResidentialLease' ? 'For lease' : 'For sale')}` +
          `<Address>${el('StreetAddress', `${l.StreetNumber} ${l.StreetName} ${l.StreetSuffix}`)}${el('City', l.City)}${el('Province', l.StateOrProvince)}${el('PostalCode', l.PostalCode)}</Address>` +
          `<Building>${el('BathroomTotal', l.BathroomsTotalInteger)}${el('BedroomsTotal', l.BedroomsTotal)}${el('SizeInterior', l.LivingArea)}${el('ConstructedDate', l.YearBuilt)}</Building>` +
          `<Land>${el('SizeTotal', `${l.LotSizeAcres} ac`)}</Land>${el('PublicRemarks', l.PublicRemarks)}${agentDetails(ctx, l.ListAgentKey)}` +
          `<Photo Count="${l.PhotosCount}"/></PropertyDetails>\r\n`
        )
      }
    },
    {
      searchType: 'Agent',
      catalogue: 'Member',
      rows: () => ctx.data.agents().filter((m) => m.MemberStatus === 'Active'),
      id: (r) => (r as Member).MemberKey,
      lastUpdated: (r) => r.ModificationTimestamp,
      details: (r) =>
        `${agentDetails(ctx, (r as Member).MemberKey).replace('<AgentDetails ID="', `<AgentDetails LastUpdated="${rfc1123(r.ModificationTimestamp)}" ID="`)}\r\n`
    },
    {
      searchType: 'Office',
      catalogue: 'Office',
      rows: () => ctx.data.offices().filter((o) => o.OfficeStatus === 'Active'),
      id: (r) => (r as Office).OfficeKey,
      lastUpdated: (r) => r.ModificationTimestamp,
      details: (r) => {
        const o = r as Office
        return (
          `<OfficeDetails>${el('ID', o.OfficeKey)}${el('LastUpdated', rfc1123(o.ModificationTimestamp))}${el('Name', o.OfficeName)}` +
          `<Address>${el('City', o.OfficeCity)}${el('Province', o.OfficeStateOrProvince)}</Address><Phones>${el('Phone', o.OfficePhone)}</Phones></OfficeDetails>\r\n`
        )
      }
    }
  ]
}
