import { describe, expect, it } from '@jest/globals';
import { AuthorizerContextError, readCaller } from '../../src/authorizer-caller';
import { thrown } from '../support/thrown';

const PATTERNS = { tenantId: /^[a-z][a-z0-9-]{1,31}$/, sub: /^[0-9a-f-]{36}$/ };
const SUB = '0f8fad5b-d9cb-469f-a165-70867728950e';
const event = (authorizer: unknown) => ({ requestContext: { authorizer } });

const fieldOf = (value: unknown) =>
  thrown(() => readCaller(event(value), PATTERNS), AuthorizerContextError).field;

describe('readCaller', () => {
  it('reads the tenant, sub and groups the authorizer set', () => {
    expect(readCaller(event({ tenantId: 'acme', sub: SUB, groups: '["admins"]' }), PATTERNS)).toEqual({
      tenantId: 'acme',
      sub: SUB,
      groups: ['admins'],
    });
  });

  it.each([
    [undefined, 'tenantId'],
    [{ tenantId: 'ACME', sub: SUB, groups: '[]' }, 'tenantId'],
    [{ tenantId: 'acme', sub: 'alice', groups: '[]' }, 'sub'],
    [{ tenantId: 'acme', sub: SUB }, 'groups'],
    [{ tenantId: 'acme', sub: SUB, groups: 'admins' }, 'groups'],
    [{ tenantId: 'acme', sub: SUB, groups: '[1]' }, 'groups'],
    [{ tenantId: 'acme', sub: SUB, groups: '{}' }, 'groups'],
    [{ tenantId: 'acme', sub: SUB, groups: JSON.stringify(Array(1001).fill('g')) }, 'groups'],
    [{ tenantId: 'acme', sub: SUB, groups: `["${'g'.repeat(40_000)}"]` }, 'groups'],
  ])('refuses %j, naming %s', (authorizer, field) => {
    expect(fieldOf(authorizer)).toBe(field);
  });

  it('ignores inherited fields', () => {
    const authorizer = Object.create({ tenantId: 'acme', sub: SUB, groups: '[]' });
    expect(fieldOf(authorizer)).toBe('tenantId');
  });
});
