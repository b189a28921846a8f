import { issuerParameterName } from '@cognito-tenancy/registry/keys';
import { describe, expect, it } from '@jest/globals';
import { UntrustedIssuerError } from '../../src/errors';
import {
  ACME_POOL,
  accessClaims,
  issuerOf,
  issuerRecord,
  PREFIX,
  ROGUE_POOL,
  SHARED_POOL,
  tokenOf,
  world,
} from '../support/world';

describe('TokenVerifier', () => {
  it('returns the verified identity bound to its tenant', async () => {
    const w = world();

    expect(await w.parts.tokens.verify(tokenOf(ACME_POOL))).toEqual({
      tenantId: 'acme',
      userPoolId: ACME_POOL,
      pattern: 'dedicated',
      sub: '6b1e1c2a-0d5f-4c1e-9b7a-1f2e3d4c5b6a',
      username: 'alice',
      groups: ['Admins', 'CN=Ops,OU=X'],
      tokenUse: 'access',
      clientId: 'acmeweb1',
      exp: expect.any(Number),
      iat: expect.any(Number),
    });
  });

  it('asks the registry, then fetches only the registered pool key set', async () => {
    const w = world();

    await w.parts.tokens.verify(tokenOf(SHARED_POOL));

    expect(w.fetcher.requests).toEqual([`${issuerOf(SHARED_POOL)}/.well-known/jwks.json`]);
    expect(w.store.recordCalls[0]).toBe(issuerParameterName(PREFIX, SHARED_POOL));
  });

  it('refuses an unregistered pool after one registry read and without fetching its keys', async () => {
    const w = world();

    await expect(async () => w.parts.tokens.verify(tokenOf(ROGUE_POOL))).rejects.toThrow(
      UntrustedIssuerError,
    );

    expect(w.store.recordCalls).toEqual([issuerParameterName(PREFIX, ROGUE_POOL)]);
    expect(w.fetcher.requests).toEqual([]);
  });

  it('refuses pools outside TRUSTED_USER_POOL_IDS without asking the registry', async () => {
    const w = world({ env: { TRUSTED_USER_POOL_IDS: SHARED_POOL } });

    await expect(async () => w.parts.tokens.verify(tokenOf(ACME_POOL))).rejects.toThrow(UntrustedIssuerError);

    expect(w.store.calls).toEqual([]);
    expect(w.fetcher.requests).toEqual([]);
  });

  it('refuses a registered pool whose record names a different issuer string', async () => {
    const w = world();
    w.store.putIssuer({ ...issuerRecord(ACME_POOL), issuer: `${issuerOf(ACME_POOL)}/` });

    await expect(async () => w.parts.tokens.verify(tokenOf(ACME_POOL))).rejects.toThrow(UntrustedIssuerError);
    expect(w.fetcher.requests).toEqual([]);
  });

  it('refuses an expired token before any I/O', async () => {
    const w = world();
    const token = tokenOf(ACME_POOL, accessClaims(ACME_POOL, { exp: Math.floor(Date.now() / 1000) - 1 }));

    await expect(async () => w.parts.tokens.verify(token)).rejects.toThrow('expired');
    expect(w.store.calls).toEqual([]);
  });
});
