// The saved-query library: one readable JSON file per query (`<id>.json`) in `<userData>/library/`, so users can keep
// the folder in git. Files are the source of truth — every call reads the folder, so a file edited or
// pulled in by hand shows up at once — and a file that cannot be read is listed as a problem, never fatal.
import { readdir, readFile, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../../../contract/app-error'
import type {
  LibraryFilter,
  LibraryImportSummary,
  LibraryListing,
  LibraryProblem,
  LibraryUsage,
  SavedQuery
} from '../../../contract/library-channels'
import type { QueryKind } from '../../../contract/kinds'
import { writeFileAtomic } from '../../platform/files/atomic-write'
import { readJsonObject } from '../../platform/files/json-object-text'
import { slugForName } from '../connections/profile-files'
import { SAVED_QUERY_ID_PATTERN, type SavedQueryDraft } from '../../../contract/library-channels'
import { parseSavedQuery } from './saved-query-validation'
import { classifyLibraryFile, savedQueryFileName, savedQueryToJson } from './saved-query-files'
import { compareSavedQueries, matchesLibraryFilter } from '../../../domain/library/library-filter'
import { importEntries, importEntryLabel, libraryExportJson } from './library-exchange'
import { fieldPlaces, specTargets, type FieldTarget } from './field-usage'

/** Far above any real saved query (the spec's own limits add up to well under 1 MB); stops a stray dump being read. */
const MAX_FILE_BYTES = 2 * 1024 * 1024
const MAX_IMPORT_BYTES = 64 * 1024 * 1024

export interface QueryLibraryOptions {
  now?: () => Date
  /** throws when another instance holds the user-data folder (saves would be lost) */
  assertWritable?: () => void
}

export interface UsageRequest {
  /** the profile whose metadata is shown: its own queries and those kept for any profile of `kind` count */
  profileId: string
  kind: QueryKind | undefined
  field: FieldTarget
}

export class QueryLibrary {
  /** mutations run one at a time, so two saves cannot both take a free name or id */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    readonly dir: string,
    private readonly options: QueryLibraryOptions = {}
  ) {}

  /** Every saved query (by folder, then name) and the files that could not be read. */
  async scan(): Promise<LibraryListing> {
    const queries: SavedQuery[] = []
    const problems: LibraryProblem[] = []
    for (const file of await this.fileNames()) {
      const kind = classifyLibraryFile(file)
      if (kind === 'other') continue
      if (kind === 'bad-name') {
        problems.push({ file, message: 'The file name is not a saved-query id; use lower-case a-z, 0-9 and -.' })
        continue
      }
      try {
        queries.push(await this.readQuery(kind.id))
      } catch (err) {
        problems.push({ file, message: describeError(err) })
      }
    }
    return { queries: queries.sort(compareSavedQueries), problems }
  }

  async list(filter: LibraryFilter = {}): Promise<LibraryListing> {
    const { queries, problems } = await this.scan()
    return { queries: queries.filter((q) => matchesLibraryFilter(q, filter)), problems }
  }

  get(id: string): Promise<SavedQuery> {
    return this.readQuery(id)
  }

  /** Creates a saved query (no id) or replaces the one with `id`; a name must be unique within its folder. */
  save(draft: SavedQueryDraft, id?: string): Promise<SavedQuery> {
    return this.mutate(async () => {
      const clean = cleanDraft(draft)
      const others = await this.othersThan(id)
      assertNameFree(others, clean.name, clean.folder)
      const now = this.now()
      const existing = id ? await this.readQuery(id) : undefined
      const build = (newId: string): SavedQuery =>
        parseSavedQuery({ ...clean, id: newId, createdAt: existing?.createdAt ?? now, updatedAt: now })
      if (id === undefined) return this.createExclusive(clean, build)
      const query = build(id)
      await this.write(query)
      return query
    })
  }

  /** New name and, when given, new folder ('' = top level). The id (file name) stays, so open tabs keep their link. */
  rename(id: string, name: string, folder?: string): Promise<SavedQuery> {
    return this.mutate(async () => {
      const existing = await this.readQuery(id)
      const clean = cleanDraft({ ...existing, name, folder: folder ?? existing.folder })
      assertNameFree(await this.othersThan(id), clean.name, clean.folder)
      const query = parseSavedQuery({ ...clean, id, createdAt: existing.createdAt, updatedAt: this.now() })
      await this.write(query)
      return query
    })
  }

  /** A copy in the same folder, named "<name> (copy)" unless a name is given (which must then be free). */
  duplicate(id: string, name?: string): Promise<SavedQuery> {
    return this.mutate(async () => {
      const source = await this.readQuery(id)
      const all = (await this.scan()).queries
      const wanted = name?.trim() ? name.trim() : uniqueName(all, `${source.name} (copy)`, source.folder)
      const clean = cleanDraft({ ...source, name: wanted })
      assertNameFree(all, clean.name, clean.folder)
      const now = this.now()
      return this.createExclusive(clean, (newId) =>
        parseSavedQuery({ ...clean, id: newId, createdAt: now, updatedAt: now })
      )
    })
  }

  delete(id: string): Promise<void> {
    return this.mutate(async () => {
      await this.readQuery(id)
      await rm(this.filePath(id))
    })
  }

  /** Writes the given queries (default: all readable ones) to one JSON file, atomically. */
  async exportToFile(file: string, ids?: readonly string[]): Promise<{ path: string; count: number }> {
    const queries = ids ? await Promise.all(ids.map((id) => this.readQuery(id))) : (await this.scan()).queries
    await writeFileAtomic(file, libraryExportJson(queries, this.now()))
    return { path: file, count: queries.length }
  }

  async importFile(file: string): Promise<LibraryImportSummary> {
    let text: string
    try {
      if ((await stat(file)).size > MAX_IMPORT_BYTES) {
        throw new AppError({ code: 'LIBRARY_IMPORT_INVALID', message: `${path.basename(file)} is too big to import.` })
      }
      text = await readFile(file, 'utf8')
    } catch (err) {
      if (err instanceof AppError) throw err
      throw new AppError({
        code: 'LIBRARY_IMPORT_UNREADABLE',
        message: `Cannot read ${path.basename(file)}.`,
        detail: (err as NodeJS.ErrnoException).code ?? String(err)
      })
    }
    return this.importText(text, path.basename(file))
  }

  /**
   * Adds every valid entry as a new saved query (fresh id, so nothing here is overwritten); a name already taken in
   * its folder gets " (2)", " (3)"…; invalid entries — a secret in one, say — are reported and skipped.
   */
  importText(text: string, source = 'The import file'): Promise<LibraryImportSummary> {
    return this.mutate(async () => {
      const entries = importEntries(text, source)
      const all = (await this.scan()).queries
      const taken = await this.takenIds()
      const summary: LibraryImportSummary = { imported: [], renamed: [], problems: [] }
      const now = this.now()
      for (const [index, entry] of entries.entries()) {
        try {
          const record = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {}
          // the entry is checked as sent (its own createdAt kept); id and updatedAt are this library's
          const checked = parseSavedQuery({ createdAt: now, ...record, id: 'import', updatedAt: now }, 'The entry')
          const clean = cleanDraft(checked)
          const name = uniqueName(all, clean.name, clean.folder)
          if (name !== clean.name) summary.renamed.push({ from: clean.name, to: name })
          const query = await this.createExclusive(
            { ...clean, name },
            (id) => parseSavedQuery({ ...clean, name, id, createdAt: checked.createdAt, updatedAt: now }),
            taken
          )
          all.push(query)
          taken.add(query.id)
          summary.imported.push(query)
        } catch (err) {
          summary.problems.push({ file: importEntryLabel(entry, index), message: describeError(err) })
        }
      }
      return summary
    })
  }

  /** The saved queries that mention a field of one resource/class (for "used in N saved queries"). */
  async usage(request: UsageRequest): Promise<LibraryUsage> {
    const { queries } = await this.scan()
    const used = queries.flatMap((q) => {
      const mine = q.profileId ? q.profileId === request.profileId : q.spec.kind === request.kind
      if (!mine || !specTargets(q.spec, request.field)) return []
      const places = fieldPlaces(q.spec, request.field.names)
      return places.length ? [{ id: q.id, name: q.name, ...(q.folder ? { folder: q.folder } : {}), places }] : []
    })
    return { count: used.length, queries: used }
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString()
  }

  private filePath(id: string): string {
    return path.join(this.dir, savedQueryFileName(id))
  }

  /**
   * Writes a new saved query create-only: when another instance wrote the same id meanwhile, the next free id is
   * taken instead, so neither save is lost.
   */
  private async createExclusive(
    query: { name: string; folder?: string | undefined; spec: { kind: string } },
    build: (id: string) => SavedQuery,
    taken?: Set<string>
  ): Promise<SavedQuery> {
    for (let attempt = 0; ; attempt++) {
      const ids = attempt === 0 && taken ? taken : await this.takenIds()
      const saved = build(this.freshId(ids, query))
      try {
        await writeFileAtomic(this.filePath(saved.id), savedQueryToJson(saved), { exclusive: true })
        return saved
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 4) throw err
      }
    }
  }

  private mutate<T>(work: () => Promise<T>): Promise<T> {
    this.options.assertWritable?.()
    const run = this.queue.then(work)
    this.queue = run.catch(() => undefined)
    return run
  }

  private async fileNames(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).sort()
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw err
    }
  }

  private async readQuery(id: string): Promise<SavedQuery> {
    const file = this.filePath(id)
    const notFound = new AppError({
      code: 'LIBRARY_NOT_FOUND',
      message: `There is no saved query "${id}".`,
      hint: 'It may have been deleted or renamed on disk; reload the library.'
    })
    if (!SAVED_QUERY_ID_PATTERN.test(id)) throw notFound
    let text: string
    try {
      if ((await stat(file)).size > MAX_FILE_BYTES) {
        throw new AppError({
          code: 'LIBRARY_INVALID',
          message: `${savedQueryFileName(id)} is too big for a saved query.`
        })
      }
      text = await readFile(file, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notFound
      throw err
    }
    const source = savedQueryFileName(id)
    const read = readJsonObject(text)
    if (!read.ok) {
      throw new AppError({
        code: 'LIBRARY_INVALID',
        message: read.problem === 'not-json' ? `${source} is not valid JSON.` : `${source} is not a JSON object.`,
        ...(read.problem === 'not-json' ? { detail: read.detail } : {}),
        hint: 'Fix the file in a text editor (a saved query is one JSON object) or delete it.'
      })
    }
    // the file name is the id: a file copied under a new name is a new query
    return parseSavedQuery({ ...read.value, id }, source)
  }

  private async othersThan(id: string | undefined): Promise<SavedQuery[]> {
    return (await this.scan()).queries.filter((q) => q.id !== id)
  }

  /** Ids in use, counting files that could not be read: a new query must never overwrite someone's broken file. */
  private async takenIds(): Promise<Set<string>> {
    const ids = (await this.fileNames()).map(classifyLibraryFile).flatMap((c) => (typeof c === 'object' ? [c.id] : []))
    return new Set(ids)
  }

  /** A readable id from folder and name ("Reports" / "Active > 1M" → "reports-active-1m"), unique in the folder. */
  private freshId(
    taken: ReadonlySet<string>,
    query: { name: string; folder?: string | undefined; spec: { kind: string } }
  ): string {
    return slugForName(`${query.folder ?? ''} ${query.name}`, (id) => taken.has(id), query.spec.kind)
  }

  private async write(query: SavedQuery): Promise<void> {
    await writeFileAtomic(this.filePath(query.id), savedQueryToJson(query))
  }
}

type CleanDraft = SavedQueryDraft & { folder?: string }

/** Trimmed name and folder ('' = none), tags trimmed and de-duplicated: what the user meant, not what they typed. */
function cleanDraft(draft: SavedQueryDraft): CleanDraft {
  // anything else in the draft (profileId, spec — and keys nobody knows) is passed on for the schema to judge
  const { name, folder, tags, description, ...rest } = draft
  const cleanTags = [...new Set((tags ?? []).map((t) => t.trim()).filter(Boolean))]
  const cleanFolder = folder?.trim()
  return {
    ...rest,
    name: name.trim(),
    ...(cleanFolder ? { folder: cleanFolder } : {}),
    ...(cleanTags.length ? { tags: cleanTags } : {}),
    ...(description?.trim() ? { description } : {})
  }
}

function sameSlot(query: SavedQuery, name: string, folder: string | undefined): boolean {
  const key = (s: string | undefined): string => (s ?? '').trim().toLocaleLowerCase()
  return key(query.name) === key(name) && key(query.folder) === key(folder)
}

function assertNameFree(others: readonly SavedQuery[], name: string, folder: string | undefined): void {
  if (!others.some((q) => sameSlot(q, name, folder))) return
  throw new AppError({
    code: 'LIBRARY_NAME_TAKEN',
    message: folder
      ? `A saved query named "${name}" already exists in the folder "${folder}".`
      : `A saved query named "${name}" already exists (top level).`,
    hint: 'Pick another name or folder, or open the existing query and save over it.'
  })
}

function uniqueName(all: readonly SavedQuery[], name: string, folder: string | undefined): string {
  if (!all.some((q) => sameSlot(q, name, folder))) return name
  for (let n = 2; ; n++) {
    const candidate = `${name} (${n})`
    if (!all.some((q) => sameSlot(q, candidate, folder))) return candidate
  }
}

function describeError(err: unknown): string {
  return err instanceof AppError ? `${err.message}${err.detail ? `\n${err.detail}` : ''}` : String(err)
}
