/**
 * Properties of the gateway from the attacker's side: whatever the authorizer answers and
 * whatever a client sends, nothing but the documented outcomes comes out, a request is
 * allowed only when the policy allows its ARN, and the service never sees a tenant header
 * the client wrote.
 */

import { createAuthorizerStep } from '@cognito-tenancy/local-stack/gateway/authorize';
import { createAuthorizerCache } from '@cognito-tenancy/local-stack/gateway/authorizer-cache';
import {
  evaluatePolicy,
  InvalidPolicyError,
  resourceMatches,
} from '@cognito-tenancy/local-stack/gateway/policy';
import { matchRoute } from '@cognito-tenancy/local-stack/gateway/route-match';
import { serviceHeaders, TenantContextError } from '@cognito-tenancy/local-stack/gateway/tenant-headers';
import { ROUTES, TENANT_CONTEXT } from '@cognito-tenancy/registry/routes';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { allowResult, gatewayRequest } from './fixtures';

const ARN = 'arn:aws:execute-api:local:000000000000:localapi/local/GET/items';
const statement = fc.record(
  {
    Effect: fc.constantFrom('Allow', 'Deny', 'allow', 'Maybe'),
    Action: fc.oneof(
      fc.constantFrom('execute-api:Invoke', '*', 'execute-api:*', 's3:*'),
      fc.array(fc.string()),
    ),
    Resource: fc.oneof(
      fc.constantFrom('*', ARN, `${ARN}/*`, 'arn:aws:execute-api:*:*:*'),
      fc.string(),
      fc.array(fc.string()),
    ),
  },
  { requiredKeys: [] },
);
const payload = fc.oneof(
  fc.anything(),
  fc.record(
    {
      principalId: fc.oneof(fc.string(), fc.integer()),
      policyDocument: fc.oneof(
        fc.anything(),
        fc.record({ Statement: fc.oneof(statement, fc.array(statement)) }),
      ),
      context: fc.oneof(
        fc.anything(),
        fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean())),
      ),
    },
    { requiredKeys: [] },
  ),
);

describe('gateway properties', () => {
  it('maps any authorizer answer to a documented outcome, and allows only what the policy allows', async () => {
    await fc.assert(
      fc.asyncProperty(payload, async (answer) => {
        const step = createAuthorizerStep({
          functionName: 'authorizer',
          invoke: async () => ({ kind: 'result', payload: answer }),
          cache: createAuthorizerCache({ ttlSeconds: 0 }),
          identitySources: ['method.request.header.Authorization', 'context.domainName'],
        });
        const outcome = await step({ request: gatewayRequest(), event: {}, methodArn: ARN });
        expect(['allow', 'forbidden', 'error']).toContain(outcome.kind);
        if (outcome.kind === 'allow') {
          expect(evaluatePolicy((answer as { policyDocument: unknown }).policyDocument, ARN)).toBe('allow');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws anything but InvalidPolicyError on a policy, nor anything on a resource pattern', () => {
    fc.assert(
      fc.property(fc.anything(), fc.string(), (document, pattern) => {
        try {
          evaluatePolicy(document, ARN);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidPolicyError);
        }
        expect(typeof resourceMatches(pattern, ARN)).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });

  it('lets no client-written tenant header through, whatever the casing or count', () => {
    const names = fc.oneof(
      fc
        .constantFrom(...Object.values(TENANT_CONTEXT))
        .map((name) => name.replace(/[a-z]/g, (c) => (Math.random() < 0.5 ? c.toUpperCase() : c))),
      fc.string({ minLength: 1 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(names, fc.string())), (pairs) => {
        const raw = pairs.flat();
        const headers = serviceHeaders(raw, allowResult().context);
        for (const [key, header] of Object.entries(TENANT_CONTEXT)) {
          expect(headers[header]).toEqual([
            String(allowResult().context[key as keyof typeof TENANT_CONTEXT]),
          ]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses any context that lacks a key or holds a value that is not a header value', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...Object.keys(TENANT_CONTEXT)), fc.oneof(fc.string(), fc.integer())),
        (context) => {
          try {
            const headers = serviceHeaders([], context);
            for (const header of Object.values(TENANT_CONTEXT)) expect(headers[header]?.[0]).not.toBe('');
          } catch (error) {
            expect(error).toBeInstanceOf(TenantContextError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('routes any method and path without throwing, and never a path outside the table to a public route', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'get', 'X'),
        fc.webPath(),
        (method, path) => {
          const hit = matchRoute(ROUTES, method, path);
          if (hit.kind === 'route' && hit.route.auth === 'public')
            expect(['/config', '/tenant-match']).toContain(path.replace(/\/+$/, '').replace(/^\/+/, '/'));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
