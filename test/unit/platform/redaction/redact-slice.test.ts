// A body paged in slices must show exactly what the whole body shows once redacted: no secret may survive by being
// cut in two by a slice edge, and nothing else may change.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Redactor, REDACTED } from '../../../../src-main/platform/redaction/redactor'
import { redactSlice, sliceWindow } from '../../../../src-main/platform/redaction/redact-slice'

const SECRET = 'Sup3r-Secret-Refresh-Token-9f8e7d'

function pagedView(body: Buffer, r: Redactor, page: number): string {
  let out = ''
  for (let offset = 0; offset < body.length; offset += page) {
    const length = Math.min(page, body.length - offset)
    const w = sliceWindow(offset, length, body.length)
    const bytes = body.subarray(w.start, w.start + w.length)
    out += redactSlice({ bytes, sliceStart: offset - w.start, sliceEnd: offset - w.start + length }, r)
  }
  return out
}

describe('redacting a body slice by slice', () => {
  const r = new Redactor()
  r.addSecret(SECRET)

  it('hides registered secrets and token pairs exactly as the whole-body redaction does, for any slice size', () => {
    const body = Buffer.from(
      `{"token_type":"Bearer","access_token":"eyJhbGciOi.unregistered.sig","refresh_token":"${SECRET}",` +
        `"note":"a=1&password=hunter22&b=2","echo":"${Buffer.from(SECRET).toString('base64')}"}\n`.repeat(3)
    )
    const whole = r.text(body.toString('utf8'))
    expect(whole).not.toContain(SECRET)
    expect(whole).not.toContain('eyJhbGciOi')
    expect(whole).not.toContain('hunter22')
    fc.assert(
      fc.property(fc.integer({ min: 1, max: body.length }), (page) => {
        expect(pagedView(body, r, page)).toBe(whole)
      })
    )
  })

  it('a secret cut by the slice edge is hidden in the slice where it starts and skipped in the next', () => {
    const body = Buffer.from(`xxxx${SECRET}yyyy`)
    const cut = 4 + 10 // inside the secret
    const first = redactSlice({ bytes: body, sliceStart: 0, sliceEnd: cut }, r)
    const second = redactSlice({ bytes: body, sliceStart: cut, sliceEnd: body.length }, r)
    expect(first).toBe(`xxxx${REDACTED}`)
    expect(second).toBe('yyyy')
  })

  it('leaves text without secrets untouched, multibyte characters included', () => {
    const body = Buffer.from('Prix: 450 000 € · Straße · 東京\n'.repeat(50))
    expect(pagedView(body, r, 1000)).toBe(body.toString('utf8'))
  })
})
