/**
 * Attacks on key retrieval: unknown-kid floods, key URLs carried in the token, and key
 * servers that are down, slow or answer HTML.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jwksUri } from '../../src/issuer';
import { expectRejectedBeforeIo, expectUnauthorized } from '../support/attack';
import { startServer, type TestServer } from '../support/http-server';
import { key } from '../support/keys';
import { sign } from '../support/tokens';
import {
  ACME_POOL,
  accessClaims,
  bearerEvent,
  decide,
  issuerOf,
  keyOf,
  tokenOf,
  world,
} from '../support/world';

const attacker = key('attacker');
const ACME_JWKS = jwksUri(issuerOf(ACME_POOL));
let evil: TestServer;

beforeAll(async () => {
  evil = await startServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(
      req.url === '/jwks.json' ? JSON.stringify({ keys: [attacker.jwk] }) : '-----BEGIN CERTIFICATE-----',
    );
  });
});

afterAll(() => evil.close());

describe('unknown-kid floods', () => {
  const flood = (n: number) =>
    Array.from({ length: n }, (_, i) => sign(accessClaims(ACME_POOL), { ...attacker, kid: `flood-${i}` }));

  it('fetches the key set at most twice when a flood follows a valid request', async () => {
    let now = Date.now();
    const w = world({ now: () => now });
    expect((await decide(w.handler, bearerEvent(tokenOf(ACME_POOL)))).kind).toBe('allow');

    for (const token of flood(200)) await expectUnauthorized(w, bearerEvent(token), 'key-not-found');
    now += 10_000;
    for (const token of flood(200)) await expectUnauthorized(w, bearerEvent(token), 'key-not-found');

    expect(w.fetcher.count(ACME_JWKS)).toBe(2);
  });

  it('fetches the key set once for a concurrent cold flood', async () => {
    const w = world();

    const decided = await Promise.all(flood(300).map((token) => decide(w.handler, bearerEvent(token))));

    expect(decided.every((d) => d.kind === 'unauthorized')).toBe(true);
    expect(w.fetcher.count(ACME_JWKS)).toBe(1);
  });

  it('still allows valid tokens during a flood', async () => {
    const w = world();
    const tokens = [...flood(50), tokenOf(ACME_POOL)];

    const decided = await Promise.all(tokens.map((token) => decide(w.handler, bearerEvent(token))));

    expect(decided.at(-1)?.kind).toBe('allow');
  });
});

describe('key URLs and keys carried in the token', () => {
  it.each([
    ['jku', { jku: () => `${evil.origin}/jwks.json` }],
    ['x5u', { x5u: () => `${evil.origin}/cert.pem` }],
    ['jku and x5u', { jku: () => `${evil.origin}/jwks.json`, x5u: () => `${evil.origin}/cert.pem` }],
  ])('sends zero requests to a %s URL, whichever key signed the token', async (_, members) => {
    const w = world();
    const header = Object.fromEntries(Object.entries(members).map(([k, v]) => [k, v()]));
    const tokens = [
      sign(accessClaims(ACME_POOL), attacker, header),
      sign(accessClaims(ACME_POOL), { ...attacker, kid: keyOf(ACME_POOL).kid }, header),
      sign(accessClaims(ACME_POOL), keyOf(ACME_POOL), header),
    ];

    for (const token of tokens) await expectRejectedBeforeIo(w, bearerEvent(token));

    expect(evil.requests).toEqual([]);
    expect(w.fetcher.requests.filter((r) => !r.startsWith('https://cognito-idp.'))).toEqual([]);
  });

  it('ignores nothing: an embedded jwk header is refused even with a matching signature', async () => {
    const w = world();
    const token = sign(accessClaims(ACME_POOL), attacker, { jwk: attacker.jwk });

    await expectRejectedBeforeIo(w, bearerEvent(token));
    expect(w.logger.lastReason()).toBe('token-header-rejected');
  });

  it('refuses an x5c certificate chain header', async () => {
    await expectRejectedBeforeIo(
      world(),
      bearerEvent(sign(accessClaims(ACME_POOL), attacker, { x5c: ['MIIBIjAN'] })),
    );
  });
});

describe('key server failures', () => {
  it('denies when the key server is down and nothing is cached, then fails fast during the cooldown', async () => {
    const w = world();
    w.fetcher.fail(ACME_JWKS);

    await expectUnauthorized(w, bearerEvent(tokenOf(ACME_POOL)), 'jwks-unavailable');
    await expectUnauthorized(w, bearerEvent(tokenOf(ACME_POOL)), 'jwks-unavailable');

    expect(w.fetcher.count(ACME_JWKS)).toBe(1);
    expect(w.logger.lines.at(-1)?.level).toBe('error');
  });

  it('denies within the deadline when the key server hangs', async () => {
    const w = world({ env: { DEADLINE_MS: '200' } });
    w.fetcher.hang(ACME_JWKS);
    const started = Date.now();

    await expectUnauthorized(w, bearerEvent(tokenOf(ACME_POOL)), 'deadline-exceeded');

    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('denies when the key server answers HTML', async () => {
    const w = world();
    w.fetcher.serveBody(ACME_JWKS, '<!doctype html><title>502 Bad Gateway</title>');

    await expectUnauthorized(w, bearerEvent(tokenOf(ACME_POOL)), 'jwks-unavailable');
  });

  it('keeps allowing valid tokens from cached keys while the key server is down', async () => {
    let now = Date.now();
    const w = world({ now: () => now, env: { VERIFIED_TOKEN_TTL_SECONDS: '0' } });
    const longLived = () =>
      tokenOf(ACME_POOL, accessClaims(ACME_POOL, { exp: Math.floor(now / 1000) + 4 * 3600 }));
    expect((await decide(w.handler, bearerEvent(longLived()))).kind).toBe('allow');
    w.fetcher.fail(ACME_JWKS);

    now += 2 * 3_600_000;

    expect((await decide(w.handler, bearerEvent(longLived()))).kind).toBe('allow');
    expect((await decide(w.handler, bearerEvent(longLived()))).kind).toBe('allow');
    expect(w.fetcher.count(ACME_JWKS)).toBe(2);
  });

  it('denies when the registry is down and nothing is cached', async () => {
    const w = world();
    w.store.failWith = new Error('ThrottlingException');

    await expectUnauthorized(w, bearerEvent(tokenOf(ACME_POOL)), 'registry-unavailable');
    expect(w.fetcher.requests).toEqual([]);
  });
});
