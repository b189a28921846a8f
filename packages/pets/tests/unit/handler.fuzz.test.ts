/**
 * Properties over generated request sequences and arbitrary events:
 * 1. isolation: whatever callers of two tenants send (forged headers, other tenants' ids in
 *    the path, any body), every stored pet sits in its writer's tenant partition, was
 *    written by that tenant's admin, and every answer shows only the caller's tenant's pets;
 * 2. robustness: any input yields a documented status, never a throw.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  acmeAdmin,
  acmeMember,
  type Caller,
  event,
  GLOBEX_ADMIN_SUB,
  globexAdmin,
  world,
} from '../support/world';

const globexMember: Caller = { tenantId: 'globex', sub: '44444444-4444-4444-8444-444444444444', groups: [] };
const CALLERS = [acmeAdmin, acmeMember, globexAdmin, globexMember];
const ADMINS: Record<string, string> = { acme: acmeAdmin.sub, globex: GLOBEX_ADMIN_SUB };

const forgedHeaders = fc.dictionary(
  fc.constantFrom(
    'X-Tenant-Id',
    'x_tenant_id',
    'X-User-Groups',
    'x-user-sub',
    'Content-Type',
    'content-type',
  ),
  fc.constantFrom('globex', 'acme', '["Admins"]', '["sg-app-admins"]', 'application/json', 'text/plain'),
);

const bodyArb = fc.oneof(
  fc
    .record({
      name: fc.string({ maxLength: 70 }),
      species: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
    })
    .map((b) => JSON.stringify(b)),
  fc
    .record({ name: fc.constant('x'), tenantId: fc.constantFrom('acme', 'globex') })
    .map((b) => JSON.stringify(b)),
  fc.string({ maxLength: 200 }),
  fc.constant(null),
);

const requestArb = fc.record({
  caller: fc.constantFrom(...CALLERS),
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'get'),
  // `known` picks an id the system created (possibly another tenant's).
  path: fc.oneof(
    fc.constant('/pets'),
    fc.nat({ max: 20 }).map((n) => ({ known: n })),
    fc.string({ maxLength: 60 }).map((s) => `/pets/${s}`),
    fc.string({ maxLength: 30 }),
  ),
  headers: forgedHeaders,
  body: bodyArb,
});

const STATUSES = new Set([200, 201, 204, 400, 403, 404, 405]);

describe('pets properties', () => {
  it('one tenant never reads or writes another tenant’s pets, whatever it sends', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(requestArb, { minLength: 1, maxLength: 25 }), async (requests) => {
        const { handler, dynamo } = world();
        const created: string[] = [];
        const owner = new Map<string, string>();
        for (const r of requests) {
          const path =
            typeof r.path === 'string'
              ? r.path
              : `/pets/${created[r.path.known % Math.max(created.length, 1)] ?? 'none'}`;
          const headers =
            r.method === 'POST' && r.body !== null
              ? { 'Content-Type': 'application/json', ...r.headers }
              : r.headers;
          const response = await handler(event(r.caller, { method: r.method, path, headers, body: r.body }));
          expect(STATUSES.has(response.statusCode)).toBe(true);
          if (response.statusCode === 201) {
            const pet = JSON.parse(response.body) as { id: string };
            created.push(pet.id);
            owner.set(pet.id, r.caller.tenantId);
            expect(r.caller.sub).toBe(ADMINS[r.caller.tenantId]);
          }
          if (response.statusCode === 200) {
            const answer = JSON.parse(response.body) as { pets?: Array<{ id: string }>; id?: string };
            const shown = answer.pets ?? [answer as { id: string }];
            for (const pet of shown) expect(owner.get(pet.id)).toBe(r.caller.tenantId);
          }
        }
        for (const item of dynamo.pets.values()) {
          const tenant = String(item.tenantId?.S);
          expect(item.pk?.S).toBe(`TENANT#${tenant}`);
          expect(item.createdBy?.S).toBe(ADMINS[tenant]);
          expect(owner.get(String(item.id?.S))).toBe(tenant);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('any event at all yields a documented status and never throws', async () => {
    const { handler } = world();
    await fc.assert(
      fc.asyncProperty(fc.anything({ withObjectString: true, withNullPrototype: true }), async (input) => {
        const response = await handler(input);
        expect([...STATUSES, 500, 503]).toContain(response.statusCode);
      }),
      { numRuns: 500 },
    );
  });
});
