import { describe, expect, it } from 'vitest'
import type * as Monaco from 'monaco-editor/editor/editor.api'
import { registerDmql } from '../../../src-renderer/monaco/languages/dmql'
import type { EditorContext } from '../../../domain/query-languages/editor/editor-types'
import type { FieldMeta } from '../../../domain/metadata/metadata-model'
import {
  MAX_SUGGESTIONS,
  pickCompletions,
  sortTexts
} from '../../../src-renderer/monaco/languages/completion-suggestions'

// A stand-in for the few Monaco calls the glue makes, so the offset/position conversion, the line tokenizer and
// the markers can be checked without loading the editor.
interface Pos {
  lineNumber: number
  column: number
}

function fakeModel(text: string) {
  const lines = text.split('\n')
  const toPos = (offset: number): Pos => {
    let rest = offset
    for (let i = 0; i < lines.length; i++) {
      if (rest <= lines[i]!.length) return { lineNumber: i + 1, column: rest + 1 }
      rest -= lines[i]!.length + 1
    }
    return { lineNumber: lines.length, column: lines[lines.length - 1]!.length + 1 }
  }
  return {
    uri: { toString: () => 'inmemory://q1' },
    getValue: () => text,
    getLanguageId: () => 'dmql',
    isDisposed: () => false,
    getPositionAt: toPos,
    getOffsetAt: (p: Pos) => lines.slice(0, p.lineNumber - 1).reduce((n, l) => n + l.length + 1, 0) + p.column - 1,
    onDidChangeContent: () => ({ dispose() {} })
  }
}

function fakeMonaco(models: ReturnType<typeof fakeModel>[]) {
  const got: {
    tokens?: Monaco.languages.TokensProvider
    completion?: Monaco.languages.CompletionItemProvider
    hover?: Monaco.languages.HoverProvider
    markers: unknown[]
  } = { markers: [] }
  const m = {
    Range: class {
      constructor(
        public startLineNumber: number,
        public startColumn: number,
        public endLineNumber: number,
        public endColumn: number
      ) {}
    },
    MarkerSeverity: { Error: 8, Warning: 4, Info: 2 },
    languages: {
      getLanguages: () => [],
      register: () => undefined,
      setTokensProvider: (_id: string, p: Monaco.languages.TokensProvider) => (got.tokens = p),
      registerCompletionItemProvider: (_id: string, p: Monaco.languages.CompletionItemProvider) => (got.completion = p),
      registerHoverProvider: (_id: string, p: Monaco.languages.HoverProvider) => (got.hover = p),
      CompletionItemKind: { Field: 3, EnumMember: 16, Operator: 11, Function: 1, Keyword: 17 }
    },
    editor: {
      getModels: () => models,
      onDidCreateModel: () => undefined,
      onDidChangeModelLanguage: () => undefined,
      setModelMarkers: (_model: unknown, _owner: string, markers: unknown[]) => (got.markers = markers)
    }
  }
  return { m: m as unknown as typeof Monaco, got }
}

const ctx: EditorContext = {
  fields: [
    { systemName: 'Status', dataType: 'Character', searchable: true, lookupName: 'S', attrs: {} },
    { systemName: 'Price', dataType: 'Int', searchable: true, attrs: {} }
  ],
  lookupValues: () => [{ value: 'A', longValue: 'Active', attrs: {} }]
}

describe('Monaco glue for the query languages', () => {
  const text = '(Status=|A,\n  B),(Price=abc)'
  const model = fakeModel(text)
  const { m, got } = fakeMonaco([model])
  registerDmql(m, () => ctx)

  it('tokenizes line by line with the state of the lines above', () => {
    const p = got.tokens!
    const l1 = p.tokenize('(Status=|A,', p.getInitialState())
    expect(l1.tokens.map((t) => [t.startIndex, t.scopes])).toEqual([
      [0, 'delimiter'],
      [1, 'type'],
      [7, 'keyword'],
      [8, 'keyword'],
      [9, 'attribute.value'],
      [10, 'delimiter']
    ])
    const l2 = p.tokenize('  B),(Price=abc)', l1.endState)
    // B is still a lookup value because the tokenizer saw the `|` on the line above
    expect(l2.tokens.slice(0, 3).map((t) => [t.startIndex, t.scopes])).toEqual([
      [0, ''],
      [2, 'attribute.value'],
      [3, 'delimiter']
    ])
  })

  it('sets markers at the right line/column', () => {
    expect(got.markers).toEqual([
      {
        startLineNumber: 2,
        startColumn: 3,
        endLineNumber: 2,
        endColumn: 4,
        message: expect.stringMatching(/'B' is not a value of lookup S/),
        severity: 4
      },
      {
        startLineNumber: 2,
        startColumn: 13,
        endLineNumber: 2,
        endColumn: 16,
        message: "Price is numeric (Int): 'abc' is not a number",
        severity: 8
      }
    ])
  })

  it('completes lookup values with a replace range', async () => {
    const res = (await got.completion!.provideCompletionItems(
      model as never,
      { lineNumber: 1, column: 10 } as never,
      {} as never,
      {} as never
    ))!
    const label = (l: (typeof res.suggestions)[number]['label']): string => (typeof l === 'string' ? l : l.label)
    expect(res.suggestions.map((s) => [label(s.label), s.kind, s.insertText])).toContainEqual(['A', 16, 'A'])
    // each lookup code carries its long value as the label's description, shown on every row of the list
    const a = res.suggestions.find((s) => label(s.label) === 'A')!
    expect(typeof a.label === 'string' ? undefined : a.label.description).toBe('Active')
    expect(res.suggestions[0]!.range).toMatchObject({ startLineNumber: 1, startColumn: 10, endColumn: 10 })
  })

  it('hovers a field', async () => {
    const h = (await got.hover!.provideHover(model as never, { lineNumber: 1, column: 3 } as never, {} as never))!
    expect(h.contents[0]).toMatchObject({ value: expect.stringContaining('**Status**') })
    expect(h.range).toMatchObject({ startColumn: 2, endColumn: 8 })
  })

  it('waits for a lookup loaded on first use, so the first list already has its values (OData/Spark enums)', async () => {
    const lazyModel = fakeModel('(Status=')
    const lazy = fakeMonaco([lazyModel])
    let values: { value: string; longValue: string; attrs: Record<string, string> }[] | undefined
    let loading: Promise<void> | undefined
    const lazyCtx: EditorContext = {
      fields: ctx.fields,
      lookupValues: () => {
        if (values) return values
        loading ??= Promise.resolve().then(() => {
          values = [{ value: 'A', longValue: 'Active', attrs: {} }]
        })
        return undefined
      },
      whenLoaded: () => (values ? undefined : loading)
    }
    registerDmql(lazy.m, () => lazyCtx)
    const res = (await lazy.got.completion!.provideCompletionItems(
      lazyModel as never,
      { lineNumber: 1, column: 9 } as never,
      {} as never,
      {} as never
    ))!
    expect(res.suggestions.map((s) => s.insertText)).toContain('A')
  })
})

describe('completion with a large MLS (tens of thousands of fields)', () => {
  // 3 × the cap, named so that the ones ending in 9 come last in the language module's order
  const fields: FieldMeta[] = Array.from({ length: MAX_SUGGESTIONS * 3 }, (_, i) => ({
    systemName: i < MAX_SUGGESTIONS * 2 ? `LIST_${i}` : `ZETA_${i}`,
    dataType: 'Character',
    searchable: true,
    attrs: {}
  }))
  const big: EditorContext = { fields, lookupValues: () => undefined }
  const complete = async (text: string) => {
    const model = fakeModel(text)
    const { m, got } = fakeMonaco([model])
    registerDmql(m, () => big)
    return (await got.completion!.provideCompletionItems(
      model as never,
      { lineNumber: 1, column: text.length + 1 } as never,
      {} as never,
      {} as never
    ))!
  }

  it('converts at most the cap and says the list is incomplete, so Monaco asks again as the word grows', async () => {
    const res = await complete('(')
    expect(res.suggestions).toHaveLength(MAX_SUGGESTIONS)
    expect(res.incomplete).toBe(true)
  })

  it('converts the items matching the typed word, even those past the cap in the original order', async () => {
    const res = await complete('(ZETA_59')
    const names = res.suggestions.map((s) => s.filterText)
    expect(names).toContain(`ZETA_5999`)
    // what Monaco's fuzzy filter could match: every character of the word in order
    expect(names.every((n) => /z.*e.*t.*a.*_.*5.*9/i.test(n!))).toBe(true)
    // labels starting with the word (1,111 of them) come before the mere fuzzy matches (LIST_21 …)
    const fuzzy = (await complete('(LIST_1')).suggestions.map((s) => s.filterText!.startsWith('LIST_1'))
    expect(fuzzy.indexOf(false)).toBe(1111)
    expect(fuzzy.lastIndexOf(true)).toBe(1110)
  })

  it('leaves a list within the cap whole and complete', () => {
    const items = fields
      .slice(0, 10)
      .map((f) => ({ label: f.systemName, kind: 'field' as const, insertText: f.systemName }))
    expect(pickCompletions(items, 'zzz')).toEqual({ items, incomplete: false })
  })

  it('matches the typed characters literally (a word may hold regex characters)', () => {
    const items = ['A.B', 'AXB', 'A(B', ...Array.from({ length: 5 }, (_, i) => `Q${i}`)].map((label) => ({
      label,
      kind: 'field' as const,
      insertText: label
    }))
    expect(pickCompletions(items, 'a.', 3).items.map((i) => i.label)).toEqual(['A.B'])
    expect(pickCompletions(items, '(b', 3).items.map((i) => i.label)).toEqual(['A(B'])
  })

  it('keeps sort order with more than 99,999 items', () => {
    const key = sortTexts(150_000)
    expect(key(99_999) < key(100_000)).toBe(true)
    expect(key(9) < key(10)).toBe(true)
    expect(sortTexts(10)(3)).toBe('00003')
  })
})
