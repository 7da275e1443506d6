// Metadata values repeat endlessly (DataType "Character", Searchable "1", Units "Feet" — 70k fields × 20 attributes
// in a big dump) and arrive as slices of the decoded reply text: V8 keeps a slice of 13+ characters as a pointer
// into its parent string, so one kept value pins a whole 64 KB chunk of raw XML. Interning keeps one copy of each
// repeated value, and every kept value is a flat copy, so the model holds neither duplicates nor the reply text.

/** Values longer than this are kept as flat copies without interning (remarks, descriptions: unique anyway). */
const MAX_INTERNED = 64

export class StringInterner {
  private readonly table = new Map<string, string>()

  intern(s: string): string {
    // V8 copies strings under 13 characters when slicing, so short ones never pin their parent
    if (s.length > MAX_INTERNED) return flatCopy(s)
    let kept = this.table.get(s)
    if (kept === undefined) {
      kept = s.length < 13 ? s : flatCopy(s)
      this.table.set(kept, kept)
    }
    return kept
  }
}

/** A copy of `s` that shares no storage with the string it was sliced from. */
function flatCopy(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8')
}
