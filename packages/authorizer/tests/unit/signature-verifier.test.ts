import { describe, expect, it } from '@jest/globals';
import { decodeToken } from '../../src/decode-token';
import {
  ExpiredTokenError,
  InvalidClaimError,
  InvalidSignatureError,
  KeysUnavailableError,
  UnknownKeyError,
  UntrustedIssuerError,
} from '../../src/errors';
import { jwksUri } from '../../src/issuer';
import { IssuerJwksCache } from '../../src/jwks-cache';
import { SignatureVerifier } from '../../src/signature-verifier';
import { FakeFetcher } from '../support/fetcher';
import { key } from '../support/keys';
import { nowSeconds, sign } from '../support/tokens';

const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_SigPool1';
const good = key('sig-good');
const attacker = key('sig-attacker');

function setup() {
  const fetcher = new FakeFetcher().serveKeys(jwksUri(ISSUER), [good.jwk]);
  const keys = new IssuerJwksCache({ fetcher, cooldownMs: 10_000, maxAgeMs: 3_600_000 });
  return { fetcher, keys, verifier: new SignatureVerifier(keys, 5) };
}

const claims = (overrides: Record<string, unknown> = {}) => ({
  iss: ISSUER,
  exp: nowSeconds() + 600,
  iat: nowSeconds(),
  ...overrides,
});

async function run(verifier: SignatureVerifier, token: string, issuer = ISSUER) {
  await verifier.verify(decodeToken(token), issuer);
}

describe('SignatureVerifier', () => {
  it('verifies with a fetched key first, then synchronously from the cache', async () => {
    const { fetcher, verifier } = setup();
    const jwt = decodeToken(sign(claims(), good));

    const first = verifier.verify(jwt, ISSUER);
    expect(first).toBeInstanceOf(Promise);
    await first;
    expect(verifier.verify(jwt, ISSUER)).toBeUndefined();

    expect(fetcher.requests).toEqual([jwksUri(ISSUER)]);
  });

  it('rejects a signature by another key under the known kid, on both paths', async () => {
    const { verifier } = setup();
    const forged = sign(claims(), { ...attacker, kid: good.kid });

    await expect(run(verifier, forged)).rejects.toThrow(InvalidSignatureError);
    await run(verifier, sign(claims(), good));
    expect(() => verifier.verify(decodeToken(forged), ISSUER)).toThrow(InvalidSignatureError);
  });

  it('rejects a token whose iss differs from the pinned issuer', async () => {
    const { verifier } = setup();
    const token = sign(claims({ iss: `${ISSUER}x` }), good);

    await expect(run(verifier, token)).rejects.toThrow(UntrustedIssuerError);
  });

  it("maps the library's own expiry and not-before checks", async () => {
    const { verifier } = setup();

    await expect(run(verifier, sign(claims({ exp: nowSeconds() - 60 }), good))).rejects.toThrow(
      ExpiredTokenError,
    );
    await expect(run(verifier, sign(claims({ nbf: nowSeconds() + 60 }), good))).rejects.toThrow(
      InvalidClaimError,
    );
  });

  it('reports an unknown kid and unavailable keys', async () => {
    const { fetcher, verifier } = setup();

    await expect(run(verifier, sign(claims(), attacker))).rejects.toThrow(UnknownKeyError);
    fetcher.fail(jwksUri(`${ISSUER}2`));
    await expect(run(verifier, sign(claims({ iss: `${ISSUER}2` }), good), `${ISSUER}2`)).rejects.toThrow(
      KeysUnavailableError,
    );
  });

  it('keeps one pinned verifier per issuer and stays bounded', async () => {
    const { fetcher, verifier } = setup();
    for (let i = 0; i < 2001; i++) {
      const issuer = `https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_P${i}`;
      fetcher.serveKeys(jwksUri(issuer), [good.jwk]);
      await run(verifier, sign(claims({ iss: issuer }), good), issuer);
    }
    expect(fetcher.requests).toHaveLength(2001);
  });
});
