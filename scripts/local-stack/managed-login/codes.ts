/**
 * One-time authorization codes, as Cognito's token endpoint treats them: bound to the
 * client, the redirect URI and the PKCE challenge of the authorize request, valid for five
 * minutes, and gone after the first exchange attempt, whether it succeeds or not.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface CodeGrant<T> {
  readonly clientId: string;
  readonly redirectUri: string;
  /** The S256 `code_challenge` of the authorize request. */
  readonly codeChallenge: string;
  readonly tokens: T;
}

export type ExchangeFailure = 'invalid_grant' | 'invalid_client' | 'invalid_request';

/** Cognito's authorization codes live five minutes. */
export const CODE_TTL_MS = 5 * 60_000;
/** Bounds memory when codes are minted and never exchanged. */
export const MAX_PENDING_CODES = 1000;

/** `BASE64URL(SHA256(verifier))` equals the challenge, compared in constant time. */
export function verifiesS256(verifier: string, challenge: string): boolean {
  // RFC 7636: 43-128 characters of [A-Z a-z 0-9 - . _ ~].
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
  const computed = Buffer.from(createHash('sha256').update(verifier).digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

/** A valid S256 challenge: 43 base64url characters (a SHA-256 digest). */
export function isS256Challenge(value: string | undefined): value is string {
  return value !== undefined && /^[A-Za-z0-9_-]{43}$/.test(value);
}

export interface CodeStore<T> {
  issue(grant: CodeGrant<T>): string;
  exchange(
    code: string,
    request: { clientId: string; redirectUri: string; codeVerifier: string },
  ): { ok: true; tokens: T } | { ok: false; error: ExchangeFailure };
}

export function createCodeStore<T>(now: () => number = Date.now): CodeStore<T> {
  const codes = new Map<string, CodeGrant<T> & { expires: number }>();
  const prune = () => {
    const time = now();
    for (const [code, grant] of codes) if (grant.expires <= time) codes.delete(code);
    // Oldest first (insertion order) when still over the bound.
    for (const code of codes.keys()) {
      if (codes.size < MAX_PENDING_CODES) break;
      codes.delete(code);
    }
  };
  return {
    issue(grant) {
      prune();
      const code = randomBytes(24).toString('base64url');
      codes.set(code, { ...grant, expires: now() + CODE_TTL_MS });
      return code;
    },
    exchange(code, request) {
      const grant = codes.get(code);
      // One attempt per code: a failed exchange burns it too.
      codes.delete(code);
      if (grant === undefined || grant.expires <= now()) return { ok: false, error: 'invalid_grant' };
      if (grant.clientId !== request.clientId) return { ok: false, error: 'invalid_client' };
      if (grant.redirectUri !== request.redirectUri) return { ok: false, error: 'invalid_grant' };
      if (!verifiesS256(request.codeVerifier, grant.codeChallenge))
        return { ok: false, error: 'invalid_grant' };
      return { ok: true, tokens: grant.tokens };
    },
  };
}
