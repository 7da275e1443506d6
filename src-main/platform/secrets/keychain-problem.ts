// Why the system keychain is not in use, told twice: one plain sentence with what to do (Welcome page, status bar)
// and the technical reason behind a "details" disclosure. Module-resolution errors carry the path of the bundle that
// asked for keytar (`… imported from /…/out/main/chunks/….js`); a user needs none of that, so paths are cut.

export type KeychainStage = 'load' | 'probe' | 'timeout'

export interface KeychainProblem {
  /** the clause after "the system keychain …" */
  why: string
  advice: string
  technical: string
}

const LINUX_PACKAGES = 'sudo apt-get install libsecret-1-dev gnome-keyring'

export function keychainProblem(stage: KeychainStage, technical: string, platform = process.platform): KeychainProblem {
  const restart = 'then restart MLS Workbench'
  switch (stage) {
    case 'load':
      return platform === 'linux'
        ? {
            why: 'is not available (libsecret is not installed)',
            advice: `Install libsecret and a keyring (Debian/Ubuntu: ${LINUX_PACKAGES}), run npm install again, ${restart}.`,
            technical: withoutPaths(technical)
          }
        : {
            why: 'is not available (its native module is not installed)',
            advice: `Run npm install again, ${restart}.`,
            technical: withoutPaths(technical)
          }
    case 'timeout':
      return {
        why: 'did not answer',
        advice: `Unlock the keychain (or log in to the desktop session again), ${restart}.`,
        technical: withoutPaths(technical)
      }
    case 'probe':
      return {
        why:
          platform === 'linux'
            ? 'is not running or is locked (no Secret Service answered)'
            : 'refused to store a test entry',
        advice:
          platform === 'linux'
            ? `Start and unlock a keyring (GNOME Keyring or KWallet), ${restart}.`
            : `Unlock the keychain, ${restart}.`,
        technical: withoutPaths(technical)
      }
  }
}

/** Drops "imported from <file>" and any other absolute path or file URL from an error message. */
export function withoutPaths(text: string): string {
  return text
    .replace(/\s*imported from\s+[^\s)]+/g, '')
    .replace(/(?<=^|[\s'"(])(?:file:\/\/)?(?:[A-Za-z]:\\|\/)[^\s'"()]*[\\/][^\s'"()]*/g, '…')
}
