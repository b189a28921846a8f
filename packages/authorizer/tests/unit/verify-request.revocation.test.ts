/**
 * The revocation hook answering synchronously (a cached answer): the decision stays
 * synchronous on a verified-token cache hit, and sync failures fail closed like async ones.
 * (The asynchronous hook is covered in verify-request.test.ts.)
 */
import { describe, expect, it } from '@jest/globals';
import { RevocationUnavailableError, RevokedTokenError } from '../../src/errors';
import { ACME_POOL, bearer, METHOD_ARN, tokenOf, world } from '../support/world';

const request = (token: string) => ({
  authorization: bearer(token),
  host: 'acme.app.example.com',
  methodArn: METHOD_ARN,
});

describe('RequestVerifier with a synchronous revocation check', () => {
  it('answers a verified-token cache hit synchronously when the check does', async () => {
    const w = world({ revocation: () => false });
    const token = tokenOf(ACME_POOL);
    await w.parts.requests.authorize(request(token));

    const hit = w.parts.requests.authorize(request(token));

    expect(hit).not.toBeInstanceOf(Promise);
    expect(hit).toMatchObject({ cache: 'hit', identity: { tenantId: 'acme' } });
  });

  it('refuses a revoked token synchronously, and any answer other than false', async () => {
    let answer: unknown = false;
    const w = world({ revocation: () => answer as boolean });
    const token = tokenOf(ACME_POOL);
    await w.parts.requests.authorize(request(token));

    answer = true;
    expect(() => w.parts.requests.authorize(request(token))).toThrow(RevokedTokenError);
    // biome-ignore lint/suspicious/noThenProperty: a thenable that is not a Promise must count as revoked.
    answer = { then: () => false };
    expect(() => w.parts.requests.authorize(request(token))).toThrow(RevokedTokenError);
  });

  it('fails closed when the check throws instead of answering', async () => {
    let fail = false;
    const w = world({
      revocation: () => {
        if (fail) throw new Error('invalid user sub for a registry key');
        return false;
      },
    });
    const token = tokenOf(ACME_POOL);
    await w.parts.requests.authorize(request(token));

    fail = true;

    expect(() => w.parts.requests.authorize(request(token))).toThrow(RevocationUnavailableError);
  });
});

describe('the revocation answer held with a cached decision', () => {
  function counting(answer: () => unknown) {
    const clock = { now: Date.now() };
    let calls = 0;
    const w = world({
      now: () => clock.now,
      revocation: () => {
        calls++;
        return answer() as boolean;
      },
    });
    return { w, clock, calls: () => calls };
  }

  it('is reused until its own expiry: a seen token costs no revocation call meanwhile', async () => {
    const { w, clock, calls } = counting(() => ({ revoked: false, freshUntil: clock.now + 30_000 }));
    const token = tokenOf(ACME_POOL);
    const start = clock.now;
    await w.parts.requests.authorize(request(token));
    expect(calls()).toBe(1);

    for (let i = 0; i < 10; i++)
      expect(w.parts.requests.authorize(request(token))).toMatchObject({ cache: 'hit' });
    clock.now = start + 29_999;
    w.parts.requests.authorize(request(token));
    expect(calls()).toBe(1);

    clock.now = start + 30_000;
    w.parts.requests.authorize(request(token));
    expect(calls()).toBe(2);
  });

  it('is asked again on every hit when it answers a bare false (no expiry given)', async () => {
    const { w, calls } = counting(() => false);
    const token = tokenOf(ACME_POOL);
    await w.parts.requests.authorize(request(token));
    w.parts.requests.authorize(request(token));
    w.parts.requests.authorize(request(token));
    expect(calls()).toBe(3);
  });

  it('refuses once the held answer is due and the check now says revoked', async () => {
    let revoked = false;
    const { w, clock } = counting(() => ({ revoked, freshUntil: clock.now + 1_000 }));
    const token = tokenOf(ACME_POOL);
    await w.parts.requests.authorize(request(token));
    revoked = true;
    expect(w.parts.requests.authorize(request(token))).toMatchObject({ cache: 'hit' });

    clock.now += 1_000;

    expect(() => w.parts.requests.authorize(request(token))).toThrow(RevokedTokenError);
    // A refusal is never held: the next hit asks again (and is refused again).
    expect(() => w.parts.requests.authorize(request(token))).toThrow(RevokedTokenError);
  });

  it.each([
    ['revoked: true', { revoked: true, freshUntil: Number.MAX_SAFE_INTEGER }],
    ['no freshUntil', { revoked: false }],
    ['a non-finite freshUntil', { revoked: false, freshUntil: Number.POSITIVE_INFINITY }],
    ['a string revoked', { revoked: 'false', freshUntil: 1 }],
    ['null', null],
  ])('counts a malformed or positive answer (%s) as revoked', async (_label, answer) => {
    let first = true;
    const { w } = counting(() => {
      if (first) {
        first = false;
        return false;
      }
      return answer;
    });
    const token = tokenOf(ACME_POOL);
    await w.parts.requests.authorize(request(token));
    expect(() => w.parts.requests.authorize(request(token))).toThrow(RevokedTokenError);
  });
});
