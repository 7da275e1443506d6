// Reads and writes a profile's environment file (`<profiles>/<id>.env.json`, beside `<id>.json`; the profile store
// skips it because `<id>.env` is not a profile id). A missing file is an empty set of environments.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../../../contract/app-error'
import { environmentFileSchema, type EnvironmentFile } from '../../../contract/environment-schema'
import { writeFileAtomic } from '../../platform/files/atomic-write'

export function environmentFilePath(profilesDir: string, profileId: string): string {
  return path.join(profilesDir, `${profileId}.env.json`)
}

export async function readEnvironments(profilesDir: string, profileId: string): Promise<EnvironmentFile> {
  const file = environmentFilePath(profilesDir, profileId)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { environments: {} }
    throw err
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw new AppError({ code: 'ENV_INVALID', message: `${file} is not JSON: ${(err as Error).message}` })
  }
  return parseEnvironments(json, file)
}

export function parseEnvironments(json: unknown, source: string): EnvironmentFile {
  const parsed = environmentFileSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppError({
      code: 'ENV_INVALID',
      message: `${source}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is not an environment file'}`.trim(),
      hint: 'Environment files hold plain values only; give secrets with `mlswb secrets set` or MLSWB_SECRET_* variables.'
    })
  }
  return parsed.data
}

export async function writeEnvironments(
  profilesDir: string,
  profileId: string,
  file: EnvironmentFile
): Promise<string> {
  const target = environmentFilePath(profilesDir, profileId)
  const checked = parseEnvironments(file, target)
  await writeFileAtomic(target, `${JSON.stringify(checked, null, 2)}\n`)
  return target
}

/** The values of one environment (the named one, else the active one, else none). */
export function environmentValues(file: EnvironmentFile, name?: string): Record<string, string> {
  const pick = name ?? file.active
  if (pick === undefined) return {}
  const values = file.environments[pick]
  if (!values) {
    throw new AppError({
      code: 'ENV_NOT_FOUND',
      message: `There is no environment "${pick}".`,
      hint: `Known: ${Object.keys(file.environments).join(', ') || 'none yet'} (mlswb env set <profile> <env> name=value).`
    })
  }
  return { ...values }
}
