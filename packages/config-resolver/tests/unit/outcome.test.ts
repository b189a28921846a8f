import { parseHostRecord } from '@cognito-tenancy/registry/records';
import { describe, expect, it } from '@jest/globals';
import {
  AmbiguousHostError,
  InvalidHostError,
  MalformedEventError,
  MethodNotAllowedError,
  MissingHostError,
  PlatformHostError,
  RegistryUnavailableError,
  UnknownTenantError,
} from '../../src/errors';
import { BODIES, outcomeOf, resolvedOutcome } from '../../src/outcome';
import { toSignInConfig } from '../../src/sign-in-config';
import { hostRecord, testConfig } from '../helpers';

const config = testConfig({ CACHE_TTL_SECONDS: '120', NEGATIVE_CACHE_TTL_SECONDS: '30' });

describe('outcomeOf: the error -> HTTP table', () => {
  it.each([
    [new MalformedEventError(), 400, BODIES.badRequest, 'malformed-event'],
    [new MissingHostError(), 400, BODIES.badRequest, 'missing-host'],
    [new AmbiguousHostError(), 400, BODIES.badRequest, 'ambiguous-host'],
    [new InvalidHostError('invalid-character'), 400, BODIES.badRequest, 'invalid-host'],
    [new MethodNotAllowedError(), 405, BODIES.methodNotAllowed, 'method-not-allowed'],
    [new PlatformHostError('a.execute-api.eu-west-1.amazonaws.com'), 404, BODIES.notFound, 'platform-host'],
    [new UnknownTenantError('globex.example.com'), 404, BODIES.notFound, 'unknown-host'],
    [new RegistryUnavailableError('ssm-throttled'), 503, BODIES.unavailable, 'ssm-throttled'],
    [new RegistryUnavailableError('record-invalid'), 503, BODIES.unavailable, 'record-invalid'],
    [new TypeError('bug'), 500, BODIES.internal, 'internal-error'],
    ['thrown string', 500, BODIES.internal, 'internal-error'],
  ])('maps %p to %i', (error, status, body, reason) => {
    const outcome = outcomeOf(error, config);
    expect(outcome).toMatchObject({ statusCode: status, body, reason });
  });

  it('lets a 404 be cached privately for the negative TTL, and nothing else be cached', () => {
    expect(outcomeOf(new UnknownTenantError('x.example.com'), config).headers).toEqual({
      'cache-control': 'private, max-age=30',
    });
    expect(outcomeOf(new InvalidHostError('empty'), config).headers).toEqual({ 'cache-control': 'no-store' });
    expect(outcomeOf(new RegistryUnavailableError('ssm-error'), config).headers).toEqual({
      'cache-control': 'no-store',
      'retry-after': '5',
    });
    expect(outcomeOf(new MethodNotAllowedError(), config).headers).toEqual({
      'cache-control': 'no-store',
      allow: 'GET, OPTIONS',
    });
  });

  it('logs safe details only: the normalisation code, the cause name', () => {
    expect(outcomeOf(new InvalidHostError('too-long'), config).detail).toBe('too-long');
    const cause = Object.assign(new Error('Rate exceeded for account 123'), { name: 'ThrottlingException' });
    const outcome = outcomeOf(new RegistryUnavailableError('ssm-throttled', { cause }), config);
    expect(outcome.detail).toBe('ThrottlingException');
    expect(JSON.stringify(outcome)).not.toContain('123');
    expect(outcomeOf(new RegistryUnavailableError('lookup-busy'), config)).not.toHaveProperty('detail');
  });

  it('answers 200 cached for the TTL, and a stale answer not cached', () => {
    const resolved = {
      host: 'acme.app.example.com',
      config: toSignInConfig(parseHostRecord(hostRecord('acme'))),
    };
    expect(resolvedOutcome({ ...resolved, source: 'hit' }, config)).toMatchObject({
      statusCode: 200,
      reason: 'resolved',
      headers: { 'cache-control': 'private, max-age=120' },
    });
    expect(resolvedOutcome({ ...resolved, source: 'stale' }, config)).toMatchObject({
      statusCode: 200,
      reason: 'resolved-stale',
      level: 'warn',
      headers: { 'cache-control': 'private, no-cache' },
    });
  });
});
