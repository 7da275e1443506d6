// The readable words of an error body that is not the API's JSON error object: a text/plain line from a gateway,
// or an HTML error page (title + visible text, without markup, scripts or styles). Bounded, one line, so it fits
// an error message; the full body stays in the raw view.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[name.toLowerCase()] ?? whole
  })
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim()

export function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text)
}

/** Title and visible text of an HTML page, the title not repeated when the page's heading says the same. */
export function htmlText(html: string): string {
  const title = oneLine(decodeEntities(/<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? ''))
  const body = oneLine(
    decodeEntities(
      html
        .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
        .replace(/<!--[\s\S]*?-->/g, ' ')
        .replace(/<[^>]*>/g, ' ')
    )
  )
  if (!title) return body
  if (!body || body === title) return title
  return body.startsWith(title) ? body : `${title}: ${body}`
}

/** One bounded line of what the server said (`max` characters, then …). */
export function errorBodyText(body: string, max = 300): string {
  const text = looksLikeHtml(body) ? htmlText(body) : oneLine(body)
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
