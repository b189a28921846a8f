import { REFUSED_ORIGINS } from '@cognito-tenancy/kit/testing/origin-cases';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config';
import { corsHeaders, preflightHeaders } from '../../src/cors';

describe('CORS_ALLOWED_ORIGINS (the kit parser, through loadConfig)', () => {
  const origins = (raw: string) =>
    loadConfig({ REGISTRY_PREFIX: '/ct/dev', CORS_ALLOWED_ORIGINS: raw }).corsAllowedOrigins;

  it('keeps exact origins', () => {
    expect(origins(' https://a.example.com ,https://b.example.com:8443,')).toEqual([
      'https://a.example.com',
      'https://b.example.com:8443',
    ]);
  });

  it('allows plain http for loopback names only', () => {
    expect(origins('http://localhost:5173,http://acme.localhost:8080,http://127.0.0.1:3000')).toEqual([
      'http://localhost:5173',
      'http://acme.localhost:8080',
      'http://127.0.0.1:3000',
    ]);
  });

  it('normalises case and a trailing slash to what a browser sends', () => {
    expect(origins('https://APP.example.com/')).toEqual(['https://app.example.com']);
  });

  it.each([...REFUSED_ORIGINS])('refuses %j', (entry, problem) => {
    expect(() => origins(`https://ok.example.com,${entry}`)).toThrow(problem);
  });
});

describe('corsHeaders', () => {
  const allowed = ['https://app.example.com'];

  it('adds nothing when no origin is configured', () => {
    expect(corsHeaders([], 'https://app.example.com')).toEqual({});
  });

  it('echoes an allowed origin, never *, never credentials', () => {
    expect(corsHeaders(allowed, 'https://app.example.com')).toEqual({
      vary: 'Origin',
      'access-control-allow-origin': 'https://app.example.com',
    });
  });

  it.each([
    undefined,
    'https://evil.example.com',
    'https://app.example.com.evil.test',
    'null',
    'HTTPS://APP.EXAMPLE.COM',
  ])('varies but does not allow origin %j', (origin) => {
    expect(corsHeaders(allowed, origin)).toEqual({ vary: 'Origin' });
  });

  it('answers a preflight from an allowed origin with methods and max age', () => {
    expect(preflightHeaders(allowed, 'https://app.example.com')).toEqual({
      vary: 'Origin',
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-allow-methods': 'GET, OPTIONS',
      'access-control-max-age': '600',
    });
    expect(preflightHeaders(allowed, 'https://evil.example.com')).toEqual({ vary: 'Origin' });
  });
});
