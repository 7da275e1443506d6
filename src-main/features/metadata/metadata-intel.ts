// Metadata from any source — a profile (every part loaded), a kept snapshot of a profile, or a file — for the
// comparison of any two (the Δ of domain/metadata/metadata-diff.ts, which the snapshot-to-snapshot Δ is one case
// of) and for Data Dictionary conformance against a reference file.
import { AppError } from '../../../contract/app-error'
import type { MetadataSourceRef } from '../../../contract/intel-channels'
import type { MetadataDiff } from '../../../contract/metadata-channels'
import { checkConformance, type ConformanceReport } from '../../../domain/metadata/conformance/conformance-check'
import { diffMetadata } from '../../../domain/metadata/metadata-diff'
import type { MetadataModel } from '../../../domain/metadata/metadata-model'
import type { SessionManager } from '../connections/session-manager'
import type { MetadataCache } from './metadata-cache'
import { readReferenceModel } from './reference-file'
import { loadWholeModel } from './whole-model'

type Sessions = Pick<SessionManager, 'model' | 'fields' | 'lookup'>

export class MetadataIntel {
  constructor(
    private readonly sessions: Sessions,
    private readonly snapshots: Pick<MetadataCache, 'load'>
  ) {}

  async resolve(ref: MetadataSourceRef): Promise<MetadataModel> {
    switch (ref.kind) {
      case 'profile':
        return (await loadWholeModel(this.sessions, ref.profileId)).model
      case 'snapshot': {
        const kept = await this.snapshots.load(ref.profileId, ref.version)
        if (!kept)
          throw new AppError({
            code: 'METADATA_SNAPSHOT_MISSING',
            message: `No metadata snapshot ${ref.version} is kept for ${ref.profileId}.`,
            hint: 'The last five metadata versions are kept; pick one of those listed.'
          })
        return kept.model
      }
      case 'file':
        return readReferenceModel(ref.path)
    }
  }

  /** What differs from `a` to `b`; counts come with the changes (the view shows them at the top). */
  async compare(a: MetadataSourceRef, b: MetadataSourceRef): Promise<MetadataDiff> {
    return diffMetadata(await this.resolve(a), await this.resolve(b))
  }

  async conformance(profileId: string, referencePath: string, threshold?: number): Promise<ConformanceReport> {
    const [{ model, notLoaded }, reference] = await Promise.all([
      loadWholeModel(this.sessions, profileId),
      readReferenceModel(referencePath)
    ])
    const report = checkConformance(model, reference, threshold === undefined ? {} : { threshold })
    return notLoaded.length ? { ...report, notCompared: [...report.notCompared, ...notLoaded] } : report
  }
}
