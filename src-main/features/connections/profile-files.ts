// How a profile looks on disk and in an export: pretty JSON, id / name / kind first, the rest in schema order and
// the timestamps last, so the file reads well and diffs stay small in git. Profiles never hold secrets, so an export is the file itself.
import { AppError } from '../../../contract/app-error'
import { readJsonObject } from '../../platform/files/json-object-text'
import { PROFILE_ID_PATTERN, type ConnectionProfile } from '../../../contract/profile-schema'

export const PROFILE_FILE_EXTENSION = '.json'

export function profileToJson(profile: ConnectionProfile): string {
  const { id, name, kind, createdAt, updatedAt, ...rest } = profile
  return `${JSON.stringify({ id, name, kind, ...rest, createdAt, updatedAt }, null, 2)}\n`
}

/** JSON text → unvalidated object (validation is the caller's, with the schema). */
export function readProfileJson(text: string, source: string): Record<string, unknown> {
  const read = readJsonObject(text)
  if (read.ok) return read.value
  if (read.problem === 'not-json') {
    throw new AppError({
      code: 'PROFILE_INVALID',
      message: `${source} is not valid JSON.`,
      detail: read.detail,
      hint: 'Check the file in a text editor; a profile file is one JSON object.'
    })
  }
  throw new AppError({ code: 'PROFILE_INVALID', message: `${source} is not a JSON object.` })
}

export function profileFileName(id: string): string {
  return `${id}${PROFILE_FILE_EXTENSION}`
}

/** The id a file name stands for, or undefined for files that are not profiles (temp files, notes, other JSON). */
export function profileIdFromFileName(fileName: string): string | undefined {
  if (!fileName.endsWith(PROFILE_FILE_EXTENSION)) return undefined
  const id = fileName.slice(0, -PROFILE_FILE_EXTENSION.length)
  return PROFILE_ID_PATTERN.test(id) ? id : undefined
}

/** A readable id from a profile name ("Demo MLS (RETS)" → "demo-mls-rets"), made unique with -2, -3… */
export function slugForName(name: string, taken: (id: string) => boolean, fallback: string): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56)
      .replace(/-+$/, '') || fallback
  if (!taken(base)) return base
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`
    if (!taken(candidate)) return candidate
  }
}
