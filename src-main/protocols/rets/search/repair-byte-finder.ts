// Finds where a COMPACT row ends (its `<`) and whether a byte before it needs repair or decoding: `&` or a C0
// control other than TAB, LF, CR and the delimiter (compact-row-decoder's ROW_SPECIAL class). Node has no native
// "find any of these bytes" and a JS loop over every byte was a third of a 1M-row search's CPU time (bench case
// "compact"), so this runs as a tiny WebAssembly SIMD loop, 16 bytes a step, over a copy of the chunk (a memcpy).
// The module is assembled below from its opcodes (WebAssembly core + SIMD binary encoding) — no toolchain, no
// binary blob. Where WebAssembly SIMD is unavailable, `createRepairByteFinder` returns undefined and the scanner
// keeps its byte loop.

// opcodes, in the order a reader would write the text format
const I32 = 0x7f
const V128 = 0x7b
const op = {
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  return: 0x0f,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Const: 0x41,
  i32LtU: 0x49,
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

function moduleBytes(): Uint8Array {
  const name = (s: string): number[] => [s.length, ...Buffer.from(s, 'latin1')]
  const body = (code: number[]): number[] => [...leb(LOCALS.length + code.length), ...LOCALS, ...code]
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 3, I32, I32, I32, 1, I32]), // type 0: (i32, i32, i32) → i32
    ...section(3, [1, 0]), // function 0 has type 0
    ...section(5, [1, 0x00, 1]), // one memory, at least 1 page
    ...section(7, [2, ...name('rowEnd'), 0x00, 0, ...name('memory'), 0x02, 0]),
    ...section(10, [1, ...body(ROW_END_BODY)])
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
  let view = new Uint8Array(memory.buffer)
  let base = 0
  return {
    load(buf, from, to) {
      const need = to - from + PADDING
      if (need > MAX_RANGE) return false
      if (need > view.length) {
        memory.grow(Math.ceil((need - view.length) / PAGE))
        view = new Uint8Array(memory.buffer)
      }
      view.set(buf.subarray(from, to))
      base = from
      return true
    },
    rowEnd(at, end, delimiter) {
      const i = rowEnd(at - base, end - base, delimiter)
      return i >= 0 && i < end - base ? i + base : -1
    }
  }
}
