import { describe, expect, it } from 'vitest'
import { readApiKey, readPostForm } from '../../../../src-main/features/activity/api-key-page'

describe('the X-ApiAccessSettings page (Listing Activity API documentation)', () => {
  it('reads the key from an id="api-key" element or an "API key:" label', () => {
    expect(readApiKey('<p>Your API key:</p>\n<code id="api-key">0123456789abcdef0123456789abcdef</code>')).toBe(
      '0123456789abcdef0123456789abcdef'
    )
    expect(readApiKey('<td>API Key:</td><td><b>AbC_def-1234567890xyz</b></td>')).toBe('AbC_def-1234567890xyz')
    expect(readApiKey('<p>You have not generated an API key yet.</p>')).toBeUndefined()
  })

  it('finds the generate form with its hidden fields, resolved against the page URL', () => {
    const html =
      '<form method="GET" action="/search"><input name="q"></form>' +
      '<form method="POST" action="/rets2_3/API?x=1&amp;y=2"><input type="hidden" name="action" value="generate">' +
      '<input type="hidden" name="token" value="a&amp;b"><button type="submit">Generate</button><input type="submit" name="go" value="Go"></form>'
    expect(readPostForm(html, 'http://retsgw.flexmls.com/rets2_3/API')).toEqual({
      url: 'http://retsgw.flexmls.com/rets2_3/API?x=1&y=2',
      fields: { action: 'generate', token: 'a&b' }
    })
    expect(readPostForm('<form method="get"></form>', 'http://h/')).toBeUndefined()
  })
})
