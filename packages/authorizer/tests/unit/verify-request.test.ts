import { describe, expect, it } from '@jest/globals';
import {
  ExpiredTokenError,
  HostTenantMismatchError,
  OversizedTokenError,
  RegistryUnavailableError,
  RevocationUnavailableError,
  RevokedTokenError,
  UnregisteredHostError,
} from '../../src/errors';
import type { RevocationQuery } from '../../src/revocation';
import { nowSeconds } from '../support/tokens';
import { ACME_POOL, accessClaims, bearer, METHOD_ARN, tokenOf, world } from '../support/world';

const request = (token: string, host: string | undefined = 'acme.app.example.com') => ({
  authorization: bearer(token),
  host,
  methodArn: METHOD_ARN,
});

describe('RequestVerifier', () => {
  it('serves a repeated token from the verified-token cache without registry or key work', async () => {
    const w = world();
    const token = tokenOf(ACME_POOL);

    expect((await w.parts.requests.authorize(request(token))).cache).toBe('miss');
    const calls = w.store.calls.length;
    expect((await w.parts.requests.authorize(request(token))).cache).toBe('hit');

    expect(w.store.calls.length).toBe(calls);
    expect(w.fetcher.requests).toHaveLength(1);
  });

  it('refuses an oversized Authorization value before using it as a cache key', async () => {
    const w = world();
    const huge = {
      authorization: `Bearer ${'a'.repeat(1_000_000)}`,
      host: 'acme.app.example.com',
      methodArn: METHOD_ARN,
    };

    expect(() => w.parts.requests.authorize(huge)).toThrow(OversizedTokenError);
  });

  it('shares one verification between concurrent identical requests', async () => {
    const w = world();
    const token = tokenOf(ACME_POOL);

    const decisions = await Promise.all(
      Array.from({ length: 20 }, () => w.parts.requests.authorize(request(token))),
    );

    expect(decisions.every((d) => d.identity.tenantId === 'acme')).toBe(true);
    expect(w.fetcher.requests).toHaveLength(1);
    expect(w.store.calls.filter((c) => c.includes('/issuers/'))).toHaveLength(1);
  });

  it('answers synchronously when everything is cached', async () => {
    const w = world({ env: { VERIFIED_TOKEN_TTL_SECONDS: '0' } });
    const token = tokenOf(ACME_POOL);
    await w.parts.requests.authorize(request(token));

    const decided = w.parts.requests.authorize(request(token));

    expect(decided).not.toBeInstanceOf(Promise);
  });

  it('caches per domain: the same token on another host is decided afresh', async () => {
    const w = world({ env: { ALLOW_UNREGISTERED_HOSTS: 'true' } });
    const token = tokenOf(ACME_POOL);
    await w.parts.requests.authorize(request(token));

    expect((await w.parts.requests.authorize(request(token, 'api.example.com'))).cache).toBe('miss');
    expect((await w.parts.requests.authorize(request(token, 'api.example.com'))).cache).toBe('hit');
  });

  it('still enforces exp on a cache hit', async () => {
    const clock = { now: Date.now() };
    const w = world({ now: () => clock.now });
    const exp = nowSeconds() + 30;
    const token = tokenOf(ACME_POOL, accessClaims(ACME_POOL, { exp }));
    await w.parts.requests.authorize(request(token));

    clock.now = exp * 1000;

    await expect(async () => w.parts.requests.authorize(request(token))).rejects.toThrow(ExpiredTokenError);
    await expect(async () => w.parts.requests.authorize(request(token))).rejects.toThrow(ExpiredTokenError);
  });

  it('forgets cached identities after the verified-token TTL', async () => {
    const clock = { now: Date.now() };
    const w = world({ now: () => clock.now, env: { VERIFIED_TOKEN_TTL_SECONDS: '60' } });
    const token = tokenOf(ACME_POOL);
    await w.parts.requests.authorize(request(token));

    clock.now += 60_000;

    expect((await w.parts.requests.authorize(request(token))).cache).toBe('miss');
  });

  it('verifies every time when the cache is disabled', async () => {
    const w = world({ env: { VERIFIED_TOKEN_TTL_SECONDS: '0' } });
    const token = tokenOf(ACME_POOL);

    await w.parts.requests.authorize(request(token));
    expect((await w.parts.requests.authorize(request(token))).cache).toBe('miss');
  });

  it('checks the host binding on cache hits too', async () => {
    const w = world();
    const token = tokenOf(ACME_POOL);
    await w.parts.requests.authorize(request(token));

    await expect(async () =>
      w.parts.requests.authorize(request(token, 'umbrella.app.example.com')),
    ).rejects.toThrow(HostTenantMismatchError);
  });

  it('normalises the host before looking it up, and treats an invalid host as unregistered', async () => {
    const w = world();
    const token = tokenOf(ACME_POOL);

    expect(
      (await w.parts.requests.authorize(request(token, 'ACME.app.example.com.:443'))).identity.tenantId,
    ).toBe('acme');
    await expect(async () =>
      w.parts.requests.authorize(request(token, 'acme.app.example.com/../x')),
    ).rejects.toThrow(UnregisteredHostError);
    await expect(async () =>
      w.parts.requests.authorize({ ...request(token), host: undefined }),
    ).rejects.toThrow(UnregisteredHostError);
  });

  it('fails closed when the host lookup fails', async () => {
    const w = world();
    const token = tokenOf(ACME_POOL);
    await w.parts.requests.authorize(request(token));
    w.store.failWith = new Error('down');

    await expect(async () =>
      w.parts.requests.authorize(request(token, 'new.app.example.com')),
    ).rejects.toThrow(RegistryUnavailableError);
  });

  it('asks the revocation check with tenant, pool, sub and issue time, on hits too', async () => {
    const queries: RevocationQuery[] = [];
    const w = world({
      revocation: async (q) => {
        queries.push(q);
        return false;
      },
    });
    const iat = nowSeconds() - 10;
    const token = tokenOf(ACME_POOL, accessClaims(ACME_POOL, { iat }));

    await w.parts.requests.authorize(request(token));
    await w.parts.requests.authorize(request(token));

    expect(queries).toEqual([
      { tenantId: 'acme', userPoolId: ACME_POOL, sub: '6b1e1c2a-0d5f-4c1e-9b7a-1f2e3d4c5b6a', issuedAt: iat },
      { tenantId: 'acme', userPoolId: ACME_POOL, sub: '6b1e1c2a-0d5f-4c1e-9b7a-1f2e3d4c5b6a', issuedAt: iat },
    ]);
  });

  it('refuses a revoked token, even one already in the cache', async () => {
    let revoked = false;
    const w = world({ revocation: async () => revoked });
    const token = tokenOf(ACME_POOL);
    await w.parts.requests.authorize(request(token));

    revoked = true;

    await expect(async () => w.parts.requests.authorize(request(token))).rejects.toThrow(RevokedTokenError);
  });

  it('fails closed when the revocation check fails or answers something other than false', async () => {
    const failing = world({
      revocation: async () => {
        throw new Error('table down');
      },
    });
    const odd = world({ revocation: async () => undefined as unknown as boolean });

    await expect(async () => failing.parts.requests.authorize(request(tokenOf(ACME_POOL)))).rejects.toThrow(
      RevocationUnavailableError,
    );
    await expect(async () => odd.parts.requests.authorize(request(tokenOf(ACME_POOL)))).rejects.toThrow(
      RevokedTokenError,
    );
  });
});
