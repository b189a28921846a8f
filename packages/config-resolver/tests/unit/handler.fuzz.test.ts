import { normalizeHost } from '@cognito-tenancy/registry/normalize';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { BODIES } from '../../src/outcome';
import { hostRecord, httpEvent, restEvent, setup } from '../helpers';

const DOCUMENTED = [200, 204, 400, 404, 405, 503];
const registry = {
  'acme.app.example.com': hostRecord('acme'),
  'globex.app.example.com': hostRecord('globex'),
};
const TENANT_OF: Record<string, string> = {
  'acme.app.example.com': 'acme',
  'globex.app.example.com': 'globex',
};

const hostLike = fc.oneof(
  fc.constantFrom(
    'acme.app.example.com',
    'ACME.app.example.com.',
    'globex.app.example.com:443',
    'a.execute-api.eu-west-1.amazonaws.com',
  ),
  fc.domain(),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.anything(),
);

const headers = fc.dictionary(
  fc.oneof(fc.constantFrom('Host', 'host', 'X-Forwarded-Host', 'origin', 'Origin'), fc.string()),
  fc.oneof(hostLike, fc.array(hostLike, { maxLength: 3 })),
  { maxKeys: 5 },
);

const method = fc.oneof(fc.constantFrom('GET', 'OPTIONS', 'POST', 'get'), fc.string());

const event = fc.oneof(
  fc.record({ domainName: hostLike, method, headers }).map((e) => restEvent(e)),
  fc.record({ domainName: hostLike, method, multiValueHeaders: headers }).map((e) => restEvent(e)),
  fc.record({ domainName: hostLike, method, headers }).map((e) => httpEvent(e)),
  fc.anything(),
  fc.record({ requestContext: fc.anything(), httpMethod: fc.anything(), headers: fc.anything() }),
);

async function check(env: Record<string, string>) {
  const { handler } = setup({ registry, env });
  await fc.assert(
    fc.asyncProperty(event, async (input) => {
      const response = await handler(input);
      expect(DOCUMENTED).toContain(response.statusCode);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      if (response.statusCode === 200) {
        // A 200 is only ever the tenant registered for the trusted host.
        const domain = (input as { requestContext: { domainName: unknown } }).requestContext.domainName;
        const raw = env.TRUSTED_HOST_HEADER ? undefined : domain;
        const tenant = JSON.parse(response.body).tenantId;
        if (raw !== undefined) {
          const host = normalizeHost(raw);
          expect(host.ok && TENANT_OF[host.value]).toBe(tenant);
        } else {
          expect(['acme', 'globex']).toContain(tenant);
        }
      } else if (response.statusCode !== 204) {
        expect(Object.values(BODIES)).toContain(response.body);
      }
    }),
    { numRuns: 1500 },
  );
}

describe('config-resolver handler properties', () => {
  it('answers any event with a documented status and never lets an error escape', async () => {
    await check({});
  });

  it('does the same when a host header is trusted', async () => {
    await check({ TRUSTED_HOST_HEADER: 'x-forwarded-host', CORS_ALLOWED_ORIGINS: 'https://app.example.com' });
  });
});
