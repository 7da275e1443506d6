// Serves the built renderer. Paths are resolved inside the root only; anything else is a 404.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import type { ServerResponse } from 'node:http'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8'
}

export function resolveStatic(root: string, urlPath: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  if (decoded.includes('\0')) return undefined
  const rel = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '')
  const full = path.resolve(root, rel)
  return full.startsWith(path.resolve(root) + path.sep) ? full : undefined
}

export async function sendStatic(res: ServerResponse, file: string, headers: Record<string, string>): Promise<boolean> {
  const info = await stat(file).catch(() => undefined)
  if (!info?.isFile()) return false
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
  res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': String(info.size) })
  await new Promise<void>((resolve, reject) => {
    createReadStream(file).on('error', reject).on('end', resolve).pipe(res)
  })
  return true
}
