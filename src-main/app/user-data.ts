// Where settings, profiles, saved queries and the metadata cache live when Electron's app.getPath is not at hand
// (web mode, CLI). Mirrors Electron's userData location so both modes share one folder.
import os from 'node:os'
import path from 'node:path'

export const APP_NAME = 'MLS Workbench'

export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.MLSWB_USER_DATA) return path.resolve(env.MLSWB_USER_DATA)
  const home = os.homedir()
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME)
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME)
}
