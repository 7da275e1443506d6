// The photo export dialog's form, turned into the photos:export arguments. Pure, so the rules (which keys, which
// object ids, what is missing) are unit-tested without a browser.
import type { ArgsOf } from '../../../contract/ipc-contract'
import type { PhotoExportChoices, PhotoFetchMode } from '../../../contract/photo-channels'

export type KeySource = 'result' | 'selection' | 'pasted'
export type IdChoice = '*' | '0' | 'list'

export interface PhotoExportForm {
  destination: string
  keySource: KeySource
  keyColumn: string
  pastedKeys: string
  types: string[]
  idChoice: IdChoice
  idList: string
  pattern: string
  concurrency: number
  batchSize: number
  mode: PhotoFetchMode
  resume: boolean
}

export interface ExportContext {
  profileId: string
  resource?: string
  resultId?: string
  /** keys of the rows selected in the grid */
  selectedKeys?: string[]
  kind: PhotoExportChoices['kind']
}

/** Keys pasted one per line, or separated by commas, spaces or tabs (a column copied from a spreadsheet). */
export function parseKeyList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter((k) => k !== ''))]
}

/** `1, 3-5` → [1, 3, 4, 5]; undefined when the text is not such a list. */
export function parseIdList(text: string): number[] | undefined {
  const ids: number[] = []
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part)
    if (!m) return undefined
    const from = Number(m[1])
    const to = m[2] === undefined ? from : Number(m[2])
    if (to < from || to - from > 1000) return undefined
    for (let i = from; i <= to; i++) ids.push(i)
  }
  return ids.length > 0 && ids.length <= 1000 ? [...new Set(ids)] : undefined
}

export type BuiltRequest = { args: ArgsOf<'photos:export'> } | { problems: string[] }

export function buildExportArgs(form: PhotoExportForm, ctx: ExportContext): BuiltRequest {
  const problems: string[] = []
  const destination = form.destination.trim()
  if (!/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(destination)) problems.push('Give the full path of the destination folder.')
  if (form.types.length === 0) problems.push('Choose at least one object type.')
  let keys: Pick<ArgsOf<'photos:export'>['request'], 'listingKeys' | 'keysFrom'> = {}
  if (form.keySource === 'result') {
    if (!ctx.resultId || !form.keyColumn) problems.push('Choose the column that holds the listing keys.')
    else keys = { keysFrom: { resultId: ctx.resultId, column: form.keyColumn } }
  } else {
    const list = form.keySource === 'selection' ? (ctx.selectedKeys ?? []) : parseKeyList(form.pastedKeys)
    if (list.length === 0) problems.push('Paste at least one listing key.')
    else keys = { listingKeys: list }
  }
  const ids = form.idChoice === 'list' ? parseIdList(form.idList) : form.idChoice
  if (ids === undefined) problems.push('Object ids are numbers or ranges, e.g. 1, 3-5.')
  if (problems.length > 0) return { problems }
  return {
    args: {
      profileId: ctx.profileId,
      ...(ctx.resource ? { resource: ctx.resource } : {}),
      ...(ctx.kind === 'rets' ? { mode: form.mode } : {}),
      request: {
        destination,
        ...keys,
        types: form.types,
        objectIds: ids!,
        ...(form.pattern.trim() ? { namingPattern: form.pattern.trim() } : {}),
        concurrency: form.concurrency,
        batchSize: form.batchSize,
        resume: form.resume
      }
    }
  }
}

/**
 * The share done of an export by `*` (no object total up front), from the engine's line: "listing x/y", with
 * "type k/n" when several types are exported one after the other.
 */
export function listingFraction(message: string): number | undefined {
  const l = /listing (\d+)\/(\d+)/.exec(message)
  if (!l || Number(l[2]) <= 0) return undefined
  const t = /type (\d+)\/(\d+)/.exec(message)
  const [type, types] = t ? [Number(t[1]), Number(t[2])] : [1, 1]
  return Math.min(1, (type - 1 + Number(l[1]) / Number(l[2])) / Math.max(1, types))
}
