// The profile form asks for every network and RETS setting the client uses, and shows the exact redirect URI to
// register with an OAuth provider; extra headers are edited as `Name: value` lines.
import { describe, expect, it } from 'vitest'
import {
  FORMS,
  headersText,
  parseHeadersText,
  redirectUriFor
} from '../../../src-renderer/features/profiles/profile-form'

const paths = (kind: keyof typeof FORMS): string[] => FORMS[kind].flatMap((s) => s.fields.map((f) => f.path))

describe('profile form settings', () => {
  it('offers the timeouts, extra headers and RETS options for the kinds that use them', () => {
    for (const kind of ['rets', 'idx', 'reso', 'spark', 'activity'] as const) {
      expect(paths(kind)).toEqual(
        expect.arrayContaining([
          'network.connectTimeoutMs',
          'network.requestTimeoutMs',
          'network.totalTimeoutMs',
          'extraHeaders'
        ])
      )
    }
    expect(paths('rets')).toEqual(
      expect.arrayContaining([
        'uaProductName',
        'requestId',
        'queryType',
        'restrictedIndicator',
        'metadataFormat',
        'objectAccept'
      ])
    )
    expect(paths('reso')).toContain('oauth.redirectPort')
  })

  it('shows the redirect URI for a fixed port, and says when any port is used', () => {
    expect(redirectUriFor({ oauth: { redirectPort: 8765 } })).toBe(
      'Redirect URI to register: http://127.0.0.1:8765/callback'
    )
    expect(redirectUriFor({ oauth: {} })).toMatch(/any free port/)
  })

  it('edits extra headers as Name: value lines', () => {
    expect(parseHeadersText('X-One: a\n\nX-Two:b: c\n')).toEqual({ 'X-One': 'a', 'X-Two': 'b: c' })
    expect(parseHeadersText('  ')).toBe('')
    expect(headersText({ 'X-One': 'a', 'X-Two': 'b' })).toBe('X-One: a\nX-Two: b')
  })
})
