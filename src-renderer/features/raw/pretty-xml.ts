// A small XML re-indenter for the raw view. It never parses into a tree (bodies can be megabytes and malformed —
// RETS servers send bare '&' and control characters), it only walks markup tokens and puts each element on its
// own line; an element holding only text stays on one line so COMPACT <DATA> rows read as rows.

type Token = { type: 'open' | 'close' | 'empty' | 'other' | 'text'; text: string }

function endOfTag(xml: string, from: number): number {
  // '>' inside a quoted attribute value does not end the tag
  let quote = ''
  for (let i = from; i < xml.length; i++) {
    const ch = xml[i]!
    if (quote) {
      if (ch === quote) quote = ''
    } else if (ch === '"' || ch === "'") quote = ch
    else if (ch === '>') return i
  }
  return -1
}

function tokenize(xml: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  const until = (marker: string, from: number): number => {
    const at = xml.indexOf(marker, from)
    return at < 0 ? xml.length : at + marker.length
  }
  while (i < xml.length) {
    const lt = xml.indexOf('<', i)
    if (lt < 0) {
      tokens.push({ type: 'text', text: xml.slice(i) })
      break
    }
    if (lt > i) tokens.push({ type: 'text', text: xml.slice(i, lt) })
    let end: number
    let type: Token['type']
    if (xml.startsWith('<!--', lt)) [end, type] = [until('-->', lt + 4), 'other']
    else if (xml.startsWith('<![CDATA[', lt)) [end, type] = [until(']]>', lt + 9), 'text']
    else if (xml.startsWith('<?', lt)) [end, type] = [until('?>', lt + 2), 'other']
    else if (xml.startsWith('<!', lt)) {
      // DOCTYPE, possibly with an internal subset in [...]
      const bracket = xml.indexOf('[', lt)
      const gt = xml.indexOf('>', lt)
      end = bracket >= 0 && bracket < gt ? until(']>', bracket) : gt < 0 ? xml.length : gt + 1
      type = 'other'
    } else {
      const gt = endOfTag(xml, lt + 1)
      if (gt < 0) {
        tokens.push({ type: 'text', text: xml.slice(lt) })
        break
      }
      end = gt + 1
      type = xml[lt + 1] === '/' ? 'close' : xml[gt - 1] === '/' ? 'empty' : 'open'
    }
    tokens.push({ type, text: xml.slice(lt, end) })
    i = end
  }
  return tokens
}

export function prettyXml(xml: string, indentUnit = '  '): string {
  const tokens = tokenize(xml).filter((t) => t.type !== 'text' || t.text.trim() !== '')
  const lines: string[] = []
  let depth = 0
  const pad = (): string => indentUnit.repeat(Math.max(0, depth))
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    const next = tokens[i + 1]
    const after = tokens[i + 2]
    if (t.type === 'open' && next?.type === 'close') {
      lines.push(pad() + t.text + next.text)
      i += 1
    } else if (t.type === 'open' && next?.type === 'text' && after?.type === 'close') {
      lines.push(pad() + t.text + next.text + after.text)
      i += 2
    } else if (t.type === 'open') {
      lines.push(pad() + t.text)
      depth++
    } else if (t.type === 'close') {
      depth--
      lines.push(pad() + t.text)
    } else if (t.type === 'text') {
      lines.push(pad() + t.text.trim())
    } else {
      lines.push(pad() + t.text)
    }
  }
  return lines.join('\n')
}
