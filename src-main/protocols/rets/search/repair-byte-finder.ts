// Finds where a COMPACT row ends (its `<`) and whether a byte before it needs repair or decoding: `&` or a C0
// control other than TAB, LF, CR and the delimiter (compact-row-decoder's ROW_SPECIAL class). Node has no native
// "find any of these bytes" and a JS loop over every byte was a third of a 1M-row search's CPU time (bench case
// "compact"), so this runs as a tiny WebAssembly SIMD loop, 16 bytes a step, over a copy of the chunk (a memcpy).
// A second function walks a whole run of plain rows with it: a JS round trip per row (find the `<`, check the tags,
// strip the delimiters, one call per row) was most of what was left of the scanner's time (141 → 78 ms a 147 MB
// reply, 1M rows).
// The module is assembled below from its opcodes (WebAssembly core + SIMD binary encoding) — no toolchain, no
// binary blob. Where WebAssembly SIMD is unavailable, `createRepairByteFinder` returns undefined and the scanner
// keeps its byte loop.

// opcodes, in the order a reader would write the text format
const I32 = 0x7f
const V128 = 0x7b
const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  return: 0x0f,
  call: 0x10,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  globalSet: 0x24,
  i32Load: 0x28,
  i32Load8U: 0x2d,
  i32Load16U: 0x2f,
  i32Store: 0x36,
  i32Const: 0x41,
  i32Eq: 0x46,
  i32Eqz: 0x45,
  i32Ne: 0x47,
  i32LtS: 0x48,
  i32LtU: 0x49,
  i32GtU: 0x4b,
  i32GeU: 0x4f,
  i32Ctz: 0x68,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Or: 0x72,
  void: 0x40
} as const
const simd = (code: number): number[] => [0xfd, code]
const v128Load = [...simd(0x00), 0, 0] // align hint 1 byte, offset 0
const v128Splat = (byte: number): number[] => [...simd(0x0c), ...new Array<number>(16).fill(byte)]
const i8x16Splat = simd(0x0f)
const i8x16Eq = simd(0x23)
const i8x16LtU = simd(0x26)
const v128Or = simd(0x50)
const v128AndNot = simd(0x4f)
const i8x16Bitmask = simd(0x64)

// params: 0 at, 1 end, 2 delimiter; locals: 3 v (v128), 4 mask of repair bytes, 5 position, 6 mask of `<`
const [AT, END, DELIM, V, MASK, POS, LT_MASK] = [0, 1, 2, 3, 4, 5, 6]
const LOCALS = [2, 1, V128, 3, I32]
const get = (local: number): number[] => [op.localGet, local]
const isByte = (byte: number): number[] => [...get(V), ...v128Splat(byte), ...i8x16Eq]

/** the loop head shared by both functions: `at ≥ end` returns `end`, else v = the 16 bytes at `at` */
const STEP = [
  ...[...get(AT), ...get(END), op.i32GeU, op.if, op.void, ...get(END), op.return, op.end],
  ...[...get(AT), ...v128Load, op.localSet, V]
]
/** the bitmask of v's repair bytes: (v < 0x20 | v == '&') & ~(v == TAB | v == LF | v == CR | v == delimiter) */
const REPAIR_MASK = [
  ...[...get(V), ...v128Splat(0x20), ...i8x16LtU, ...isByte(0x26), ...v128Or],
  ...[...isByte(0x09), ...isByte(0x0a), ...v128Or, ...isByte(0x0d), ...v128Or],
  ...[...get(V), ...get(DELIM), ...i8x16Splat, ...i8x16Eq, ...v128Or, ...v128AndNot],
  ...i8x16Bitmask
]
/** return `value` if it lies before `end`, else `end` (a hit in the padding past the range) */
const returnBeforeEnd = (value: number[]): number[] => [
  ...value,
  ...get(END),
  ...get(POS),
  ...get(END),
  op.i32LtU,
  op.select,
  op.return
]
const NEXT_STEP = [...get(AT), op.i32Const, 16, op.i32Add, op.localSet, AT, op.br, 0]

/**
 * rowEnd(at, end, delimiter): the first `<` in [at, end) when no repair byte comes before it; -1 - i when a repair
 * byte at i does; end when neither lies in the range. One call finds a plain row's end and clears its bytes.
 */
const ROW_END_BODY = [
  ...[op.loop, op.void],
  ...STEP,
  ...[...REPAIR_MASK, op.localSet, MASK, ...isByte(0x3c), ...i8x16Bitmask, op.localSet, LT_MASK],
  ...[...get(MASK), ...get(LT_MASK), op.i32Or, op.if, op.void],
  // ctz of an empty mask is 32: a repair byte first means ctz(repair) < ctz(`<`)
  ...[...get(MASK), op.i32Ctz, ...get(LT_MASK), op.i32Ctz, op.i32LtU, op.if, op.void],
  ...[...get(AT), ...get(MASK), op.i32Ctz, op.i32Add, op.localSet, POS],
  ...[...returnBeforeEnd([op.i32Const, 0x7f, ...get(POS), op.i32Sub]), op.end],
  ...[...get(AT), ...get(LT_MASK), op.i32Ctz, op.i32Add, op.localSet, POS],
  ...[...returnBeforeEnd(get(POS)), op.end],
  ...NEXT_STEP,
  op.end,
  ...get(END),
  op.end
]

// rows(at, end, delimiter, out, outEnd): params 0–4 (the first three as rowEnd's); locals 5 row end, 6 and 7 the
// row's content without its outer delimiters, 8 rows found, 9 a byte
const [OUT, OUT_END, ROW_END, FROM, TO, FOUND, BYTE] = [3, 4, 5, 6, 7, 8, 9]
const ROWS_LOCALS = [1, 5, I32]
const int = (n: number): number[] => [op.i32Const, ...sleb(n)]
const load = (code: number, local: number, offset: number): number[] => [...get(local), code, 0, offset]
const set = (local: number): number[] => [op.localSet, local]
const addTo = (local: number, n: number): number[] => [...get(local), ...int(n), op.i32Add, ...set(local)]
/** inside `block $done (loop $row …))`: leave both when the i32 on the stack is not 0 */
const stopIf = [op.brIf, 1]
/** little-endian words of the tags: `<DAT` `A>` and `</DA` `TA` `>` */
const [OPEN_4, OPEN_2, CLOSE_4, CLOSE_2, CLOSE_1] = [0x5441443c, 0x3e41, 0x41442f3c, 0x4154, 0x3e]

/**
 * rows(at, end, delimiter, out, outEnd): from a `<DATA>` at `at`, every following `<DATA>…</DATA>` row in [at, end)
 * that rowEnd clears, each followed by nothing but line breaks or blanks before the next; for each, the i32 pair
 * [start, end) of its content without one leading and one trailing delimiter goes to `out`. Returns how many; the
 * global `stop` holds where the first row not taken begins (a repair byte, another tag, the range's end, `out` full).
 */
const ROWS_BODY = [
  ...[...get(AT), op.globalSet, 0, op.block, op.void, op.loop, op.void],
  // `<DATA>` at `at`
  ...[...get(AT), ...int(6), op.i32Add, ...get(END), op.i32GtU, ...stopIf],
  ...[...load(op.i32Load, AT, 0), ...int(OPEN_4), op.i32Ne, ...stopIf],
  ...[...load(op.i32Load16U, AT, 4), ...int(OPEN_2), op.i32Ne, ...stopIf],
  // its end: the first `<`, unless a repair byte comes first (< 0) or the range holds none (= end)
  ...[...get(AT), ...int(6), op.i32Add, op.localTee, FROM],
  ...[...get(END), ...get(DELIM), op.call, 0, op.localTee, ROW_END, ...int(0), op.i32LtS, ...stopIf],
  ...[...get(ROW_END), ...int(7), op.i32Add, ...get(END), op.i32GtU, ...stopIf],
  // `</DATA>` there, and room in `out`
  ...[...load(op.i32Load, ROW_END, 0), ...int(CLOSE_4), op.i32Ne, ...stopIf],
  ...[...load(op.i32Load16U, ROW_END, 4), ...int(CLOSE_2), op.i32Ne, ...stopIf],
  ...[...load(op.i32Load8U, ROW_END, 6), ...int(CLOSE_1), op.i32Ne, ...stopIf],
  ...[...get(OUT), ...int(8), op.i32Add, ...get(OUT_END), op.i32GtU, ...stopIf],
  // one delimiter off each end
  ...[...get(ROW_END), ...set(TO)],
  ...[...get(FROM), ...get(TO), op.i32LtU, op.if, op.void],
  ...[...load(op.i32Load8U, FROM, 0), ...get(DELIM), op.i32Eq, op.if, op.void, ...addTo(FROM, 1), op.end, op.end],
  ...[...get(FROM), ...get(TO), op.i32LtU, op.if, op.void],
  ...[...get(TO), ...int(1), op.i32Sub, op.i32Load8U, 0, 0, ...get(DELIM), op.i32Eq],
  ...[op.if, op.void, ...addTo(TO, -1), op.end, op.end],
  // the span out, and on past `</DATA>`, CR, LF, space and TAB to the next row
  ...[...get(OUT), ...get(FROM), op.i32Store, 2, 0, ...get(OUT), ...get(TO), op.i32Store, 2, 4],
  ...[...addTo(OUT, 8), ...addTo(FOUND, 1), ...get(ROW_END), ...int(7), op.i32Add, ...set(AT)],
  ...[op.block, op.void, op.loop, op.void, ...get(AT), ...get(END), op.i32GeU, op.brIf, 1],
  ...[...load(op.i32Load8U, AT, 0), op.localTee, BYTE, ...int(0x0d), op.i32Eq, ...get(BYTE), ...int(0x0a), op.i32Eq],
  ...[op.i32Or, ...get(BYTE), ...int(0x20), op.i32Eq, op.i32Or, ...get(BYTE), ...int(0x09), op.i32Eq, op.i32Or],
  ...[op.i32Eqz, op.brIf, 1, ...addTo(AT, 1), op.br, 0, op.end, op.end],
  ...[...get(AT), op.globalSet, 0, op.br, 0, op.end, op.end, ...get(FOUND), op.end]
]

function section(id: number, content: number[]): number[] {
  return [id, ...leb(content.length), ...content]
}

function leb(n: number): number[] {
  const out: number[] = []
  do {
    let byte = n & 0x7f
    n >>>= 7
    if (n) byte |= 0x80
    out.push(byte)
  } while (n)
  return out
}

/** signed LEB128, as i32.const wants it */
function sleb(n: number): number[] {
  const out: number[] = []
  for (;;) {
    const byte = n & 0x7f
    n >>= 7
    const last = (n === 0 && !(byte & 0x40)) || (n === -1 && (byte & 0x40) !== 0)
    out.push(last ? byte : byte | 0x80)
    if (last) return out
  }
}

function moduleBytes(): Uint8Array {
  const name = (s: string): number[] => [s.length, ...Buffer.from(s, 'latin1')]
  const body = (locals: number[], code: number[]): number[] => [...leb(locals.length + code.length), ...locals, ...code]
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    // type 0: (i32, i32, i32) → i32; type 1: (i32 × 5) → i32
    ...section(1, [2, 0x60, 3, I32, I32, I32, 1, I32, 0x60, 5, I32, I32, I32, I32, I32, 1, I32]),
    ...section(3, [2, 0, 1]), // function 0 (rowEnd) has type 0, function 1 (rows) type 1
    ...section(5, [1, 0x00, 1]), // one memory, at least 1 page
    ...section(6, [1, I32, 1, ...int(0), op.end]), // global 0 (stop): a mutable i32
    ...section(7, [
      4,
      ...[...name('rowEnd'), 0x00, 0, ...name('rows'), 0x00, 1],
      ...[...name('memory'), 0x02, 0, ...name('stop'), 0x03, 0]
    ]),
    ...section(10, [2, ...body(LOCALS, ROW_END_BODY), ...body(ROWS_LOCALS, ROWS_BODY)])
  ])
}

const PAGE = 65536
/** bytes past a copied range the SIMD loop may read (its last 16-byte step) */
const PADDING = 16

export interface RepairByteFinder {
  /** Copies `buf[from, to)` into the finder; false when the range is too large for it (use the byte loop). */
  load(buf: Buffer, from: number, to: number): boolean
  /** The first `<` in `[at, end)` (within the loaded range) if no repair byte precedes it; else -1. */
  rowEnd(at: number, end: number, delimiter: number): number
  /**
   * From a `<DATA>` at `at`, the rows in `[at, end)` that need no repair, one after the other (see ROWS_BODY): their
   * content spans, without the outer delimiters, are appended to `spans`. Returns where the first row not taken
   * begins (`at` when none was).
   */
  rows(at: number, end: number, delimiter: number, spans: number[]): number
}

/** Largest range copied at once: chunks are ~64 KB; anything far larger is a huge record, left to the byte loop. */
const MAX_RANGE = 8 * 1024 * 1024

// The part of the WebAssembly API used here (the main process's TypeScript settings have no DOM typings).
interface WasmMemory {
  readonly buffer: ArrayBuffer
  grow(pages: number): number
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object) => { exports: Record<string, unknown> }
}
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly

let compiled: object | null | undefined

/** A finder (one per scanner: each has its own memory), or undefined where WebAssembly SIMD is unavailable. */
export function createRepairByteFinder(): RepairByteFinder | undefined {
  if (compiled === undefined) {
    try {
      compiled = wasm ? new wasm.Module(moduleBytes()) : null
    } catch {
      compiled = null
    }
  }
  if (!compiled || !wasm) return undefined
  const instance = new wasm.Instance(compiled)
  const memory = instance.exports.memory as WasmMemory
  type Search = (at: number, end: number, delimiter: number) => number
  const rowEnd = instance.exports.rowEnd as Search
  const rows = instance.exports.rows as (
    at: number,
    end: number,
    delimiter: number,
    out: number,
    outEnd: number
  ) => number
  const stop = instance.exports.stop as { readonly value: number }
  let view = new Uint8Array(memory.buffer)
  let found = new Int32Array(memory.buffer)
  let base = 0
  /** where rows() writes its spans: past the range and its padding, room for the most rows it can hold */
  let out = 0
  return {
    load(buf, from, to) {
      const range = to - from
      if (range + PADDING > MAX_RANGE) return false
      out = (range + PADDING + 7) & ~7
      // the shortest row, `<DATA></DATA>`, takes 13 bytes
      const need = out + (Math.floor(range / 13) + 1) * 8
      if (need > view.length) {
        memory.grow(Math.ceil((need - view.length) / PAGE))
        view = new Uint8Array(memory.buffer)
        found = new Int32Array(memory.buffer)
      }
      view.set(buf.subarray(from, to))
      base = from
      return true
    },
    rowEnd(at, end, delimiter) {
      const i = rowEnd(at - base, end - base, delimiter)
      return i >= 0 && i < end - base ? i + base : -1
    },
    rows(at, end, delimiter, spans) {
      const n = rows(at - base, end - base, delimiter, out, view.length)
      for (let k = out >> 2, last = k + 2 * n; k < last; k++) spans.push(found[k]! + base)
      return stop.value + base
    }
  }
}
