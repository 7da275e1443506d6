// A Demo MLS access token the way any OAuth client gets one: client credentials at /oauth/token over real HTTP.
export async function demoAccessToken(baseUrl: string, scope?: string): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: 'workbench',
    client_secret: 'workbench-secret',
    ...(scope ? { scope } : {})
  })
  const reply = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form
  })
  if (reply.status !== 200) throw new Error(`token request: HTTP ${reply.status}`)
  return String(((await reply.json()) as { access_token: string }).access_token)
}
