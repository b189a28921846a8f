/**
 * The attacker's side: admins of other tenants, members, forged headers and bodies,
 * injected filters, foreign shared-pool users, broken contexts. The documented safe
 * outcome each time, and never a Cognito sign-out or a cut-off for someone it should not be.
 */
import { describe, expect, it } from '@jest/globals';
import { createHandler } from '../../src/create-handler';
import { NOT_FOUND_BODY } from '../../src/errors';
import { ADMINS, fakeWorld, MEMBERS, signOutEvent, subOf } from '../support/world';

function world() {
  const w = fakeWorld();
  return { w, handler: createHandler(w.deps) };
}

describe('cross-tenant attempts', () => {
  it.each([
    ['a dedicated admin, a user of another dedicated pool', ADMINS.initech, 'bob'],
    ['a dedicated admin, a shared-pool user', ADMINS.acme, 'frank'],
    ['a shared-pool admin, a user of another tenant in the same pool', ADMINS.globex, 'chris'],
    ['a shared-pool admin, a dedicated pool user', ADMINS.umbrella, 'alice'],
  ])('answers %s exactly like an unknown user (404), touching nothing', async (_label, caller, target) => {
    const { w, handler } = world();
    const foreign = await handler(signOutEvent({ caller, target: subOf(target) }));
    const unknown = await handler(signOutEvent({ caller, target: subOf('nobody-at-all') }));
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(NOT_FOUND_BODY);
    expect(foreign).toEqual(unknown);
    expect(w.writes).toEqual([]);
    expect(w.signOuts).toEqual([]);
  });

  it('looks the target up only in the caller tenant’s own pool', async () => {
    const { w, handler } = world();
    await handler(signOutEvent({ caller: ADMINS.initech, target: subOf('bob') }));
    expect(w.lookups.userSearches.map((s) => s.userPoolId)).toEqual(['eu-west-1_Initech1']);
  });

  it.each([
    ['a native user of the shared pool (no IdP)', 'shared-native'],
    ['a user whose identities cannot be read', 'broken'],
    ['a user whose username names the tenant’s IdP but whose identity is another’s', 'mixed'],
    ['a user linked to the tenant’s IdP and another tenant’s', 'linked'],
  ])('does not count %s as the tenant’s', async (_label, target) => {
    const { w, handler } = world();
    const response = await handler(signOutEvent({ caller: ADMINS.globex, target: subOf(target) }));
    expect(response.statusCode).toBe(404);
    expect(w.signOuts).toEqual([]);
  });
});

describe('who the caller is comes only from the authorizer context', () => {
  it('ignores tenant and group headers and a body that claim admin rights', async () => {
    const { w, handler } = world();
    const response = await handler(
      signOutEvent({
        caller: MEMBERS.acme,
        headers: {
          'x-tenant-id': 'acme',
          'x-user-groups': '["Admins"]',
          'x-user-sub': subOf('alice'),
          authorization: 'Bearer forged',
        },
        body: JSON.stringify({ tenantId: 'acme', groups: ['Admins'], sub: subOf('alice') }),
      }),
    );
    expect(response.statusCode).toBe(403);
    expect(w.writes).toEqual([]);
  });

  it('does not let another tenant’s admin group name grant rights', async () => {
    const { w, handler } = world();
    const response = await handler(
      signOutEvent({ caller: { tenantId: 'globex', name: 'frank', groups: ['research-admins', 'Admins'] } }),
    );
    expect(response.statusCode).toBe(403);
    expect(w.lookups.userSearches).toEqual([]);
  });

  it.each([
    ['no authorizer context', undefined],
    ['an empty context', {}],
    ['a tenant id that is not one', { tenantId: '../acme', sub: subOf('alice'), groups: '["Admins"]' }],
    ['a sub that is not a UUID', { tenantId: 'acme', sub: 'alice', groups: '["Admins"]' }],
    ['groups that are not JSON', { tenantId: 'acme', sub: subOf('alice'), groups: 'Admins' }],
    ['groups that are not a list of strings', { tenantId: 'acme', sub: subOf('alice'), groups: '[1]' }],
    [
      'groups as a real array (not the contract)',
      { tenantId: 'acme', sub: subOf('alice'), groups: ['Admins'] },
    ],
    [
      'oversized groups',
      { tenantId: 'acme', sub: subOf('alice'), groups: JSON.stringify(['x'.repeat(40_000)]) },
    ],
    [
      'an inherited tenant id',
      Object.create({ tenantId: 'acme', sub: subOf('alice'), groups: '["Admins"]' }),
    ],
  ])('answers 500 (deployment error) for %s, never a guess', async (_label, authorizer) => {
    const { w, handler } = world();
    const event = signOutEvent({ caller: null, ...(authorizer === undefined ? {} : { authorizer }) });
    const response = await handler(event);
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ message: 'Internal error' });
    expect(w.lookups).toEqual({ tenantGets: [], userSearches: [] });
    expect(w.logger.lines[0]?.fields.reason).toBe('authorizer-context-invalid');
  });
});

describe('the target sub is validated before it reaches a filter or a key', () => {
  it.each([
    ['a filter injection', '" or sub ^= "'],
    ['a quote inside a UUID-length value', `${subOf('bob').slice(0, 35)}"`],
    ['a key separator', `acme#${subOf('bob')}`],
    ['a path traversal', '../../x'],
    ['a huge value', 'a'.repeat(100_000)],
    ['unicode that lowercases to hex', 'İ'.repeat(36)],
    ['a UUID with braces', `{${subOf('bob')}}`],
  ])('refuses %s with 400', async (_label, target) => {
    const { w, handler } = world();
    const response = await handler(signOutEvent({ target }));
    expect(response.statusCode).toBe(400);
    expect(w.lookups).toEqual({ tenantGets: [], userSearches: [] });
  });
});

describe('logs', () => {
  it('never contain the token, headers, body or group names', async () => {
    const { w, handler } = world();
    await handler(
      signOutEvent({
        caller: MEMBERS.globex,
        headers: { authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.secret.sig' },
        body: 'password=hunter2',
      }),
    );
    await handler(signOutEvent({ caller: ADMINS.acme }));
    const text = JSON.stringify(w.logger.lines);
    expect(text).not.toMatch(/eyJ|hunter2|sg-app-users|Readers|Bearer/);
  });
});
