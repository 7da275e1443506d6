// Character codes and classes the indexOf-driven XML scanners share (the RETS light tokenizer, the EDMX scanner).
export const LT = 0x3c
export const GT = 0x3e
export const SLASH = 0x2f
export const BANG = 0x21
export const QUESTION = 0x3f
export const EQUALS = 0x3d
export const DQUOTE = 0x22
export const SQUOTE = 0x27
export const AMP = 0x26

/** XML white space (S): space, LF, TAB, CR. */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d
}

/** A tag name may start with a letter, `_`, `:` or any non-ASCII character (XML 1.0 NameStartChar, loosely). */
export function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0x80
}
