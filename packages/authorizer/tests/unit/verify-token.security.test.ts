/**
 * Attacks on the token itself, through the whole handler. Keys are generated per run;
 * the attacker holds their own key pair and every public value of the pools.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { casings, expectRejectedBeforeIo, expectUnauthorized } from '../support/attack';
import { key } from '../support/keys';
import { b64url, json, nowSeconds, sign, signRaw } from '../support/tokens';
import {
  ACME_POOL,
  accessClaims,
  bearerEvent,
  decide,
  idClaims,
  keyOf,
  requestEvent,
  tokenOf,
  UMBRELLA_POOL,
  world,
} from '../support/world';

const attacker = key('attacker');

describe('alg none', () => {
  const spellings = casings('none');

  it('covers all 16 casings', () => {
    expect(spellings).toHaveLength(16);
  });

  it.each(spellings)('rejects alg %s before any I/O, with or without a signature', async (alg) => {
    const w = world();
    const unsigned = `${json({ alg, kid: keyOf(ACME_POOL).kid })}.${json(accessClaims(ACME_POOL))}`;

    await expectRejectedBeforeIo(w, bearerEvent(`${unsigned}.`));
    await expectRejectedBeforeIo(w, bearerEvent(`${unsigned}.AAAA`));
    await expectRejectedBeforeIo(w, bearerEvent(`${json({ alg })}.${json(accessClaims(ACME_POOL))}.AAAA`));
  });
});

describe('HS256 signed with the public key', () => {
  const pub = keyOf(ACME_POOL);
  const secrets: [string, string | Buffer][] = [
    ['PEM (SPKI)', pub.publicKey.export({ type: 'spki', format: 'pem' }) as string],
    ['PEM (PKCS#1)', pub.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string],
    ['DER (SPKI)', pub.publicKey.export({ type: 'spki', format: 'der' })],
    ['JWK JSON', JSON.stringify(pub.jwk)],
    ['JWK JSON without extras', JSON.stringify({ kty: 'RSA', n: pub.jwk.n, e: pub.jwk.e })],
    ['raw modulus (base64url)', String(pub.jwk.n)],
    ['raw modulus (bytes)', Buffer.from(String(pub.jwk.n), 'base64url')],
  ];

  it.each(secrets)('rejects an HS256 token keyed with the %s before any I/O', async (_, secret) => {
    const w = world();
    const header = { alg: 'HS256', kid: pub.kid };
    const input = `${json(header)}.${json(accessClaims(ACME_POOL))}`;
    const token = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;

    await expectRejectedBeforeIo(w, bearerEvent(token));
  });

  it.each(secrets)('rejects an HMAC with the %s under an RS256 header', async (_, secret) => {
    const w = world();
    const input = `${json({ alg: 'RS256', kid: pub.kid })}.${json(accessClaims(ACME_POOL))}`;
    const token = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;

    await expectUnauthorized(w, bearerEvent(token), 'signature-invalid');
  });
});

describe('signatures', () => {
  it('rejects a valid signature from the wrong key under a known kid, cold and with keys cached', async () => {
    const w = world();
    const forged = sign(accessClaims(ACME_POOL), { ...attacker, kid: keyOf(ACME_POOL).kid });

    await expectUnauthorized(w, bearerEvent(forged), 'signature-invalid');
    expect((await decide(w.handler, bearerEvent(tokenOf(ACME_POOL)))).kind).toBe('allow');
    await expectUnauthorized(w, bearerEvent(forged), 'signature-invalid');
  });

  it("rejects a token signed by another registered pool's key under its own kid", async () => {
    const w = world();
    const token = sign(accessClaims(ACME_POOL), keyOf(UMBRELLA_POOL));

    await expectUnauthorized(w, bearerEvent(token), 'key-not-found');
  });

  it.each([
    [
      'a flipped bit',
      (s: string) =>
        s[10] === 'A' ? `${s.slice(0, 10)}B${s.slice(11)}` : `${s.slice(0, 10)}A${s.slice(11)}`,
    ],
    ['a truncated signature', (s: string) => s.slice(0, -4)],
    ['an empty-ish signature', () => 'AAAA'],
  ])('rejects a genuine token with %s', async (_, mutate) => {
    const w = world();
    const [h, p, s] = tokenOf(ACME_POOL).split('.') as [string, string, string];

    await expectUnauthorized(w, bearerEvent(`${h}.${p}.${mutate(s)}`));
  });

  it('rejects a genuine signature moved onto a modified payload', async () => {
    const w = world();
    const [h, , s] = tokenOf(ACME_POOL).split('.');
    const payload = json(accessClaims(ACME_POOL, { 'cognito:groups': ['Admins', 'SuperAdmins'] }));

    await expectUnauthorized(w, bearerEvent(`${h}.${payload}.${s}`), 'signature-invalid');
  });
});

describe('header members that carry keys or change processing', () => {
  it.each([
    ['crit', { crit: ['exp'], exp: 1 }],
    ['crit (empty)', { crit: [] }],
    ['b64', { b64: false, crit: ['b64'] }],
    ['zip', { zip: 'DEF' }],
    ['x5t', { x5t: 'abc' }],
  ])('rejects a correctly signed token with %s before any I/O', async (_, extra) => {
    const w = world();
    await expectRejectedBeforeIo(w, bearerEvent(sign(accessClaims(ACME_POOL), keyOf(ACME_POOL), extra)));
  });
});

describe('time claims', () => {
  function at() {
    const seconds = nowSeconds();
    const clock = { now: seconds * 1000 };
    return { seconds, w: world({ now: () => clock.now }), clock };
  }

  it('rejects a token at its exp second and accepts it the second before', async () => {
    const { seconds, w } = at();

    await expectRejectedBeforeIo(
      w,
      bearerEvent(tokenOf(ACME_POOL, accessClaims(ACME_POOL, { exp: seconds }))),
    );
    expect(
      (
        await decide(
          w.handler,
          bearerEvent(tokenOf(ACME_POOL, accessClaims(ACME_POOL, { exp: seconds + 1 }))),
        )
      ).kind,
    ).toBe('allow');
  });

  it('stops allowing a cached token when it expires', async () => {
    const { seconds, w, clock } = at();
    const token = tokenOf(ACME_POOL, accessClaims(ACME_POOL, { exp: seconds + 2 }));
    expect((await decide(w.handler, bearerEvent(token))).kind).toBe('allow');

    clock.now = (seconds + 2) * 1000;

    await expectUnauthorized(w, bearerEvent(token), 'token-expired');
  });

  it('rejects a token without exp, or with exp that is not a number', async () => {
    const { w } = at();
    const { exp: _e, ...noExp } = accessClaims(ACME_POOL);

    await expectRejectedBeforeIo(w, bearerEvent(tokenOf(ACME_POOL, noExp)));
    await expectRejectedBeforeIo(
      w,
      bearerEvent(tokenOf(ACME_POOL, accessClaims(ACME_POOL, { exp: `${nowSeconds() + 60}` }))),
    );
    await expectRejectedBeforeIo(w, bearerEvent(tokenOf(ACME_POOL, accessClaims(ACME_POOL, { exp: null }))));
  });

  it('accepts nbf and iat up to the clock skew ahead, and not one second more', async () => {
    const { seconds, w } = at();

    for (const claim of ['nbf', 'iat']) {
      const ok = tokenOf(ACME_POOL, accessClaims(ACME_POOL, { [claim]: seconds + 5 }));
      const ahead = tokenOf(ACME_POOL, accessClaims(ACME_POOL, { [claim]: seconds + 6 }));
      expect((await decide(w.handler, bearerEvent(ok))).kind).toBe('allow');
      await expectRejectedBeforeIo(w, bearerEvent(ahead));
    }
  });
});

describe('ID and access token confusion', () => {
  it('rejects an ID token where access tokens are expected', async () => {
    await expectUnauthorized(
      world(),
      bearerEvent(tokenOf(ACME_POOL, idClaims(ACME_POOL))),
      'token-use-rejected',
    );
  });

  it('rejects an access token where ID tokens are expected, and accepts the ID token', async () => {
    const w = world({ env: { ACCEPTED_TOKEN_USE: 'id' } });

    await expectUnauthorized(w, bearerEvent(tokenOf(ACME_POOL)), 'token-use-rejected');
    expect((await decide(w.handler, bearerEvent(tokenOf(ACME_POOL, idClaims(ACME_POOL))))).kind).toBe(
      'allow',
    );
  });

  it('rejects an access token relabelled as an ID token (no aud for the client)', async () => {
    const w = world({ env: { ACCEPTED_TOKEN_USE: 'access,id' } });
    const relabelled = accessClaims(ACME_POOL, { token_use: 'id', 'cognito:username': 'alice' });

    await expectUnauthorized(w, bearerEvent(tokenOf(ACME_POOL, relabelled)), 'claim-invalid');
  });
});

describe('app clients', () => {
  it.each([
    ['another app client of the same pool', 'acmeinternal9'],
    ["another pool's app client", 'umbrellaweb1'],
  ])('rejects an access token of %s', async (_, clientId) => {
    await expectUnauthorized(
      world(),
      bearerEvent(tokenOf(ACME_POOL, accessClaims(ACME_POOL, { client_id: clientId }))),
      'client-not-allowed',
    );
  });

  it('accepts every app client the registry lists for the pool', async () => {
    const token = tokenOf(ACME_POOL, accessClaims(ACME_POOL, { client_id: 'acmeadmin2' }));
    expect((await decide(world().handler, bearerEvent(token))).kind).toBe('allow');
  });

  it('rejects an ID token for another app client of the same pool', async () => {
    const w = world({ env: { ACCEPTED_TOKEN_USE: 'id' } });
    await expectUnauthorized(
      w,
      bearerEvent(tokenOf(ACME_POOL, idClaims(ACME_POOL, { aud: 'acmeinternal9' }))),
      'client-not-allowed',
    );
  });
});

describe('malformed and oversized input', () => {
  const valid = () => tokenOf(ACME_POOL);

  it.each([
    ['the scheme only', 'Bearer'],
    ['an empty token', 'Bearer '],
    ['a dot', 'Bearer .'],
    ['two segments', 'Bearer a.b'],
    ['empty segments', 'Bearer ..'],
    ['a JWE (five segments)', 'Bearer a.b.c.d.e'],
    ['JSON', 'Bearer {"alg":"none"}'],
    ['a NUL byte', 'Bearer a.b.c\u0000'],
    ['non-ASCII', 'Bearer ünï.cödé.tökën'],
    ['Basic credentials', 'Basic YWRtaW46YWRtaW4='],
    ['a token without a scheme', 'eyJhbGciOiJSUzI1NiJ9.e30.AAAA'],
    ['base64 garbage', `Bearer ${b64url('garbage')}.${b64url('garbage')}.${b64url('garbage')}`],
    ['a megabyte', `Bearer ${'A'.repeat(1024 * 1024)}`],
  ])('rejects %s before any I/O', async (_, authorization) => {
    await expectRejectedBeforeIo(world(), requestEvent(authorization));
  });

  it('rejects a genuine token that was truncated, padded, extended or split', async () => {
    const w = world();
    const token = valid();
    for (const mangled of [
      token.slice(0, -1),
      `${token}.`,
      `${token}==`,
      `${token} ${token}`,
      token.replace('.', '. '),
    ]) {
      await expectUnauthorized(w, bearerEvent(mangled));
    }
    expect(w.fetcher.requests).toEqual([]);
  });

  it('rejects a correctly signed token over 8 KB before decoding it', async () => {
    const w = world();
    const groups = Array.from({ length: 400 }, (_, i) => `group-with-a-long-name-${i}`);
    const big = tokenOf(ACME_POOL, accessClaims(ACME_POOL, { 'cognito:groups': groups }));
    expect(big.length).toBeGreaterThan(8192);

    await expectRejectedBeforeIo(w, bearerEvent(big));
    expect(w.logger.lastReason()).toBe('token-too-large');
  });
});

describe('JSON tricks', () => {
  const acme = keyOf(ACME_POOL);
  const header = JSON.stringify({ alg: 'RS256', kid: acme.kid });
  const body = (extra: string) => JSON.stringify(accessClaims(ACME_POOL)).replace(/}$/, `,${extra}}`);

  it.each([
    ['a second iss', body('"iss":"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_RoguePool1"')],
    ['a second client_id', body('"client_id":"acmeinternal9"')],
    ['a second exp', body(`"exp":${nowSeconds() + 86400 * 365}`)],
    ['a second custom:tenantName', body('"custom:tenantName":"umbrella","custom:tenantName":"acme"')],
    ['an escaped duplicate name', body('"\\u0069ss":"https://evil.example"')],
    ['a nested duplicate', body('"x":{"a":1,"a":2}')],
  ])('rejects a correctly signed payload with %s before any I/O', async (_, payload) => {
    await expectRejectedBeforeIo(world(), bearerEvent(signRaw(header, payload, acme)));
  });

  it('rejects a correctly signed header with a duplicate alg or kid before any I/O', async () => {
    const w = world();
    const payload = JSON.stringify(accessClaims(ACME_POOL));
    await expectRejectedBeforeIo(
      w,
      bearerEvent(signRaw(`{"alg":"none","alg":"RS256","kid":"${acme.kid}"}`, payload, acme)),
    );
    await expectRejectedBeforeIo(
      w,
      bearerEvent(signRaw(`{"alg":"RS256","kid":"x","kid":"${acme.kid}"}`, payload, acme)),
    );
  });

  it.each([
    ['__proto__', '"__proto__":{"cognito:groups":["SuperAdmins"],"tenantId":"umbrella"}'],
    ['constructor', '"constructor":{"prototype":{"tenantId":"umbrella"}}'],
    ['a nested __proto__', '"identities":[{"__proto__":{"providerName":"initech"}}]'],
  ])('rejects correctly signed %s claims and pollutes nothing', async (_, extra) => {
    const w = world();

    await expectRejectedBeforeIo(w, bearerEvent(signRaw(header, body(extra), acme)));

    const probe: Record<string, unknown> = {};
    expect(probe.tenantId).toBeUndefined();
    expect(probe['cognito:groups']).toBeUndefined();
  });
});
