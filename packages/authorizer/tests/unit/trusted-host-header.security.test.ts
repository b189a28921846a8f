/**
 * Behind CloudFront (infra's `hosting`) API Gateway sees its own host, so the tenant host
 * arrives in `x-forwarded-host`, which CloudFront overwrites from the viewer's Host. With
 * TRUSTED_HOST_HEADER the authorizer binds tokens to that host, exactly as config-resolver
 * resolves it, and refuses an event where the header is missing, repeated or a list.
 */
import { describe, expect, it } from '@jest/globals';
import { readAuthorizerEvent } from '../../src/authorizer-event';
import { ConfigError, loadConfig } from '../../src/config';
import { InvalidEventError } from '../../src/errors';
import {
  ACME_POOL,
  bearer,
  decide,
  METHOD_ARN,
  PREFIX,
  requestEvent,
  tokenOf,
  UMBRELLA_POOL,
  world,
} from '../support/world';

const EXECUTE_API = 'abc123.execute-api.eu-west-1.amazonaws.com';
const ACME = 'acme.app.example.com';
const UMBRELLA = 'umbrella.app.example.com';
const trusted = { TRUSTED_HOST_HEADER: 'x-forwarded-host' };

/** A REQUEST event as API Gateway builds it behind CloudFront. */
function viaCloudFront(
  authorization: string,
  forwarded: Record<string, unknown>,
  multi?: Record<string, unknown>,
) {
  return requestEvent(authorization, EXECUTE_API, {
    headers: { Authorization: authorization, Host: EXECUTE_API, ...forwarded },
    ...(multi === undefined ? {} : { multiValueHeaders: multi }),
  });
}

describe('TRUSTED_HOST_HEADER=x-forwarded-host (behind CloudFront)', () => {
  it('binds a token to the forwarded tenant host: its own tenant is allowed', async () => {
    const w = world({ env: trusted });
    const decided = await decide(
      w.handler,
      viaCloudFront(bearer(tokenOf(ACME_POOL)), { 'X-Forwarded-Host': ACME }),
    );
    expect(decided.kind).toBe('allow');
  });

  it('denies a token of another tenant on the forwarded tenant host (403)', async () => {
    const w = world({ env: trusted });
    const token = bearer(tokenOf(UMBRELLA_POOL));
    expect((await decide(w.handler, viaCloudFront(token, { 'x-forwarded-host': ACME }))).kind).toBe('deny');
    expect(w.logger.lastReason()).toBe('host-tenant-mismatch');
  });

  it('never falls back to requestContext.domainName when the header is trusted', async () => {
    const w = world({ env: trusted });
    // The domain says acme; the header CloudFront wrote says umbrella: the header decides.
    const event = requestEvent(bearer(tokenOf(ACME_POOL)), ACME, {
      headers: { Authorization: bearer(tokenOf(ACME_POOL)), 'x-forwarded-host': UMBRELLA },
    });
    expect((await decide(w.handler, event)).kind).toBe('deny');
    expect(w.logger.lastReason()).toBe('host-tenant-mismatch');
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown> | undefined]>([
    ['a missing header', {}, undefined],
    ['an empty header', { 'x-forwarded-host': '' }, undefined],
    ['a list (something upstream appended)', { 'x-forwarded-host': `${ACME}, ${UMBRELLA}` }, undefined],
    ['two spellings of the header', { 'x-forwarded-host': ACME, 'X-Forwarded-Host': UMBRELLA }, undefined],
    ['a repeated header', { 'x-forwarded-host': ACME }, { 'x-forwarded-host': [UMBRELLA, ACME] }],
    ['a non-string header', { 'x-forwarded-host': [ACME] }, undefined],
  ])('answers Unauthorized for %s, before reading the registry', async (_, headers, multi) => {
    const w = world({ env: trusted });
    const decided = await decide(w.handler, viaCloudFront(bearer(tokenOf(ACME_POOL)), headers, multi));
    expect(decided.kind).toBe('unauthorized');
    expect(w.store.recordCalls).toEqual([]);
  });

  it('ignores x-forwarded-host when no header is trusted (the domain decides)', async () => {
    const w = world();
    const event = requestEvent(bearer(tokenOf(ACME_POOL)), ACME, {
      headers: { Authorization: bearer(tokenOf(ACME_POOL)), 'x-forwarded-host': UMBRELLA },
    });
    expect((await decide(w.handler, event)).kind).toBe('allow');
  });

  it('reads exactly that header into the request', () => {
    const event = viaCloudFront('Bearer x', { 'x-forwarded-host': ACME });
    expect(readAuthorizerEvent(event, 'x-forwarded-host')).toEqual({
      authorization: 'Bearer x',
      host: ACME,
      methodArn: METHOD_ARN,
    });
    expect(() => readAuthorizerEvent(viaCloudFront('Bearer x', {}), 'x-forwarded-host')).toThrow(
      InvalidEventError,
    );
  });

  it('names the variable and its values when misconfigured', () => {
    expect(() => loadConfig({ REGISTRY_PREFIX: PREFIX, TRUSTED_HOST_HEADER: 'forwarded' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ REGISTRY_PREFIX: PREFIX, TRUSTED_HOST_HEADER: 'forwarded' })).toThrow(
      /TRUSTED_HOST_HEADER must be one of host, x-forwarded-host/,
    );
    expect(
      loadConfig({ REGISTRY_PREFIX: PREFIX, TRUSTED_HOST_HEADER: 'X-Forwarded-Host' }).trustedHostHeader,
    ).toBe('x-forwarded-host');
  });
});
