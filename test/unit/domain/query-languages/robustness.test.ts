import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { QuerySyntaxError } from '../../../../domain/query-languages'
import { parseDmql, dmqlLanguage } from '../../../../domain/query-languages/dmql'
import { parseODataFilter, odataLanguage } from '../../../../domain/query-languages/odata'
import { parseSparkQL, sparkqlLanguage } from '../../../../domain/query-languages/sparkql'
import { ctx } from './field-fixtures'

// The Demo MLS server parses whatever a client sends and the editor runs on every keystroke: any input must give
// either a tree or a QuerySyntaxError (never a TypeError / RangeError), and the editor services must not throw.

const alphabets = {
  dmql: '()=,|~+-"*?.AZaz09 T:',
  odata: "()',/: eqandornotgtlhsiANY0129-.TZ",
  sparkql: '()\'," EqNeGtBtAndOrNotnull0129-.TZ'
}

const cases = [
  ['dmql', parseDmql, dmqlLanguage],
  ['odata', parseODataFilter, odataLanguage],
  ['sparkql', parseSparkQL, sparkqlLanguage]
] as const

for (const [name, parse, services] of cases) {
  describe(`${name} robustness`, () => {
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: fc.constantFrom(...alphabets[name].split('')), maxLength: 40 })
    )
    it('parse returns a tree or throws QuerySyntaxError with an offset inside the text', () => {
      fc.assert(
        fc.property(text, (s) => {
          try {
            parse(s)
          } catch (e) {
            expect(e).toBeInstanceOf(QuerySyntaxError)
            const err = e as QuerySyntaxError
            expect(err.offset).toBeGreaterThanOrEqual(0)
            expect(err.offset).toBeLessThanOrEqual(s.length)
            expect(err.end).toBeGreaterThanOrEqual(err.offset)
          }
        }),
        { numRuns: 1500 }
      )
    })
    it('editor services never throw, at any offset', () => {
      fc.assert(
        fc.property(text, fc.nat(), (s, n) => {
          const offset = n % (s.length + 1)
          services.tokens(s, ctx)
          const c = services.complete(s, offset, ctx)
          expect(c.from).toBeLessThanOrEqual(c.to)
          expect(c.to).toBe(offset)
          for (const d of services.diagnose(s, ctx)) expect(d.from).toBeLessThanOrEqual(d.to)
          services.hover(s, offset, ctx)
        }),
        { numRuns: 800 }
      )
    })
  })
}
