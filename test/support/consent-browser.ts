// Plays the user's browser in the authorization code flow against the Demo MLS: opens the consent page, posts the
// form with the demo credentials, and follows the 302 to the app's 127.0.0.1 redirect listener.
export function consentBrowser(
  credentials: { username: string; password: string; decision?: 'allow' | 'deny' },
  visited: string[] = []
) {
  return async (authorizeUrl: string): Promise<void> => {
    visited.push(authorizeUrl)
    const page = await fetch(authorizeUrl)
    if (page.status !== 200) throw new Error(`consent page: HTTP ${page.status} ${await page.text()}`)
    const html = await page.text()
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]
    if (!action) throw new Error('no form on the consent page')
    const form = new URLSearchParams()
    for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      form.set(
        m[1]!,
        m[2]!.replace(/&#(\d+);/g, (_x, n: string) => String.fromCharCode(Number(n)))
      )
    }
    form.set('username', credentials.username)
    form.set('password', credentials.password)
    form.set('decision', credentials.decision ?? 'allow')
    const post = await fetch(new URL(action, authorizeUrl), { method: 'POST', body: form, redirect: 'manual' })
    const location = post.headers.get('location')
    if (post.status !== 302 || !location) throw new Error(`consent post: HTTP ${post.status}`)
    visited.push(location)
    await (await fetch(location)).text()
  }
}
