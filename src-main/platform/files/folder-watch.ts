// Tells the UI when files in a folder change behind the app's back (a `git pull` of shared profiles, a saved query
// copied in by hand). fs.watch is per folder and not recursive, which is all these one-file-per-record folders
// need; bursts (an editor's temp file + rename, a pull touching twenty files) become one call.
import { mkdirSync, watch, type FSWatcher } from 'node:fs'

export function watchFolder(folder: string, onChange: () => void, debounceMs = 250): () => void {
  mkdirSync(folder, { recursive: true })
  let timer: ReturnType<typeof setTimeout> | undefined
  let watcher: FSWatcher | undefined
  try {
    watcher = watch(folder, { persistent: false }, () => {
      clearTimeout(timer)
      timer = setTimeout(onChange, debounceMs)
    })
    // a watcher that dies (folder removed, too many watches) just stops reporting; the UI's reload still works
    watcher.on('error', () => watcher?.close())
  } catch {
    // some file systems (network shares) refuse watches: the UI's reload button stays the way to refresh
  }
  return () => {
    clearTimeout(timer)
    watcher?.close()
  }
}
