/**
 * Wires the authorizer's parts from its configuration. I/O (Parameter Store, the JWKS
 * fetcher, the clock, the revocation check) is passed in, so tests build the real graph
 * with fakes or local servers, and handler.ts passes the real clients.
 */
import { TokenBucket } from '@cognito-tenancy/registry/token-bucket';
import type { AuthorizerConfig } from './config';
import { IssuerJwksCache, type KeySetFetcher } from './jwks-cache';
import { type ParameterStore, RegistryReader } from './registry-reader';
import type { RevocationCheck } from './revocation';
import { SignatureVerifier } from './signature-verifier';
import { RequestVerifier } from './verify-request';
import { TokenVerifier } from './verify-token';

export interface AuthorizerIo {
  readonly store: ParameterStore;
  readonly fetcher: KeySetFetcher;
  /** Milliseconds since the epoch; `Date.now` by default. */
  readonly now?: () => number;
  readonly revocation?: RevocationCheck;
}

/** The wired parts (the handler needs `requests`; hydration needs the caches). */
export interface AuthorizerParts {
  readonly registry: RegistryReader;
  readonly keys: IssuerJwksCache;
  readonly tokens: TokenVerifier;
  readonly requests: RequestVerifier;
}

/** Builds the authorizer from `config` and `io`. */
export function createAuthorizer(config: AuthorizerConfig, io: AuthorizerIo): AuthorizerParts {
  const now = io.now ?? Date.now;
  const registry = new RegistryReader(io.store, {
    prefix: config.registryPrefix,
    ttlMs: config.registryTtlSeconds * 1000,
    negativeTtlMs: config.registryNegativeTtlSeconds * 1000,
    staleIfErrorMs: config.registryStaleIfErrorSeconds * 1000,
    // Two bounded SDK attempts plus slack: the hard ceiling on one registry read.
    loadTimeoutMs: config.ssmTimeoutMs * 2 + 250,
    issuerBudget: new TokenBucket(config.issuerLookupsPerSecond, now, config.issuerLookupsPerSecond * 2),
    now,
  });
  const keys = new IssuerJwksCache({
    fetcher: io.fetcher,
    cooldownMs: config.jwksCooldownSeconds * 1000,
    maxAgeMs: config.jwksMaxAgeSeconds * 1000,
    now,
  });
  const tokens = new TokenVerifier({
    registry,
    signatures: new SignatureVerifier(keys, config.clockSkewSeconds),
    acceptedTokenUse: config.acceptedTokenUse,
    trustedUserPoolIds: config.trustedUserPoolIds ? new Set(config.trustedUserPoolIds) : undefined,
    localIssuerOrigin: config.localIssuerOrigin,
    clockSkewSeconds: config.clockSkewSeconds,
    now,
  });
  const requests = new RequestVerifier({
    tokens,
    registry,
    allowUnregisteredHosts: config.allowUnregisteredHosts,
    allowedUnregisteredHosts: config.allowedUnregisteredHosts,
    verifiedTokenTtlMs: config.verifiedTokenTtlSeconds * 1000,
    verifiedTokenCacheSize: config.verifiedTokenCacheSize,
    revocation: io.revocation,
    now,
  });
  return { registry, keys, tokens, requests };
}
