// How the double is held to Electron's own electron.d.ts (the version in package-lock): a renamed method, a changed
// signature or a renamed event breaks `npm run typecheck`, not a user's window.
// Electron's types are its global `Electron` namespace, which this import brings into the program.
import type {} from 'electron'

/** Members the double implements with exactly Electron's signatures (they take and return plain data). */
export type Same<T, K extends keyof T> = Pick<T, K>

/** Members whose parameters are Electron's but whose results are other doubles (a WebContents, a Menu…). */
export type Accepting<T, K extends keyof T> = {
  [P in K]: T[P] extends (...args: infer A) => unknown ? (...args: A) => unknown : unknown
}

/** Members the double has under Electron's name, holding a double (webContents, mainFrame, defaultSession…). */
export type Named<T, K extends keyof T> = Record<K, unknown>

type ListensTo<T, E extends string, A extends unknown[]> = T extends {
  on(event: E, listener: (...args: A) => void): unknown
}
  ? true
  : false

/** Event names (and listener arguments, in Electron's types) that `T.on` accepts; `never` if any one is wrong. */
export type ProvenEvents<T, M extends Record<string, unknown[]>> = {
  [E in keyof M & string]: ListensTo<T, E, M[E]>
}[keyof M & string] extends true
  ? keyof M & string
  : never
