// RFC 7636 PKCE (S256) and the OAuth `state` value: both random, base64url, no padding.
import { createHash, randomBytes } from 'node:crypto'

export interface PkcePair {
  verifier: string
  challenge: string
  method: 'S256'
}

export function base64Url(buf: Buffer): string {
  return buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function pkceChallenge(verifier: string): string {
  return base64Url(createHash('sha256').update(verifier, 'ascii').digest())
}

export function createPkcePair(): PkcePair {
  // 32 random bytes → 43 characters, the RFC's minimum verifier length
  const verifier = base64Url(randomBytes(32))
  return { verifier, challenge: pkceChallenge(verifier), method: 'S256' }
}

export function randomState(): string {
  return base64Url(randomBytes(16))
}
