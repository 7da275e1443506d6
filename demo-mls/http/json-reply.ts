// JSON helpers shared by the admin API and read-back endpoints.
import type { ServerResponse } from 'node:http'
import type { DemoRequest } from './router'

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {}
): void {
  const body = Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8')
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
    ...headers
  })
  res.end(body)
}

export async function readJson(req: DemoRequest): Promise<Record<string, unknown>> {
  const text = (await req.body()).toString('utf8').trim()
  if (!text) return {}
  const parsed: unknown = JSON.parse(text)
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('expected a JSON object')
  return parsed as Record<string, unknown>
}
