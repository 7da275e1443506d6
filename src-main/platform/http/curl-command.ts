// "Copy as curl" for the raw view. Input is already redacted by the wire log; we only quote for a POSIX shell.

export interface CurlInput {
  method: string
  url: string
  headers: Record<string, string>
  body?: string
}

export function curlCommand(input: CurlInput): string {
  const parts = ['curl', '--compressed']
  if (input.method !== 'GET' || input.body !== undefined) parts.push('-X', input.method)
  parts.push(shellQuote(input.url))
  for (const [name, value] of Object.entries(input.headers)) {
    if (/^(host|content-length|connection|accept-encoding)$/i.test(name)) continue
    parts.push('-H', shellQuote(`${name}: ${value}`))
  }
  if (input.body !== undefined) parts.push('--data-binary', shellQuote(input.body))
  return parts.join(' ')
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}
