// Spark's OAuth2 flavour (step 1 of the RESO Web API documentation): POST JSON {client_id, client_secret, grant_type,
// code|refresh_token, redirect_uri} to https://sparkapi.com/v1/oauth2/grant — JSON, not a form, and credentials always
// in the body.
import { redactor } from '../../platform/redaction/redactor'
import { SMALL_BODY_LIMIT, type ApiTransport } from '../json-api/api-transport'
import { grantParams, grantSecrets, type OAuthGrant } from './grants'
import { tokenFromReply } from './token-endpoint'
import type { TokenSet } from './token-response'

export interface SparkGrantRequest {
  clientId: string
  clientSecret: string
  grant: OAuthGrant
}

export function sparkGrantBody(req: SparkGrantRequest): Record<string, string> {
  return { client_id: req.clientId, client_secret: req.clientSecret, ...grantParams(req.grant) }
}

export async function requestSparkGrant(
  transport: ApiTransport,
  grantUrl: string,
  req: SparkGrantRequest,
  extraHeaders: Record<string, string> = {}
): Promise<TokenSet> {
  for (const s of [req.clientSecret, ...grantSecrets(req.grant)]) redactor.addSecret(s)
  const res = await transport.request({
    method: 'POST',
    url: grantUrl,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...extraHeaders },
    body: JSON.stringify(sparkGrantBody(req)),
    maxBodyBytes: SMALL_BODY_LIMIT
  })
  return tokenFromReply(res.status, res.body.toString('utf8'), grantUrl)
}
