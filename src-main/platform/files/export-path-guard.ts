// Where an export may write. A page that got hold of the API (or a confused user) must not be able to drop files
// where the desktop runs them: autostart entries, application launchers, shell rc files, system folders. Hidden
// folders and files in the home folder are where those live on Linux and macOS, so all of them are refused.
import os from 'node:os'
import path from 'node:path'
import { AppError } from '../../../contract/app-error'

/** Extensions a desktop or shell launches when the file is opened (Linux, macOS, Windows). */
const LAUNCHER_EXTENSIONS = new Set(
  (
    'desktop sh bash zsh fish command tool app appimage run bin-run exe com bat cmd ps1 psm1 vbs vbe js jse wsf wsh ' +
    'msi msp scr lnk url pif hta cpl jar py pl rb php reg inf scf workflow terminal'
  ).split(' ')
)

/** Folders (relative to home) that are not hidden yet start programs: macOS login agents, the Windows Startup folder. */
const HOME_RUN_FOLDERS = ['Library/LaunchAgents', 'AppData/Roaming/Microsoft/Windows/Start Menu']
const SYSTEM_FOLDERS = ['/etc', '/usr', '/bin', '/sbin', '/boot', '/lib', '/lib64', '/System', '/Library']

export function hasLauncherExtension(name: string): boolean {
  const ext = path.extname(name).slice(1).toLowerCase()
  return ext !== '' && LAUNCHER_EXTENSIONS.has(ext)
}

/** Why `target` may not receive an export, or undefined when it may. */
export function unsafeExportReason(target: string, home = os.homedir()): string | undefined {
  const full = path.resolve(target)
  const rel = path.relative(path.resolve(home), full)
  if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) {
    const parts = rel.split(path.sep)
    if (parts.some((p) => p.startsWith('.'))) return 'it is inside a hidden configuration folder of your home folder'
    const posix = parts.join('/').toLowerCase()
    if (HOME_RUN_FOLDERS.some((f) => posix === f.toLowerCase() || posix.startsWith(`${f.toLowerCase()}/`)))
      return 'the system starts programs from that folder'
    return undefined
  }
  if (SYSTEM_FOLDERS.some((f) => full === f || full.startsWith(`${f}/`))) return 'it is a system folder'
  return undefined
}

/** Throws EXPORT_UNSAFE_DESTINATION for autostart, launcher, rc-file and system locations. */
export function checkExportDestination(target: string, home = os.homedir()): string {
  const reason = unsafeExportReason(target, home)
  if (reason) {
    throw new AppError({
      code: 'EXPORT_UNSAFE_DESTINATION',
      message: `Refusing to export to ${path.resolve(target)}: ${reason}.`,
      hint: 'Choose a folder such as Documents or Downloads.'
    })
  }
  return path.resolve(target)
}

/**
 * A file name made from server data (listing keys, URLs, content types) that ends in a launcher extension gets
 * `.bin` added so opening it never runs it; an extension the user typed in the naming pattern is kept.
 */
export function defusedFileName(name: string, typedLiteral: string): string {
  if (!hasLauncherExtension(name)) return name
  const ext = path.extname(name).toLowerCase()
  return typedLiteral.toLowerCase().endsWith(ext) ? name : `${name}.bin`
}
