// Turning RETS reply bytes into text a strict XML parser accepts. Charset: Content-Type first, then the XML
// declaration, else UTF-8 — and when the bytes are not valid UTF-8 we fall back to Latin-1 (libRETS
// metadata-extended-char.xml carries raw ISO-8859-1 bytes with no declaration). Servers also emit bare `&`
// (`Smith & Sons`), control-character references (`&#1;`) and lone surrogate references, which XML 1.0 forbids;
// we repair them and count each repair as a warning instead of failing the whole reply.
import { isAscii } from 'node:buffer'
import { TextDecoder } from 'node:util'

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')
  return m ? m[1]!.toLowerCase() : undefined
}

export function charsetFromXmlDeclaration(head: Buffer): string | undefined {
  const text = head.subarray(0, 200).toString('latin1')
  const m = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(text)
  return m ? m[1]!.toLowerCase() : undefined
}

const LATIN1_NAMES = new Set(['iso-8859-1', 'latin1', 'latin-1', 'l1', 'iso8859-1', 'iso_8859-1'])
const ASCII_NAMES = new Set(['us-ascii', 'ascii', 'ansi_x3.4-1968'])

/**
 * Streaming bytes → string decoder. Starts with the declared charset (or UTF-8); a UTF-8 decode failure switches
 * to Latin-1 for the rest and is reported once through `warnings`.
 */
export class RetsTextDecoder {
  private mode: 'utf8' | 'latin1' | 'other' | undefined
  private decoder: TextDecoder | undefined
  private pending: Buffer[] = []
  /**
   * the UTF-8 decoder has read the start of the reply (its BOM check is done) and holds no bytes of a character
   * cut by the chunk boundary
   */
  private clean = false
  readonly warnings: string[] = []

  constructor(private readonly declared?: string) {}

  get charset(): string {
    return this.mode === 'latin1' ? 'iso-8859-1' : this.mode === 'other' ? this.declared! : 'utf-8'
  }

  write(chunk: Buffer): string {
    if (this.mode === undefined) {
      // wait for enough bytes to read an XML declaration when no header charset was given
      this.pending.push(chunk)
      const head = Buffer.concat(this.pending)
      if (!this.declared && head.length < 200 && !/\?>/.test(head.toString('latin1'))) return ''
      this.pending = []
      this.choose(this.declared ?? charsetFromXmlDeclaration(head))
      return this.decode(head, true)
    }
    return this.decode(chunk, true)
  }

  end(): string {
    if (this.mode === undefined) {
      const head = Buffer.concat(this.pending)
      this.pending = []
      this.choose(this.declared ?? charsetFromXmlDeclaration(head))
      return this.decode(head, false)
    }
    return this.decode(Buffer.alloc(0), false)
  }

  private choose(charset: string | undefined): void {
    const cs = (charset ?? 'utf-8').toLowerCase()
    if (LATIN1_NAMES.has(cs) || ASCII_NAMES.has(cs)) {
      // US-ASCII servers still send 8-bit bytes; Latin-1 maps every byte and never fails
      this.mode = 'latin1'
      return
    }
    if (cs === 'utf-8' || cs === 'utf8') {
      this.mode = 'utf8'
      this.decoder = new TextDecoder('utf-8', { fatal: true })
      return
    }
    try {
      this.decoder = new TextDecoder(cs)
      this.mode = 'other'
    } catch {
      this.warnings.push(`Unknown charset "${cs}"; decoded as UTF-8.`)
      this.mode = 'utf8'
      this.decoder = new TextDecoder('utf-8', { fatal: true })
    }
  }

  private decode(bytes: Buffer, stream: boolean): string {
    if (this.mode === 'latin1') return bytes.toString('latin1')
    // pure ASCII (whole metadata dumps are) reads the same in every charset this takes: Latin-1 is the cheapest
    // decode of it, once the UTF-8 decoder holds no partial character from the chunk before
    if (this.mode === 'utf8' && this.clean && isAscii(bytes)) return bytes.toString('latin1')
    try {
      const text = this.decoder!.decode(bytes, { stream })
      if (bytes.length) this.clean = bytes[bytes.length - 1]! < 0x80
      return text
    } catch {
      if (this.mode !== 'utf8') throw new Error('decoder failed')
      this.warnings.push('The reply is not valid UTF-8; it was read as ISO-8859-1 (Latin-1).')
      this.mode = 'latin1'
      // bytes buffered inside the failed decoder are lost only for a split multi-byte sequence: acceptable
      return bytes.toString('latin1')
    }
  }
}

/** Decodes a whole buffer with the same rules. */
export function decodeRetsText(
  body: Buffer,
  contentType?: string
): { text: string; charset: string; warnings: string[] } {
  const dec = new RetsTextDecoder(charsetFromContentType(contentType))
  const text = dec.write(body) + dec.end()
  return { text, charset: dec.charset, warnings: dec.warnings }
}

const ENTITY = /&(?:#(\d{1,10});|#[xX]([0-9a-fA-F]{1,8});|([A-Za-z_][\w.-]{0,30});)?/g
const NAMED = new Set(['amp', 'lt', 'gt', 'quot', 'apos'])
/** ENTITY anchored at lastIndex: checks one `&` where indexOf found it */
const ENTITY_AT = new RegExp(ENTITY.source, 'y')
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/
const CONTROLS = new RegExp(CONTROL.source, 'g')

/**
 * Whether some `&` of `text` is not a legal reference. Almost every reply has only legal ones (`&amp;` in a
 * remark): jumping from `&` to `&` and checking each in place is several times faster than a replace over all
 * the text, which then only runs when there is something to repair.
 */
function needsEntityRepair(text: string): boolean {
  for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', amp + 1)) {
    ENTITY_AT.lastIndex = amp
    const m = ENTITY_AT.exec(text)!
    if (m[1] !== undefined) {
      if (!allowedCodePoint(Number(m[1]))) return true
    } else if (m[2] !== undefined) {
      if (!allowedCodePoint(parseInt(m[2], 16))) return true
    } else if (m[3] === undefined || !NAMED.has(m[3])) return true
  }
  return false
}

/** The last `&` of `s` in [from, end), or -1. */
export function lastAmpersand(s: string, from: number, end = s.length): number {
  for (let i = end - 1; i >= from; i--) if (s.charCodeAt(i) === 0x26) return i
  return -1
}

function allowedCodePoint(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  )
}

/**
 * Streaming XML repair. Keeps back a possibly incomplete `&…` at the end of a chunk. `repairs` counts fixes.
 * Raw control characters are replaced too (saxes would reject them).
 */
export class XmlRepairer {
  private carry = ''
  repairs = 0

  write(text: string): string {
    const input = this.carry + text
    // only an `&` in the last 13 characters can start a reference the next chunk completes (lastIndexOf would
    // walk back through a whole chunk that has none)
    const amp = lastAmpersand(input, Math.max(0, input.length - 13))
    let cut = input.length
    if (amp >= 0 && input.indexOf(';', amp) < 0) cut = amp
    this.carry = input.slice(cut)
    return this.repair(input.slice(0, cut))
  }

  end(): string {
    const rest = this.carry
    this.carry = ''
    return this.repair(rest)
  }

  private repair(text: string): string {
    let out = needsEntityRepair(text) ? this.repairEntities(text) : text
    // raw C0 controls other than TAB/LF/CR are illegal in XML 1.0
    if (CONTROL.test(out)) {
      out = out.replace(CONTROLS, () => {
        this.repairs++
        return ' '
      })
    }
    return out
  }

  private repairEntities(text: string): string {
    return text.replace(ENTITY, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (dec !== undefined || hex !== undefined) {
        const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16)
        if (allowedCodePoint(cp)) return m
        this.repairs++
        return cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\uFFFD' : ' '
      }
      if (name !== undefined) {
        if (NAMED.has(name)) return m
        // an unknown entity is almost always text like "&nbsp;" or "A&B;" — keep it literally
        this.repairs++
        return `&amp;${name};`
      }
      this.repairs++
      return '&amp;'
    })
  }
}

export function repairXml(text: string): { text: string; repairs: number } {
  const r = new XmlRepairer()
  const out = r.write(text) + r.end()
  return { text: out, repairs: r.repairs }
}

/** The five named entities with what they stand for. */
const NAMED_ENTITIES: ReadonlyArray<readonly [string, string]> = [
  ['&amp;', '&'],
  ['&lt;', '<'],
  ['&gt;', '>'],
  ['&quot;', '"'],
  ['&apos;', "'"]
]
const REFERENCE = /&(#\d+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos);/g

/** Decodes the five XML entities and character references in COMPACT values (already repaired). */
export function decodeXmlEntities(s: string): string {
  let amp = s.indexOf('&')
  if (amp < 0) return s
  // values with only named entities (`Smith &amp; Sons`, most of them) are joined from slices; anything else
  // (character references, a stray `&`) takes the general replace
  let out = ''
  let last = 0
  while (amp >= 0) {
    let entity: readonly [string, string] | undefined
    for (const e of NAMED_ENTITIES) {
      if (s.startsWith(e[0], amp)) {
        entity = e
        break
      }
    }
    if (!entity) return s.replace(REFERENCE, decodeReference)
    out += s.slice(last, amp) + entity[1]
    last = amp + entity[0].length
    amp = s.indexOf('&', last)
  }
  return out + s.slice(last)
}

function decodeReference(m: string, ref: string): string {
  switch (ref) {
    case 'amp':
      return '&'
    case 'lt':
      return '<'
    case 'gt':
      return '>'
    case 'quot':
      return '"'
    case 'apos':
      return "'"
  }
  const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1))
  return allowedCodePoint(cp) ? String.fromCodePoint(cp) : m === '' ? m : '\uFFFD'
}
