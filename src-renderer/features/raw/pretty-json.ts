// A small JSON re-indenter for the raw view. It works on characters, not JSON.parse, so number literals keep every
// digit (listing keys beyond 2^53 stay intact), duplicate keys stay visible, and a truncated first slice of a big
// body still prints.

export function prettyJson(json: string, indentUnit = '  '): string {
  let out = ''
  let depth = 0
  const newline = (): string => '\n' + indentUnit.repeat(Math.max(0, depth))
  const nextSignificant = (from: number): string | undefined => {
    for (let j = from; j < json.length; j++) if (!/\s/.test(json[j]!)) return json[j]
    return undefined
  }
  for (let i = 0; i < json.length; i++) {
    const ch = json[i]!
    if (ch === '"') {
      let j = i + 1
      while (j < json.length && json[j] !== '"') j += json[j] === '\\' ? 2 : 1
      out += json.slice(i, j + 1)
      i = j
    } else if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']'
      if (nextSignificant(i + 1) === close) {
        out += ch + close
        i = json.indexOf(close, i + 1)
      } else {
        depth++
        out += ch + newline()
      }
    } else if (ch === '}' || ch === ']') {
      depth--
      out += newline() + ch
    } else if (ch === ',') {
      out += ',' + newline()
    } else if (ch === ':') {
      out += ': '
    } else if (!/\s/.test(ch)) {
      out += ch
    }
  }
  return out
}
