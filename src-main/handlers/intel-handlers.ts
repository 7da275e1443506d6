// intel:* — the RETS → RESO field map, its overrides file, and query translation through it.
import { dmqlToOData } from '../../domain/query-languages/translate/dmql-to-odata'
import { odataToDmql } from '../../domain/query-languages/translate/odata-to-dmql'
import { dmqlToSparkQL } from '../../domain/query-languages/translate/dmql-to-sparkql'
import type { FieldMapService } from '../features/metadata/field-map-service'
import type { MetadataIntel } from '../features/metadata/metadata-intel'
import type { ResultComparer } from '../features/metadata/result-comparison'
import { AppError } from '../../contract/app-error'
import path from 'node:path'
import type { PartialHandlerTable } from './handler-registry'

export function intelHandlers(
  maps: FieldMapService,
  intel: MetadataIntel,
  comparer: ResultComparer
): PartialHandlerTable {
  return {
    'intel:compareResults': (req) => comparer.compare(req),
    'intel:compareResultsExport': ({ format, path: file, ...req }) => {
      if (!path.isAbsolute(file) || path.extname(file).toLowerCase() !== `.${format}`)
        throw new AppError({
          code: 'EXPORT_BAD_PATH',
          message: `Give a full path ending in .${format}.`,
          hint: `e.g. /home/you/comparison.${format}`
        })
      return comparer.export(req, file, format)
    },
    'intel:compareMetadata': ({ a, b }) => intel.compare(a, b),
    'intel:conformance': ({ profileId, referencePath, threshold }) =>
      intel.conformance(profileId, referencePath, threshold),
    'intel:fieldMap': (req) => maps.map(req),
    'intel:translate': async ({ from, to, text, ...req }) => {
      const map = await maps.map(req)
      if (from === 'odata') return odataToDmql(text, map)
      if (to === 'sparkql') return dmqlToSparkQL(text, map)
      const out = dmqlToOData(text, map)
      // the RETS class is a subset of the entity set: add the condition that selects it, so both ask the same
      return out.text && map.classCondition ? { ...out, text: `(${out.text}) and ${map.classCondition}` } : out
    },
    'intel:overridesGet': async () => ({ ...(await maps.overrides()), path: maps.overridesPath }),
    'intel:overridesSave': async ({ overrides }) => {
      await maps.saveOverrides(overrides)
      return { path: maps.overridesPath }
    }
  }
}
