import { describe, expect, it } from '@jest/globals';
import type { DecomposedJwt } from 'aws-jwt-verify/jwt';
import { KeysUnavailableError, UnknownKeyError } from '../../src/errors';
import { IssuerJwksCache } from '../../src/jwks-cache';
import { FakeFetcher } from '../support/fetcher';
import { key } from '../support/keys';

const URI = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool1/.well-known/jwks.json';
const current = key('cache-current');
const next = key('cache-next');
const jwt = (kid: unknown) => ({ header: { alg: 'RS256', kid } }) as unknown as DecomposedJwt;

function setup(options: { cooldownMs?: number; maxAgeMs?: number } = {}) {
  const clock = { now: 1_000_000 };
  const fetcher = new FakeFetcher().serveKeys(URI, [current.jwk]);
  const cache = new IssuerJwksCache({
    fetcher,
    cooldownMs: options.cooldownMs ?? 10_000,
    maxAgeMs: options.maxAgeMs ?? 3_600_000,
    now: () => clock.now,
  });
  return { clock, fetcher, cache };
}

describe('IssuerJwksCache', () => {
  it('fetches the key set once and serves the key from memory afterwards', async () => {
    const { fetcher, cache } = setup();

    expect(await cache.getJwk(URI, jwt(current.kid))).toEqual(current.jwk);
    expect(await cache.getJwk(URI, jwt(current.kid))).toEqual(current.jwk);

    expect(fetcher.count(URI)).toBe(1);
    expect(cache.hasFreshKey(URI, current.kid)).toBe(true);
  });

  it('shares one request between concurrent callers', async () => {
    const { fetcher, cache } = setup();

    await Promise.all(Array.from({ length: 50 }, () => cache.getJwk(URI, jwt(current.kid))));

    expect(fetcher.count(URI)).toBe(1);
  });

  it('refetches at most once per cooldown for unknown kids', async () => {
    const { clock, fetcher, cache } = setup();
    await cache.getJwk(URI, jwt(current.kid));

    for (let i = 0; i < 100; i++) {
      await expect(cache.getJwk(URI, jwt(`forged-${i}`))).rejects.toThrow(UnknownKeyError);
    }
    expect(fetcher.count(URI)).toBe(1);

    clock.now += 10_000;
    await expect(cache.getJwk(URI, jwt('forged-x'))).rejects.toThrow(UnknownKeyError);
    await expect(cache.getJwk(URI, jwt('forged-y'))).rejects.toThrow(UnknownKeyError);
    expect(fetcher.count(URI)).toBe(2);
  });

  it('picks up a rotated-in key after the cooldown', async () => {
    const { clock, fetcher, cache } = setup();
    await cache.getJwk(URI, jwt(current.kid));
    fetcher.serveKeys(URI, [current.jwk, next.jwk]);

    await expect(cache.getJwk(URI, jwt(next.kid))).rejects.toThrow(UnknownKeyError);
    clock.now += 10_000;

    expect(await cache.getJwk(URI, jwt(next.kid))).toEqual(next.jwk);
  });

  it('denies fast without fetching again while the first fetch failed recently', async () => {
    const { clock, fetcher, cache } = setup();
    fetcher.fail(URI);

    await expect(cache.getJwk(URI, jwt(current.kid))).rejects.toThrow(KeysUnavailableError);
    await expect(cache.getJwk(URI, jwt(current.kid))).rejects.toThrow(KeysUnavailableError);
    expect(fetcher.count(URI)).toBe(1);

    fetcher.serveKeys(URI, [current.jwk]);
    clock.now += 10_000;
    expect(await cache.getJwk(URI, jwt(current.kid))).toEqual(current.jwk);
  });

  it('refreshes keys older than the maximum age', async () => {
    const { clock, fetcher, cache } = setup({ maxAgeMs: 60_000 });
    await cache.getJwk(URI, jwt(current.kid));

    clock.now += 60_000;
    expect(cache.hasFreshKey(URI, current.kid)).toBe(false);
    await cache.getJwk(URI, jwt(current.kid));

    expect(fetcher.count(URI)).toBe(2);
  });

  it('keeps serving old keys while the refresh fails (an outage does not deny valid tokens)', async () => {
    const { clock, fetcher, cache } = setup({ maxAgeMs: 60_000 });
    await cache.getJwk(URI, jwt(current.kid));
    fetcher.fail(URI);

    clock.now += 120_000;
    expect(await cache.getJwk(URI, jwt(current.kid))).toEqual(current.jwk);
    expect(await cache.getJwk(URI, jwt(current.kid))).toEqual(current.jwk);

    expect(fetcher.count(URI)).toBe(2);
  });

  it('stops accepting a key that a successful refresh no longer lists', async () => {
    const { clock, fetcher, cache } = setup({ maxAgeMs: 60_000 });
    await cache.getJwk(URI, jwt(current.kid));
    fetcher.serveKeys(URI, [next.jwk]);

    clock.now += 60_000;
    await expect(cache.getJwk(URI, jwt(current.kid))).rejects.toThrow(UnknownKeyError);
  });

  it('reports an unknown kid when keys are cached but cannot be refreshed', async () => {
    const { clock, fetcher, cache } = setup();
    await cache.getJwk(URI, jwt(current.kid));
    fetcher.fail(URI);
    clock.now += 10_000;

    await expect(cache.getJwk(URI, jwt('other'))).rejects.toThrow(KeysUnavailableError);
  });

  it('treats an HTML answer as unavailable keys', async () => {
    const { fetcher, cache } = setup();
    fetcher.serveBody(URI, '<html>maintenance</html>');

    await expect(cache.getJwk(URI, jwt(current.kid))).rejects.toThrow(KeysUnavailableError);
  });

  it('refuses a token without a kid', async () => {
    const { cache } = setup();

    await expect(cache.getJwk(URI, jwt(undefined))).rejects.toThrow(UnknownKeyError);
    expect(() => cache.getCachedJwk(URI, jwt(undefined))).toThrow(UnknownKeyError);
  });

  it('answers synchronous lookups from memory only', async () => {
    const { fetcher, cache } = setup();

    expect(() => cache.getCachedJwk(URI, jwt(current.kid))).toThrow(KeysUnavailableError);
    await cache.getJwk(URI, jwt(current.kid));
    expect(cache.getCachedJwk(URI, jwt(current.kid))).toEqual(current.jwk);
    expect(() => cache.getCachedJwk(URI, jwt('other'))).toThrow(UnknownKeyError);
    expect(fetcher.count(URI)).toBe(1);
  });

  it('accepts a key set handed to it, filtered like a fetched one', () => {
    const { fetcher, cache } = setup();

    cache.addJwks(URI, { keys: [current.jwk, { kty: 'oct', kid: 'hmac', k: 'c2VjcmV0' }] });

    expect(cache.hasFreshKey(URI, current.kid)).toBe(true);
    expect(cache.hasFreshKey(URI, 'hmac')).toBe(false);
    expect(fetcher.requests).toEqual([]);
  });

  it('loads a whole key set for hydration, within the cooldown rule', async () => {
    const { fetcher, cache } = setup();

    expect((await cache.getJwks(URI)).keys).toEqual([current.jwk]);
    expect((await cache.getJwks(URI)).keys).toEqual([current.jwk]);
    expect(fetcher.count(URI)).toBe(1);

    const failing = setup();
    failing.fetcher.fail(URI);
    await expect(failing.cache.getJwks(URI)).rejects.toThrow('connection refused');
    await expect(failing.cache.getJwks(URI)).rejects.toThrow(KeysUnavailableError);
  });

  it('keeps its memory bounded when many issuers appear', async () => {
    const { fetcher, cache } = setup();
    for (let i = 0; i < 2001; i++) {
      const uri = `https://issuer-${i}.test/jwks.json`;
      fetcher.serveKeys(uri, [current.jwk]);
      await cache.getJwk(uri, jwt(current.kid));
    }
    const first = 'https://issuer-0.test/jwks.json';

    expect(cache.hasFreshKey(first, current.kid)).toBe(false);
    expect(cache.hasFreshKey('https://issuer-2000.test/jwks.json', current.kid)).toBe(true);
  });
});
