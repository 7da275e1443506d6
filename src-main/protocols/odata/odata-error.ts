// OData error bodies (OData JSON Format §21: {"error": {"code", "message", "target"?, "details"?: [...]}}) → AppError
// with the server's words. Servers and gateways also answer text/plain or an HTML page: then the message is the
// status, the request and the page's readable text (bounded); the start of the raw body goes to the detail.
import { AppError } from '../../../contract/app-error'
import { redactor } from '../../platform/redaction/redactor'
import { errorBodyText } from '../json-api/error-body-text'

const STATUS_HINTS: Record<number, string> = {
  400: 'Check the $filter, $select and $orderby against the metadata (field names are case-sensitive).',
  401: 'The access token was refused: sign in again or check the client credentials.',
  403: 'The credentials have no access to this resource.',
  404: 'Check the service root URL and the resource name.',
  414: 'The request URL is too long for this server: ask for fewer keys or values per request, or select fewer fields.',
  429: 'The server is throttling requests: wait and retry, or lower the page rate.',
  431: 'The request URL or headers are too large for this server: ask for fewer keys or values per request.',
  503: 'The server is busy or throttling: retry later.'
}

export function odataError(status: number, body: Buffer | string | undefined, url: string): AppError {
  const text = body === undefined ? '' : typeof body === 'string' ? body : body.toString('utf8')
  let message = `HTTP ${status} from ${redactor.messageUrl(url)}`
  let code = `ODATA_HTTP_${status}`
  const detail: string[] = []
  try {
    const parsed = JSON.parse(text) as {
      error?: { code?: unknown; message?: unknown; target?: unknown; details?: unknown }
    }
    const err = parsed.error
    if (err && typeof err === 'object') {
      if (typeof err.message === 'string') message = err.message
      else if (
        err.message &&
        typeof err.message === 'object' &&
        typeof (err.message as { value?: unknown }).value === 'string'
      ) {
        // OData v3 verbose JSON: "message": {"lang": "en-US", "value": "…"}
        message = (err.message as { value: string }).value
      }
      if (typeof err.code === 'string' && err.code) detail.push(`code: ${err.code}`)
      if (typeof err.target === 'string') detail.push(`target: ${err.target}`)
      if (Array.isArray(err.details)) detail.push(JSON.stringify(err.details))
      code = `ODATA_${status}`
    }
  } catch {
    const said = errorBodyText(text)
    if (said) message = `HTTP ${status} from ${redactor.messageUrl(url)}: ${said}`
    if (text) detail.push(text.slice(0, 500))
  }
  detail.push(`HTTP ${status}`, `Request: ${redactor.url(url)}`)
  const hint = STATUS_HINTS[status]
  const shape = { code, message: redactor.text(message), detail: redactor.text(detail.join('\n')) }
  return new AppError(hint ? { ...shape, hint } : shape)
}
