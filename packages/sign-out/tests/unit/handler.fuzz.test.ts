/**
 * fast-check properties over arbitrary events: the handler never throws, answers only the
 * documented statuses, and signs a user out only when an admin of that user's tenant asks.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createHandler } from '../../src/create-handler';
import { belongsToTenant } from '../../src/sign-out-user';
import { fakeWorld, signOutEvent, subOf, TENANTS, USERS } from '../support/world';

const STATUSES = [200, 400, 403, 404, 405, 500, 503];
const names = [
  'alice',
  'bob',
  'peter',
  'milton',
  'hank',
  'frank',
  'ada',
  'chris',
  'gavin',
  'mixed',
  'linked',
];
const groupNames = ['Admins', 'Readers', 'CN=App Admins,OU=Groups', 'sg-app-admins', 'research-admins', 'x'];

const anything = fc.anything({ withNullPrototype: true, withObjectString: true });
const tenantId = fc.oneof(fc.constantFrom(...Object.keys(TENANTS), 'nobody'), fc.string());
const sub = fc.oneof(
  fc.constantFrom(...names).map(subOf),
  fc.uuid(),
  fc.string(),
  fc.constantFrom('" or sub ^= "', ''),
);
const groups = fc.oneof(
  fc.array(fc.constantFrom(...groupNames), { maxLength: 4 }).map((list) => JSON.stringify(list)),
  fc.string(),
  anything,
);
const authorizer = fc.oneof(fc.record({ tenantId, sub, groups }, { requiredKeys: [] }), anything);
const event = fc.record({
  method: fc.constantFrom('POST', 'GET', 'post', ''),
  target: fc.oneof(sub, fc.constant(null)),
  authorizer,
});

function isAdminOfTargetsTenant(auth: unknown, target: string | null): boolean {
  if (typeof auth !== 'object' || auth === null) return false;
  const { tenantId: id, groups: raw } = auth as { tenantId?: unknown; groups?: unknown };
  const tenant = typeof id === 'string' && Object.hasOwn(TENANTS, id) ? TENANTS[id] : undefined;
  if (!tenant?.adminGroup || typeof raw !== 'string') return false;
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    return false;
  }
  if (!Array.isArray(list) || !list.includes(tenant.adminGroup)) return false;
  const user = (USERS[tenant.userPoolId] ?? []).find((u) => u.sub === target?.toLowerCase());
  return user !== undefined && belongsToTenant(tenant, user);
}

describe('handler properties', () => {
  it('never throws, answers documented statuses, and signs out only for an admin of the user’s tenant', async () => {
    await fc.assert(
      fc.asyncProperty(event, async (input) => {
        const world = fakeWorld();
        const handler = createHandler(world.deps);
        const response = await handler(
          // caller null: an `undefined` authorizer stays absent instead of falling back to an admin.
          signOutEvent({
            method: input.method,
            target: input.target,
            caller: null,
            authorizer: input.authorizer,
          }),
        );
        expect(STATUSES).toContain(response.statusCode);
        expect(() => JSON.parse(response.body)).not.toThrow();
        if (world.signOuts.length > 0 || world.writes.length > 0) {
          expect(response.statusCode).toBe(200);
          expect(isAdminOfTargetsTenant(input.authorizer, input.target)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never answers 500 to a well-formed context, whatever the target', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), sub, async (caller, target) => {
        const world = fakeWorld();
        const response = await createHandler(world.deps)(
          signOutEvent({ caller: { tenantId: 'acme', name: caller, groups: ['Admins'] }, target }),
        );
        expect([200, 400, 404]).toContain(response.statusCode);
      }),
      { numRuns: 300 },
    );
  });
});
