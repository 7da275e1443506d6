// File-system failures during an export are fatal (the next file would fail the same way) and must say what to
// do: a full disk and a folder the user may not write to are the two that happen in practice.
import { AppError } from '../../../../contract/app-error'
import { redactor } from '../../../platform/redaction/redactor'

const HINTS: Record<string, { code: string; message: string; hint: string }> = {
  ENOSPC: {
    code: 'EXPORT_DISK_FULL',
    message: 'The disk is full',
    hint: 'Free some space or choose a folder on another disk, then run the export again: finished files are kept and skipped.'
  },
  EDQUOT: {
    code: 'EXPORT_DISK_FULL',
    message: 'The disk quota is exhausted',
    hint: 'Free some space or choose another folder, then run the export again: finished files are kept and skipped.'
  },
  EACCES: {
    code: 'EXPORT_PERMISSION_DENIED',
    message: 'Permission denied',
    hint: 'Choose a folder you can write to (for example one under your home folder) or fix its permissions.'
  },
  EPERM: {
    code: 'EXPORT_PERMISSION_DENIED',
    message: 'The operation is not permitted',
    hint: 'Choose a folder you can write to; on Windows also check that no other program holds the file open.'
  },
  EROFS: {
    code: 'EXPORT_PERMISSION_DENIED',
    message: 'The file system is read-only',
    hint: 'Choose a folder on a writable disk.'
  },
  ENAMETOOLONG: {
    code: 'EXPORT_NAME_TOO_LONG',
    message: 'The file path is too long',
    hint: 'Choose a destination closer to the root of the disk or a shorter naming pattern.'
  },
  ENOTDIR: {
    code: 'EXPORT_NOT_A_FOLDER',
    message: 'A file stands where a folder is needed',
    hint: 'Choose another destination folder or naming pattern.'
  }
}

export function isFileSystemError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && (err as NodeJS.ErrnoException).syscall !== undefined
}

/** Any error from writing `file` → an AppError with a hint (errors that already are AppErrors pass through). */
export function fileSystemError(err: unknown, file: string): AppError {
  if (err instanceof AppError) return err
  const e = err as NodeJS.ErrnoException
  const known = e.code ? HINTS[e.code] : undefined
  const where = redactor.text(file)
  if (known) {
    return new AppError({
      code: known.code,
      message: `${known.message}: cannot write ${where}.`,
      detail: e.message,
      hint: known.hint
    })
  }
  return new AppError({
    code: 'EXPORT_WRITE_FAILED',
    message: `Cannot write ${where}: ${e.message ?? String(err)}`,
    hint: 'Check the destination folder and the free disk space.'
  })
}
