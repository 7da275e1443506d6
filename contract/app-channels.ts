// app:* — what the app is and does outside any connection: facts for the status bar and About, a liveness ping, the
// one safe way to open a web page, and the desktop shell's native pickers and file manager.
import { z } from 'zod'
import { filePath, noArgs } from './common-fields'

export const keychainInfoSchema = z.strictObject({
  kind: z.enum(['keychain', 'safeStorage', 'memory']),
  /** false: secrets are kept in memory only and are gone after a restart (the UI says so plainly) */
  persistent: z.boolean(),
  /** one plain sentence for the user: where secrets go and, when that is not the keychain, why */
  summary: z.string(),
  /** what the user can do to get the system keychain back, when it is not in use */
  advice: z.string().optional(),
  /** the technical reasons better stores were passed over (behind a "details" disclosure; no file paths) */
  detail: z.string().optional()
})
export type KeychainInfo = z.output<typeof keychainInfoSchema>

export const appInfoSchema = z.strictObject({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  mode: z.enum(['electron', 'web', 'cli']),
  keychain: keychainInfoSchema,
  userDataDir: z.string(),
  demoMlsUrl: z.string().nullable(),
  /** the desktop shell can show native folder/save pickers and open folders (web mode cannot) */
  nativeDialogs: z.boolean()
})
export type AppInfo = z.output<typeof appInfoSchema>

const opened = z.strictObject({ opened: z.boolean() })

export const appChannels = {
  'app:info': { args: noArgs, result: appInfoSchema },
  'app:ping': {
    args: z.strictObject({ message: z.string().max(1000) }),
    result: z.strictObject({ pong: z.string(), at: z.string() })
  },
  'app:openExternal': { args: z.strictObject({ url: z.string().max(4096) }), result: opened },
  /** a native folder or save-as picker; `supported: false` in web mode, where the user types the path */
  'app:pickPath': {
    args: z.strictObject({
      purpose: z.enum(['folder', 'save']),
      title: z.string().max(200).optional(),
      defaultPath: z.string().max(4096).optional(),
      extensions: z
        .array(z.string().regex(/^[a-z0-9]{1,10}$/i))
        .max(10)
        .optional()
    }),
    result: z.strictObject({ supported: z.boolean(), path: z.string().nullable() })
  },
  /** shows a folder the app wrote to (an export destination) in the OS file manager */
  'app:openFolder': { args: z.strictObject({ path: filePath }), result: opened }
} as const
