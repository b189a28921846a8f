/**
 * Claim checks with an injected clock. Time checks run before any key is fetched (an
 * expired token costs nothing); the Cognito checks run on the verified payload and pin
 * `token_use` and the app client to configuration and the registry, never to the token.
 */
import { CLIENT_ID } from '@cognito-tenancy/registry/identifiers';
import type { IssuerRecord } from '@cognito-tenancy/registry/records';
import type { TokenUse } from './config';
import type { UnverifiedToken } from './decode-token';
import { ExpiredTokenError, InvalidClaimError, TokenUseError, UnknownClientError } from './errors';

/** The claims the authorizer uses, from a verified token. */
export interface CognitoClaims {
  readonly sub: string;
  readonly username: string;
  readonly tokenUse: TokenUse;
  readonly clientId: string;
  /**
   * Whether the issuer record lists the client (a pool's common client). False only in a
   * shared pool, for a tenant's own client: resolveTenant then requires a client record
   * binding it to the token's tenant and IdP.
   */
  readonly commonClient: boolean;
  readonly groups: readonly string[];
  readonly exp: number;
  readonly iat: number;
  /** From pre-token-gen, when present: only ever compared, never trusted on its own. */
  readonly tenantName: string | undefined;
  /** `identities[].providerName` of an ID token (set by Cognito, not writable by triggers). */
  readonly identityProviders: readonly string[] | undefined;
}

type Payload = UnverifiedToken['payload'];

/** Rejects a token that has expired, is not yet valid, or claims to be issued in the future. */
export function checkTimes(payload: Payload, nowMs: number, skewSeconds: number): void {
  // exp is strict (no skew): a token is never accepted at or after its expiry.
  if (nowMs >= payload.exp * 1000) throw new ExpiredTokenError('expired');
  const latest = nowMs + skewSeconds * 1000;
  if (payload.nbf !== undefined && payload.nbf * 1000 > latest) throw new InvalidClaimError('nbf');
  if (payload.iat * 1000 > latest) throw new InvalidClaimError('iat');
}

const MAX_TEXT = 2048;
const MAX_GROUPS = 1000;

function text(payload: Payload, name: string): string {
  const value = Object.hasOwn(payload, name) ? payload[name] : undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TEXT) {
    throw new InvalidClaimError(name);
  }
  return value;
}

function optionalText(payload: Payload, name: string): string | undefined {
  return Object.hasOwn(payload, name) ? text(payload, name) : undefined;
}

function groups(payload: Payload): string[] {
  if (!Object.hasOwn(payload, 'cognito:groups')) return [];
  const value = payload['cognito:groups'];
  if (!Array.isArray(value) || value.length > MAX_GROUPS) throw new InvalidClaimError('cognito:groups');
  for (const group of value) {
    if (typeof group !== 'string' || group.length === 0 || group.length > MAX_TEXT) {
      throw new InvalidClaimError('cognito:groups');
    }
  }
  return value as string[];
}

function identityProviders(payload: Payload): string[] | undefined {
  if (!Object.hasOwn(payload, 'identities')) return undefined;
  const value = payload.identities;
  if (!Array.isArray(value) || value.length === 0 || value.length > 10)
    throw new InvalidClaimError('identities');
  return value.map((identity: unknown) => {
    const name =
      typeof identity === 'object' && identity !== null && Object.hasOwn(identity, 'providerName')
        ? (identity as { providerName: unknown }).providerName
        : undefined;
    if (typeof name !== 'string') throw new InvalidClaimError('identities');
    return name;
  });
}

/** Checks the Cognito claims of a verified payload against configuration and the issuer record. */
export function checkCognitoClaims(
  payload: Payload,
  issuer: IssuerRecord,
  accepted: readonly TokenUse[],
): CognitoClaims {
  const tokenUse = payload.token_use;
  if ((tokenUse !== 'access' && tokenUse !== 'id') || !accepted.includes(tokenUse)) {
    throw new TokenUseError('token use');
  }
  // Access tokens name their app client in client_id; ID tokens in a single-valued aud.
  const clientId = tokenUse === 'access' ? text(payload, 'client_id') : text(payload, 'aud');
  const commonClient = issuer.clientIds.includes(clientId);
  // A client a shared pool does not list may be a tenant's own: resolveTenant checks its
  // client record. It must fit a parameter name; a dedicated pool admits its list only.
  if (!commonClient && (issuer.pattern !== 'shared' || !CLIENT_ID.test(clientId))) {
    throw new UnknownClientError('app client');
  }
  return {
    sub: text(payload, 'sub'),
    username: text(payload, tokenUse === 'access' ? 'username' : 'cognito:username'),
    tokenUse,
    clientId,
    commonClient,
    groups: groups(payload),
    exp: payload.exp,
    iat: payload.iat,
    tenantName: optionalText(payload, 'custom:tenantName'),
    identityProviders: tokenUse === 'id' ? identityProviders(payload) : undefined,
  };
}
