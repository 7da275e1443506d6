// V8 detail that matters on parsers fed document after document (metadata: one per GetMetadata, the bench: 20 in a
// row): a fresh `[]` starts with small-integer elements and changes kind at its first push of an object or string;
// optimised code that inlined the push for the other kind then deoptimises, once per new document, and a parse
// spends its first documents in slow code. Arrays made here start with the general kind.
/**
 * An empty array whose elements kind is already "any value": a fresh `[]` starts as small-integer elements, and
 * optimised code that met the other kind deoptimises at the first push of every new document.
 */
export function refArray<T>(): T[] {
  const a: unknown[] = [null]
  a.pop()
  return a as T[]
}
