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
