// The profile editor's "Sync store" section, as pure functions over the draft: where the sync keeps its local copy
// (SQLite in the user-data folder, or a PostgreSQL database), and the connection string checked the way the profile
// schema checks it — with one difference: a password pasted into the string is taken out and handed to the
// password secret field, since a profile never holds a secret (contract/profile-schema.ts `syncSettings`).
import { getPath, setPath } from './profile-form'

export type SyncStoreChoice = 'sqlite' | 'postgres'

export function syncStoreOf(draft: Record<string, unknown>): SyncStoreChoice {
  return getPath(draft, 'sync.store') === 'postgres' ? 'postgres' : 'sqlite'
}

/** SQLite without a connection string is the default: the profile then carries no `sync` at all. */
export function setSyncStore(draft: Record<string, unknown>, store: SyncStoreChoice): void {
  if (store === 'sqlite' && getPath(draft, 'sync.postgresUrl') === undefined) delete draft.sync
  else setPath(draft, 'sync.store', store)
}

/**
 * The SQLite file a profile syncs into: `<user data>/sync/<profile id>.sqlite` (src-main/features/sync/
 * store-registry.ts), in the user-data folder's own path style; a profile not saved yet has no id.
 */
export function sqliteLocation(userDataDir: string | undefined, profileId: string | null): string {
  const dir = userDataDir ?? '<user data folder>'
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/'
  return [dir.replace(/[\\/]+$/, ''), 'sync', `${profileId ?? '<profile id>'}.sqlite`].join(sep)
}

export interface PostgresUrlCheck {
  /** the connection string without any password */
  url: string
  /** the password that was in it (user:password@ or ?password=), to go to the secret field */
  password?: string
  /** why the string cannot be used, in words for the form */
  problem?: string
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** Checks a PostgreSQL connection string and takes any password out of it. */
export function checkPostgresUrl(text: string): PostgresUrlCheck {
  const url = text.trim()
  if (!url) return { url }
  const m = /^(postgres(?:ql)?:\/\/)([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/.exec(url)
  if (!m) {
    return {
      url,
      problem:
        'A PostgreSQL connection string starts with postgresql:// (or postgres://), e.g. postgresql://user@db.example.com:5432/mls'
    }
  }
  const [, scheme, authority = '', path = '', query, fragment = ''] = m
  let password: string | undefined
  let host = authority
  // the user information ends at the last @ (an unencoded @ in a password is then still the password's)
  const at = authority.lastIndexOf('@')
  const colon = at >= 0 ? authority.slice(0, at).indexOf(':') : -1
  if (colon >= 0) {
    password = decoded(authority.slice(colon + 1, at))
    const user = authority.slice(0, colon)
    host = `${user ? `${user}@` : ''}${authority.slice(at + 1)}`
  }
  let search = query ?? ''
  if (query) {
    // libpq reads ?password= too
    const params = new URLSearchParams(query.slice(1))
    const inQuery = params.get('password')
    if (inQuery !== null) {
      password = inQuery
      params.delete('password')
      search = params.size ? `?${params.toString()}` : ''
    }
  }
  const out: PostgresUrlCheck = { url: `${scheme}${host}${path}${search}${fragment}` }
  if (password) out.password = password
  return out
}
