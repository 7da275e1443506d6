// The Demo MLS sign-in + consent page of the authorization code flow. A plain HTML form (no script), so a test can
// read the hidden fields, post the credentials and follow the 302 to the app's 127.0.0.1 redirect URI.
function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

export const CONSENT_FIELDS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'code_challenge',
  'code_challenge_method',
  'scope'
] as const

export function consentPage(params: URLSearchParams, error?: string): string {
  const hidden = CONSENT_FIELDS.map(
    (name) => `<input type="hidden" name="${name}" value="${esc(params.get(name) ?? '')}">`
  ).join('\n')
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Demo MLS sign-in</title></head>
<body style="font-family:sans-serif;max-width:30em;margin:3em auto">
<h1>Demo MLS</h1>
<p><b>${esc(params.get('client_id') ?? '')}</b> asks to read listings for you.</p>
${error ? `<p style="color:#b00" id="error">${esc(error)}</p>` : ''}
<form method="post" action="/oauth/authorize">
${hidden}
<label>User <input name="username" value="demo" autocomplete="username"></label><br>
<label>Password <input name="password" type="password" autocomplete="current-password"></label><br>
<button name="decision" value="allow">Allow</button>
<button name="decision" value="deny">Deny</button>
</form>
<p>Demo users: demo / demo-pass, idx / idx-pass.</p>
</body></html>
`
}
