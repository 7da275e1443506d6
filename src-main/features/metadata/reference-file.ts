// A metadata file the user loads to compare with or check against: an EDMX (the RESO Data Dictionary reference
// EDMX, any server's $metadata) or our own metadata JSON (the "JSON" metadata report). Read with a size bound;
// what it is, is decided by its first non-blank character.
import { open } from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../../../contract/app-error'
import { metadataModelSchema } from '../../../contract/metadata-model-schema'
import type { MetadataModel } from '../../../domain/metadata/metadata-model'
import { readEdmx } from '../../protocols/odata/edmx-reader'
import { edmxToModel } from '../../protocols/odata/edmx-to-model'

/** RESO's reference EDMX is ~2 MB; vendors' run to tens of MB. */
export const MAX_REFERENCE_BYTES = 200 * 1024 * 1024

async function readBounded(file: string): Promise<Buffer> {
  const handle = await open(file, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new AppError({
      code: 'REFERENCE_UNREADABLE',
      message: `Cannot read ${file}: ${err.code ?? err.message}`,
      hint: 'Give the full path of an .edmx/.xml or metadata .json file.'
    })
  })
  try {
    const { size } = await handle.stat()
    if (size > MAX_REFERENCE_BYTES)
      throw new AppError({
        code: 'REFERENCE_TOO_LARGE',
        message: `${file} is ${Math.round(size / 1048576)} MB; the limit is ${MAX_REFERENCE_BYTES / 1048576} MB.`
      })
    return await handle.readFile()
  } finally {
    await handle.close()
  }
}

export async function readReferenceModel(file: string): Promise<MetadataModel> {
  if (!path.isAbsolute(file))
    throw new AppError({ code: 'REFERENCE_BAD_PATH', message: 'Give the full path of the reference file.' })
  const body = await readBounded(file)
  const text = body.toString('utf8').replace(/^\uFEFF/, '')
  const first = text.trimStart()[0]
  try {
    if (first === '<') {
      const model = edmxToModel(await readEdmx(body))
      return { ...model, system: { ...model.system, id: model.system.id || path.basename(file) } }
    }
    return metadataModelSchema.parse(JSON.parse(text))
  } catch (err) {
    throw new AppError({
      code: 'REFERENCE_INVALID',
      message: `${path.basename(file)} is neither an EDMX document nor a metadata JSON file: ${(err as Error).message.slice(0, 300)}`,
      hint: 'Use the RESO Data Dictionary reference EDMX, a server $metadata document, or a JSON metadata report.'
    })
  }
}
