// Seed 001: the Listing Activity API key is shown on the page a RETS login advertises as X-ApiAccessSettings
// (http://retsgw.flexmls.com/rets2_3/API), behind the same RETS credentials; a user without a key is prompted
// to generate one there. We open that page on the RETS session, read the key, and — when the caller allows it —
// submit the page's own POST form, as the user would by clicking "generate".
import { AppError } from '../../../contract/app-error'
import { redactor } from '../../platform/redaction/redactor'
import { ERROR_BODY_LIMIT } from '../../protocols/json-api/api-transport'
import { readCapped } from '../../platform/http/read-capped'
import { resolveCapabilityUrl } from '../../protocols/rets/login-body'
import type { RetsSession } from '../../protocols/rets/rets-session'
import type { HttpResponse } from '../../platform/http/http-client'

export const API_ACCESS_CAPABILITY = 'X-ApiAccessSettings'
/** The page is a small form; a server sending more is refused, not read on (the key regexes would scan it all). */
export const API_KEY_PAGE_LIMIT = 4 * 1024 * 1024

export interface ApiKeyFromPage {
  apiKey: string
  /** the page URL (redacted) */
  pageUrl: string
  /** true when we submitted the generate form */
  generated: boolean
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
}

/** The key on the page: an element with id="api-key" (or class), else the token after an "API key" label. */
export function readApiKey(html: string): string | undefined {
  const byId = /<([a-z][\w-]*)[^>]*\b(?:id|class)\s*=\s*["']?api[-_]?key["']?[^>]*>([^<]*)<\/\1\s*>/i.exec(html)
  const fromId = byId?.[2] ? decodeEntities(byId[2]).trim() : ''
  if (/^[A-Za-z0-9_-]{8,}$/.test(fromId)) return fromId
  const labelled = /API\s*key\s*(?:is)?\s*[:=]?\s*(?:<[^>]+>\s*)*([A-Za-z0-9_-]{16,})/i.exec(html)
  return labelled?.[1]
}

export interface PageForm {
  url: string
  fields: Record<string, string>
}

/** The first POST form on the page with its hidden fields (the "generate your API key" prompt). */
export function readPostForm(html: string, pageUrl: string): PageForm | undefined {
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form\s*>/gi)) {
    const attrs = match[1] ?? ''
    if (!/\bmethod\s*=\s*["']?post\b/i.test(attrs)) continue
    const action = /\baction\s*=\s*["']([^"']*)["']/i.exec(attrs)?.[1] ?? ''
    const fields: Record<string, string> = {}
    for (const input of (match[2] ?? '').matchAll(/<input\b[^>]*>/gi)) {
      const tag = input[0]
      const name = /\bname\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1]
      if (!name || /\btype\s*=\s*["']?(?:submit|button|image|reset)\b/i.test(tag)) continue
      fields[decodeEntities(name)] = decodeEntities(/\bvalue\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1] ?? '')
    }
    return { url: new URL(decodeEntities(action) || pageUrl, pageUrl).href, fields }
  }
  return undefined
}

async function pageText(res: HttpResponse, pageUrl: string, method: 'GET' | 'POST'): Promise<string> {
  // an error page is shown by its start only; a page to read the key from is read whole, up to the limit
  const failed = res.status >= 400
  const body = await readCapped(
    res.body,
    failed ? ERROR_BODY_LIMIT : API_KEY_PAGE_LIMIT,
    failed ? 'truncate' : 'refuse',
    {
      method,
      url: pageUrl,
      what: 'The API access page',
      hint: 'The page is a small form; open it in a browser with the RETS credentials, or enter the API key in the activity profile.'
    }
  )
  const text = body.toString('utf8')
  if (failed) {
    throw new AppError({
      code: 'ACTIVITY_KEY_PAGE',
      message: `The API access page answered HTTP ${res.status} (${redactor.url(pageUrl)}).`,
      detail: redactor.text(text.slice(0, 2000)),
      hint: 'Log in to the RETS profile once to check the credentials; the account may not have API access.'
    })
  }
  return text
}

export async function apiKeyFromRets(
  rets: RetsSession,
  options: { generate: boolean; signal?: AbortSignal }
): Promise<ApiKeyFromPage> {
  const login = rets.loginResult ?? (await rets.login(options.signal))
  const advertised = Object.entries(login.body.extensions).find(
    ([name]) => name.toLowerCase() === API_ACCESS_CAPABILITY.toLowerCase()
  )?.[1]
  if (!advertised) {
    throw new AppError({
      code: 'ACTIVITY_NO_API_ACCESS',
      message: `The RETS login does not advertise ${API_ACCESS_CAPABILITY}, so the API key cannot be looked up.`,
      hint: 'Enter the Listing Activity API key in the activity profile instead.'
    })
  }
  const pageUrl = resolveCapabilityUrl(advertised, rets.profile.loginUrl)
  const signal = options.signal ? { signal: options.signal } : {}
  let html = await pageText(await rets.extensionRequest(pageUrl, signal), pageUrl, 'GET')
  let apiKey = readApiKey(html)
  let generated = false
  if (!apiKey && options.generate) {
    const form = readPostForm(html, pageUrl)
    if (form) {
      html = await pageText(
        await rets.extensionRequest(form.url, { method: 'POST', form: form.fields, ...signal }),
        form.url,
        'POST'
      )
      apiKey = readApiKey(html)
      generated = apiKey !== undefined
    }
  }
  if (!apiKey) {
    throw new AppError({
      code: 'ACTIVITY_NO_API_KEY',
      message: `No API key was found on the ${API_ACCESS_CAPABILITY} page (${redactor.url(pageUrl)}).`,
      hint: 'Open that page in a browser with your RETS credentials, generate the key, and enter it in the activity profile.'
    })
  }
  redactor.addSecret(apiKey)
  return { apiKey, pageUrl: redactor.url(pageUrl), generated }
}
