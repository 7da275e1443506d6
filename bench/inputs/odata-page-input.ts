// A generated RESO-style OData page of a given size: {"@odata.context", "@odata.count", "value": [...],
// "@odata.nextLink"}. Records carry what real pages carry and what a splitter must get right: escaped quotes and
// backslashes inside strings, non-ASCII text, \u escapes, nulls, numbers, multi-select arrays and an expanded Media
// collection (nested objects and arrays).
import { createWriteStream } from 'node:fs'

const CITIES = ['Bismarck', 'Cañon City', 'São Paulo Heights', 'Lafayette', 'Zürich Park', 'Santa Fe']
const STATUS = ['Active', 'Pending', 'Closed', 'Active Under Contract']
const APPLIANCES = ['Dishwasher', 'Refrigerator', 'Microwave', 'Range', 'Washer', 'Dryer']

function record(i: number): Record<string, unknown> {
  const city = CITIES[i % CITIES.length]!
  const key = String(30_000_000 + i)
  return {
    ListingKey: key,
    ListingId: String(1_000_000 + i),
    StandardStatus: STATUS[i % STATUS.length],
    ListPrice: 100_000 + ((i * 7919) % 900_000),
    ClosePrice: i % 3 === 0 ? null : 99_500 + ((i * 7919) % 900_000),
    UnparsedAddress: `${(i * 31) % 9999} Main St, ${city}`,
    City: city,
    PostalCode: String(10_000 + (i % 89_999)),
    Latitude: 30 + (i % 1000) / 1000,
    Longitude: -90 - (i % 1000) / 1000,
    BedroomsTotal: 1 + (i % 6),
    BathroomsTotalInteger: 1 + (i % 4),
    LivingArea: 800 + (i % 4000),
    YearBuilt: 1900 + (i % 125),
    PublicRemarks: `Listing ${i}: a "quiet" home near Main St in ${city}. Café & parks\\trails nearby.\nLine two\ttabbed ☀.`,
    Appliances: [APPLIANCES[i % 6], APPLIANCES[(i + 2) % 6]],
    ModificationTimestamp: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    Media: [1, 2].map((n) => ({
      MediaKey: `${key}-${n}`,
      MediaURL: `http://127.0.0.1/media/${key}/${n}.jpg`,
      Order: n
    }))
  }
}

export interface ODataPageFile {
  file: string
  bytes: number
  records: number
}

/** Writes a page of about `targetBytes` to `file`. */
export async function writeODataPage(file: string, targetBytes: number): Promise<ODataPageFile> {
  const out = createWriteStream(file)
  const write = (s: string): Promise<void> | undefined =>
    out.write(s) ? undefined : new Promise<void>((resolve) => out.once('drain', () => resolve()))
  let bytes = 0
  // @odata.count goes after value (servers may put it either side; the splitter must keep it either way)
  const head = '{"@odata.context":"http://127.0.0.1/odata/$metadata#Property","value":['
  await write(head)
  bytes += Buffer.byteLength(head)
  let records = 0
  let batch = ''
  while (bytes < targetBytes) {
    const text = `${records === 0 ? '' : ','}${JSON.stringify(record(records))}`
    batch += text
    bytes += Buffer.byteLength(text)
    records++
    if (batch.length > 1 << 20) {
      await write(batch)
      batch = ''
    }
  }
  const tail = `],"@odata.count":${records},"@odata.nextLink":"http://127.0.0.1/odata/Property?$skiptoken=${records}"}`
  await write(batch + tail)
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject)
    out.end(() => resolve())
  })
  return { file, bytes: bytes + Buffer.byteLength(tail), records }
}
