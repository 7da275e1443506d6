// What the export dialog offers on a connection, from its photo source and metadata: RETS object types from
// METADATA-OBJECT (RETS and the IDX API's GetObject), RESO media categories (Data Dictionary MediaCategory), Spark
// photo sizes. The renderer shows these; main decides.
import type { MetadataSummary } from '../../../../contract/metadata-channels'
import type { PhotoExportChoices } from '../../../../contract/photo-channels'
import { NAMING_TOKENS, defaultNamingPattern } from './naming-pattern'
import { SPARK_PHOTO_SIZES } from './sources/spark-photo-source'

// RESO Data Dictionary MediaCategory values most servers use; the Media records decide what exists.
const RESO_MEDIA_CATEGORIES = [
  'Photo',
  'Floor Plan',
  'Document',
  'Video',
  'Branded Virtual Tour',
  'Unbranded Virtual Tour'
]

const SPARK_SIZE_LABELS: Record<string, string> = {
  UriThumb: 'Thumbnail',
  UriLarge: 'Largest available'
}

type Resource = MetadataSummary['resources'][number]

function pickResource(summary: MetadataSummary, wanted?: string): Resource | undefined {
  const byName = (n: string): Resource | undefined =>
    summary.resources.find((r) => r.name.toLowerCase() === n.toLowerCase())
  if (wanted) return byName(wanted)
  return byName('Property') ?? summary.resources.find((r) => r.objectTypes.length > 0) ?? summary.resources[0]
}

export function photoExportChoices(
  source: PhotoExportChoices['kind'],
  summary: MetadataSummary,
  wantedResource?: string
): PhotoExportChoices {
  const resource = pickResource(summary, wantedResource)
  const name = resource?.name ?? wantedResource ?? 'Property'
  const keyField = resource?.keyField
  const base = { resource: name, ...(keyField ? { keyField } : {}), tokens: [...NAMING_TOKENS] }
  const withPattern = (o: Omit<PhotoExportChoices, 'defaultPattern' | 'tokens' | 'resource' | 'keyField'>) => ({
    ...base,
    ...o,
    defaultPattern: defaultNamingPattern(o.defaultTypes)
  })
  switch (source) {
    case 'rets': {
      const types = (resource?.objectTypes ?? []).map((t) => ({
        value: t.type,
        label: t.visibleName ?? t.type,
        ...(t.description ? { description: t.description } : {})
      }))
      // METADATA-OBJECT is optional (servers answer 20503): Photo is the type nearly every server has
      if (types.length === 0)
        types.push({
          value: 'Photo',
          label: 'Photo',
          description: 'The server sent no object metadata; Photo is the usual type.'
        })
      const preferred = types.find((t) => t.value.toLowerCase() === 'photo') ?? types[0]
      return withPattern({
        kind: 'rets',
        types,
        defaultTypes: preferred ? [preferred.value] : [],
        modes: ['multipart', 'location', 'single']
      })
    }
    case 'reso':
      return withPattern({
        kind: 'reso',
        types: RESO_MEDIA_CATEGORIES.map((c) => ({ value: c, label: c })),
        defaultTypes: ['Photo'],
        modes: []
      })
    case 'spark':
      return withPattern({
        kind: 'spark',
        types: SPARK_PHOTO_SIZES.map((s) => ({
          value: s,
          label: SPARK_SIZE_LABELS[s] ?? s.replace(/^Uri/, '') + ' px'
        })),
        defaultTypes: ['Uri640'],
        modes: []
      })
  }
}
