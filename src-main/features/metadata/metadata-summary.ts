// The metadata tree the renderer first sees: everything but the per-class field lists and lookup values, which it
// asks for as the user expands nodes (a real RETS TABLE can be 250 KB per class).
import type { MetadataModel } from '../../../domain/metadata/metadata-model'
import type { MetadataSummary } from '../../../contract/metadata-channels'

export function summarizeMetadata(
  profileId: string,
  model: MetadataModel,
  origin: MetadataSummary['origin']
): MetadataSummary {
  return {
    profileId,
    source: model.source,
    origin,
    system: model.system,
    warnings: model.warnings,
    ...(model.foreignKeys ? { foreignKeys: model.foreignKeys } : {}),
    ...(model.degraded?.length ? { degraded: model.degraded } : {}),
    resources: model.resources.map((r) => {
      const res: MetadataSummary['resources'][number] = {
        name: r.name,
        classes: r.classes.map(({ fields: _fields, ...cls }) => cls),
        lookups: r.lookups.map((l) =>
          l.visibleName ? { name: l.name, visibleName: l.visibleName } : { name: l.name }
        ),
        objectTypes: r.objectTypes
      }
      if (r.standardName) res.standardName = r.standardName
      if (r.visibleName) res.visibleName = r.visibleName
      if (r.description) res.description = r.description
      if (r.keyField) res.keyField = r.keyField
      return res
    })
  }
}
