// intel:* — the RETS → RESO field map, its overrides file, and query translation through it.
import { dmqlToOData } from '../../domain/query-languages/translate/dmql-to-odata'
import { odataToDmql } from '../../domain/query-languages/translate/odata-to-dmql'
import type { FieldMapService } from '../features/metadata/field-map-service'
import type { MetadataIntel } from '../features/metadata/metadata-intel'
import type { PartialHandlerTable } from './handler-registry'

export function intelHandlers(maps: FieldMapService, intel: MetadataIntel): PartialHandlerTable {
  return {
    'intel:compare-metadata': ({ a, b }) => intel.compare(a, b),
    'intel:conformance': ({ profileId, referencePath, threshold }) =>
      intel.conformance(profileId, referencePath, threshold),
    'intel:field-map': (req) => maps.map(req),
    'intel:translate': async ({ from, text, ...req }) => {
      const map = await maps.map(req)
      return from === 'dmql' ? dmqlToOData(text, map) : odataToDmql(text, map)
    },
    'intel:overrides-get': async () => ({ ...(await maps.overrides()), path: maps.overridesPath }),
    'intel:overrides-save': async ({ overrides }) => {
      await maps.saveOverrides(overrides)
      return { path: maps.overridesPath }
    }
  }
}
