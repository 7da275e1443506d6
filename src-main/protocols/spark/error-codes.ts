// Spark API error codes (sparkplatform.com "Supporting Documentation → Error Codes"): what each means and what the user
// should try. D.Code travels in the body; the HTTP status alone is not enough (1550 comes with 503, 1020 with 401).

export interface SparkCodeInfo {
  httpStatus: number
  meaning: string
  hint: string
}

export const SPARK_ERROR_CODES: Readonly<Record<number, SparkCodeInfo>> = {
  1000: {
    httpStatus: 401,
    meaning: 'Invalid API key and/or request signed improperly',
    hint: 'Check the API key / client id and secret in the profile, or get a new access token.'
  },
  1005: {
    httpStatus: 500,
    meaning: 'The API key has not been properly set up',
    hint: "Contact the API provider's support about the key."
  },
  1010: { httpStatus: 401, meaning: 'API key is disabled', hint: 'Ask the MLS / API provider to re-enable the key.' },
  1013: {
    httpStatus: 403,
    meaning: 'The auth mechanism used is not permitted for this key',
    hint: 'Switch the profile to the auth flow the key was issued for (OAuth2 vs. bearer token).'
  },
  1015: {
    httpStatus: 403,
    meaning: 'ApiUser must be supplied, or the key has no access to that user',
    hint: 'Check the user the key acts for.'
  },
  1016: {
    httpStatus: 400,
    meaning: 'The X-SparkApi-User-Agent request header is required',
    hint: 'Set a user agent in the profile; every Spark request must send X-SparkApi-User-Agent.'
  },
  1017: {
    httpStatus: 405,
    meaning: 'Read-only access: POST, PUT and DELETE are forbidden',
    hint: 'This key can only read.'
  },
  1018: { httpStatus: 405, meaning: 'This method is forbidden on this resource', hint: 'Use GET for searches.' },
  1019: {
    httpStatus: 403,
    meaning: 'Key restricted to specific IP addresses and/or User-Agent values',
    hint: 'Use the IP address / user agent registered for the key.'
  },
  1020: {
    httpStatus: 401,
    meaning: 'Session token has expired',
    hint: 'Re-authenticate (the workbench does this once automatically).'
  },
  1021: {
    httpStatus: 403,
    meaning: 'Key restricted from this endpoint',
    hint: 'Use the replication endpoint (replication.sparkapi.com).'
  },
  1030: { httpStatus: 403, meaning: 'SSL required for this type of request', hint: 'Use an https:// URL.' },
  1035: {
    httpStatus: 400,
    meaning: 'POST data not supplied as valid JSON',
    hint: 'Send Content-Type: application/json with a valid JSON body.'
  },
  1040: {
    httpStatus: 400,
    meaning: 'The _filter syntax was invalid or a field does not exist',
    hint: 'Check the SparkQL expression and field names against /v1/standardfields.'
  },
  1041: {
    httpStatus: 400,
    meaning: 'The _filter exceeds restrictions on filter or argument length',
    hint: 'Shorten the filter or split the query.'
  },
  1050: { httpStatus: 400, meaning: 'A required parameter was not provided', hint: 'Check the request parameters.' },
  1053: {
    httpStatus: 400,
    meaning: 'A parameter was provided but does not adhere to constraints',
    hint: 'See the Details for the field and rule that failed (e.g. _limit is at most 25).'
  },
  1055: { httpStatus: 409, meaning: 'The write conflicts with existing data', hint: 'Change the conflicting value.' },
  1500: {
    httpStatus: 403,
    meaning: "The resource is not available at this key's service level",
    hint: "The key's role (IDX, VOW, Portal…) does not include this resource."
  },
  1550: {
    httpStatus: 503,
    meaning: 'Over rate limit',
    hint: 'Wait and retry (the workbench backs off automatically); lower the request rate.'
  }
}

export function describeSparkCode(code: number): SparkCodeInfo | undefined {
  return SPARK_ERROR_CODES[code]
}

/** Codes after which a fresh token is worth one retry (re-authenticate once on 1020). */
export function isSparkReauthCode(code: number | undefined): boolean {
  return code === 1020
}

export function isSparkRateLimitCode(code: number | undefined): boolean {
  return code === 1550
}
