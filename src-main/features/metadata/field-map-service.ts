// Main's side of the RETS → RESO map: loads the parts of both profiles' metadata the map needs (a RETS class's
// fields and the lookups they use are fetched lazily), reads the user's overrides from the library folder, and
// builds the map with domain/mapping. A lookup that cannot be loaded leaves its values unmapped, with a warning.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../../../contract/app-error'
import { buildFieldMap, type FieldMap } from '../../../domain/mapping/field-map'
import { emptyOverrides, parseOverrides, type MapOverrides } from '../../../domain/mapping/map-overrides'
import { findResource, type ResourceMeta } from '../../../domain/metadata/metadata-model'
import type { SessionManager } from '../connections/session-manager'
import { writeFileAtomic } from '../../platform/files/atomic-write'

/** The overrides file's name in the library folder (the saved-query library skips it). */
export const MAP_OVERRIDES_FILE = 'rets-reso-map.overrides.json'

export interface MapRequest {
  retsProfileId: string
  resource: string
  class: string
  resoProfileId: string
  entity: string
}

type Sessions = Pick<SessionManager, 'model' | 'fields' | 'lookup'>

/** A resource with the given class's fields and the lookups those fields use loaded. */
async function loadResource(
  sessions: Sessions,
  profileId: string,
  resource: string,
  cls: string | undefined,
  warnings: string[]
): Promise<ResourceMeta> {
  const { model } = await sessions.model(profileId)
  const res = findResource(model, resource)
  if (!res)
    throw new AppError({
      code: 'MAP_NO_RESOURCE',
      message: `${profileId} has no resource ${resource}.`,
      hint: `Pick one of: ${model.resources.map((r) => r.name).join(', ')}`
    })
  const className = cls ?? res.classes[0]?.name
  if (!className) return res
  const fields = await sessions.fields(profileId, resource, className)
  const lookups = new Set(fields.map((f) => f.lookupName).filter((n): n is string => !!n))
  for (const lookup of lookups) {
    try {
      await sessions.lookup(profileId, resource, lookup)
    } catch (err) {
      warnings.push(`Values of ${profileId} ${resource}/${lookup} not loaded: ${(err as Error).message}`)
    }
  }
  return res
}

export class FieldMapService {
  constructor(
    private readonly sessions: Sessions,
    private readonly libraryDir: string
  ) {}

  get overridesPath(): string {
    return path.join(this.libraryDir, MAP_OVERRIDES_FILE)
  }

  async overrides(): Promise<MapOverrides> {
    let text: string
    try {
      text = await readFile(this.overridesPath, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyOverrides()
      throw err
    }
    try {
      return parseOverrides(text)
    } catch (err) {
      throw new AppError({
        code: 'MAP_OVERRIDES_INVALID',
        message: `${this.overridesPath} is not a valid overrides file: ${(err as Error).message}`,
        hint: 'Fix or delete the file; its shape is described in domain/mapping/map-overrides.ts.'
      })
    }
  }

  async saveOverrides(overrides: MapOverrides): Promise<void> {
    await writeFileAtomic(this.overridesPath, `${JSON.stringify(overrides, null, 2)}\n`)
  }

  async map(req: MapRequest): Promise<FieldMap> {
    const warnings: string[] = []
    const rets = await loadResource(this.sessions, req.retsProfileId, req.resource, req.class, warnings)
    const reso = await loadResource(this.sessions, req.resoProfileId, req.entity, undefined, warnings)
    const map = buildFieldMap({ rets, retsClass: req.class, reso, overrides: await this.overrides() })
    return warnings.length ? { ...map, warnings } : map
  }
}
