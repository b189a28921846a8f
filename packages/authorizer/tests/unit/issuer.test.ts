import { describe, expect, it } from '@jest/globals';
import { jwksUri, parseIssuer } from '../../src/issuer';

const POOL = 'eu-west-1_AcmePool1';
const CANONICAL = `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`;
const LOCAL = 'http://127.0.0.1:9229';

describe('parseIssuer', () => {
  it('accepts the canonical Cognito issuer', () => {
    expect(parseIssuer(CANONICAL, undefined)).toEqual({ issuer: CANONICAL, userPoolId: POOL });
  });

  it('accepts other regions with pools of that region', () => {
    const iss = 'https://cognito-idp.ap-southeast-2.amazonaws.com/ap-southeast-2_Xy12';
    expect(parseIssuer(iss, undefined)?.userPoolId).toBe('ap-southeast-2_Xy12');
  });

  it.each([
    ['a trailing slash', `${CANONICAL}/`],
    ['http', CANONICAL.replace('https:', 'http:')],
    ['an upper-case host', CANONICAL.replace('cognito-idp', 'COGNITO-IDP')],
    ['an upper-case scheme', CANONICAL.replace('https', 'HTTPS')],
    ['a pool of another region', `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`],
    ['a suffix domain', `https://cognito-idp.eu-west-1.amazonaws.com.evil.com/${POOL}`],
    ['a prefix domain', `https://evilcognito-idp.eu-west-1.amazonaws.com/${POOL}`],
    ['a subdomain', `https://x.cognito-idp.eu-west-1.amazonaws.com/${POOL}`],
    ['the global issuer form', `https://issuer-cognito-idp.eu-west-1.amazonaws.com/${POOL}`],
    ['a port', `https://cognito-idp.eu-west-1.amazonaws.com:443/${POOL}`],
    ['userinfo', `https://evil.com@cognito-idp.eu-west-1.amazonaws.com/${POOL}`],
    ['a longer path', `${CANONICAL}/extra`],
    ['a dot segment', `https://cognito-idp.eu-west-1.amazonaws.com/x/../${POOL}`],
    ['a query', `${CANONICAL}?x=1`],
    ['a fragment', `${CANONICAL}#x`],
    ['percent-encoding', `https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1%5FAcmePool1`],
    ['leading whitespace', ` ${CANONICAL}`],
    ['trailing whitespace', `${CANONICAL}\n`],
    ['a Cyrillic look-alike', CANONICAL.replace('cognito', 'cоgnito')],
    ['an invalid pool id', 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_'],
    ['a pool id with a dash suffix', 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_ab-c'],
    ['a fake region', `https://cognito-idp.evil.amazonaws.com/evil_Pool`],
    ['an empty string', ''],
    ['a local issuer when none is configured', `${LOCAL}/local_Abc123`],
  ])('rejects %s', (_, iss) => {
    expect(parseIssuer(iss, undefined)).toBeUndefined();
  });

  it('accepts a cognito-local issuer only under the configured loopback origin', () => {
    expect(parseIssuer(`${LOCAL}/local_Abc123`, LOCAL)).toEqual({
      issuer: `${LOCAL}/local_Abc123`,
      userPoolId: 'local_Abc123',
    });
    expect(parseIssuer('http://127.0.0.1:9230/local_Abc123', LOCAL)).toBeUndefined();
    expect(parseIssuer(`${LOCAL}/local_Abc123/`, LOCAL)).toBeUndefined();
    expect(parseIssuer(`${LOCAL}//local_Abc123`, LOCAL)).toBeUndefined();
    expect(parseIssuer(`${LOCAL}`, LOCAL)).toBeUndefined();
  });

  it('still accepts canonical AWS issuers when a local origin is configured', () => {
    expect(parseIssuer(CANONICAL, LOCAL)?.userPoolId).toBe(POOL);
  });
});

describe('jwksUri', () => {
  it('is the issuer well-known JWKS path', () => {
    expect(jwksUri(CANONICAL)).toBe(`${CANONICAL}/.well-known/jwks.json`);
  });
});
