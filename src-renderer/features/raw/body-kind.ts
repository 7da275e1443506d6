// Which formatter and Monaco language fit a response body: the Content-Type first, then a sniff of the first
// character, because RETS servers often label XML as text/plain or text/html.
import { prettyJson } from './pretty-json'
import { prettyXml } from './pretty-xml'

export type BodyLanguage = 'xml' | 'json' | 'plaintext'

export function bodyLanguage(contentType: string | undefined, text: string): BodyLanguage {
  const ct = (contentType ?? '').toLowerCase()
  if (ct.includes('json')) return 'json'
  if (ct.includes('xml')) return 'xml'
  const first = text.trimStart()[0]
  if (first === '<') return 'xml'
  if (first === '{' || first === '[') return 'json'
  return 'plaintext'
}

export function prettyBody(text: string, language: BodyLanguage): string {
  if (language === 'xml') return prettyXml(text)
  if (language === 'json') return prettyJson(text)
  return text
}
