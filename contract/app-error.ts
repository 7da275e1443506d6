// The one error shape that crosses every boundary (IPC, web mode, CLI): serialisable, and written for the user —
// `message` says what went wrong (the server's words where there are some), `hint` says what to try next.
import { z } from 'zod'

export const appErrorShapeSchema = z.strictObject({
  code: z.string(),
  message: z.string(),
  detail: z.string().optional(),
  hint: z.string().optional()
})
export type AppErrorShape = z.output<typeof appErrorShapeSchema>

export class AppError extends Error implements AppErrorShape {
  readonly code: string
  readonly detail?: string
  readonly hint?: string

  constructor(shape: AppErrorShape) {
    super(shape.message)
    this.name = 'AppError'
    this.code = shape.code
    if (shape.detail !== undefined) this.detail = shape.detail
    if (shape.hint !== undefined) this.hint = shape.hint
  }

  toJSON(): AppErrorShape {
    return toErrorShape(this)
  }
}

export function isAppErrorShape(value: unknown): value is AppErrorShape {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppErrorShape).code === 'string' &&
    typeof (value as AppErrorShape).message === 'string'
  )
}

/** Turns anything thrown into the error shape; unknown errors keep their message but get a generic code. */
export function toErrorShape(err: unknown): AppErrorShape {
  if (err instanceof AppError || isAppErrorShape(err)) {
    const shape: AppErrorShape = { code: err.code, message: err.message }
    if (err.detail !== undefined) shape.detail = err.detail
    if (err.hint !== undefined) shape.hint = err.hint
    return shape
  }
  if (err instanceof Error) {
    if (err.name === 'AbortError') return { code: 'CANCELLED', message: 'The operation was cancelled.' }
    return { code: 'INTERNAL', message: err.message || String(err) }
  }
  return { code: 'INTERNAL', message: String(err) }
}
