import { describe, expect, it } from '@jest/globals';
import { marshalItem } from '../../src/dynamodb-json';

describe('marshalItem', () => {
  it('marshals registry items as the SDK does', () => {
    expect(
      marshalItem({
        pk: 'DOMAIN#acme.example',
        includeSubdomains: false,
        emailDomains: ['acme.example'],
        groups: { allow: [], prefixes: ['app-'] },
        size: 3,
        skipped: undefined,
      }),
    ).toEqual({
      pk: { S: 'DOMAIN#acme.example' },
      includeSubdomains: { BOOL: false },
      emailDomains: { L: [{ S: 'acme.example' }] },
      groups: { M: { allow: { L: [] }, prefixes: { L: [{ S: 'app-' }] } } },
      size: { N: '3' },
    });
  });

  it('refuses values the registry never stores, naming the field', () => {
    expect(() => marshalItem({ groups: { allow: [null] } })).toThrow(
      'item.groups.allow[0]: cannot store null',
    );
    expect(() => marshalItem({ n: Number.NaN })).toThrow(/item\.n/);
  });
});
