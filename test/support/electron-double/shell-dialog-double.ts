// shell and dialog: what the app asked the OS to open, and the pickers it showed (answered by the test, like a
// user would: a path, or Cancel).
import type { Same } from './electron-types'

export class ShellDouble implements Same<Electron.Shell, 'openExternal' | 'openPath'> {
  readonly openedExternal: string[] = []
  readonly openedPaths: string[] = []
  /** what openPath answers: '' is success, anything else is the OS's error message */
  openPathResult = ''

  async openExternal(url: string): Promise<void> {
    this.openedExternal.push(url)
  }

  async openPath(path: string): Promise<string> {
    this.openedPaths.push(path)
    return this.openPathResult
  }
}

export interface DialogCall<O> {
  /** the parent window (a BrowserWindow double), or undefined for a free-standing dialog */
  window: unknown
  options: O
}

export class DialogDouble implements Same<Electron.Dialog, 'showOpenDialog' | 'showSaveDialog'> {
  readonly openCalls: DialogCall<Electron.OpenDialogOptions>[] = []
  readonly saveCalls: DialogCall<Electron.SaveDialogOptions>[] = []
  private openAnswers: Electron.OpenDialogReturnValue[] = []
  private saveAnswers: Electron.SaveDialogReturnValue[] = []

  /** The user's next choice in an open (file / folder) picker. */
  answerOpen(answer: Electron.OpenDialogReturnValue): void {
    this.openAnswers.push(answer)
  }

  /** The user's next choice in a save-as picker. */
  answerSave(answer: Electron.SaveDialogReturnValue): void {
    this.saveAnswers.push(answer)
  }

  async showOpenDialog(
    ...args: [Electron.BaseWindow, Electron.OpenDialogOptions] | [Electron.OpenDialogOptions]
  ): Promise<Electron.OpenDialogReturnValue> {
    const [window, options] = args.length === 2 ? args : [undefined, args[0]]
    this.openCalls.push({ window, options })
    return this.openAnswers.shift() ?? { canceled: true, filePaths: [] }
  }

  async showSaveDialog(
    ...args: [Electron.BaseWindow, Electron.SaveDialogOptions] | [Electron.SaveDialogOptions]
  ): Promise<Electron.SaveDialogReturnValue> {
    const [window, options] = args.length === 2 ? args : [undefined, args[0]]
    this.saveCalls.push({ window, options })
    return this.saveAnswers.shift() ?? { canceled: true, filePath: '' }
  }
}
