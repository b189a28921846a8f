import { describe, expect, it } from '@jest/globals';
import { PetKeyError, petSortKey, petsTableDefinition, tenantPartition } from '../../src/pets-table';

describe('pets table keys', () => {
  it('puts the tenant id first in every key', () => {
    expect(tenantPartition('acme')).toBe('TENANT#acme');
    expect(petSortKey('00000000-0000-4000-8000-000000000001')).toBe(
      'PET#00000000-0000-4000-8000-000000000001',
    );
  });

  it.each(['acme#x', 'Acme', '', 'a', 'acme ', 'x'.repeat(40)])('refuses tenant id %j', (tenantId) => {
    expect(() => tenantPartition(tenantId)).toThrow(PetKeyError);
  });

  it.each(['', '#', '00000000-0000-4000-8000-000000000001#x', 'PET#00000000-0000-4000-8000-000000000001'])(
    'refuses pet id %j',
    (petId) => {
      expect(() => petSortKey(petId)).toThrow(PetKeyError);
    },
  );

  it('describes the table as infra creates it', () => {
    expect(petsTableDefinition('ct-dev-pets')).toMatchObject({
      TableName: 'ct-dev-pets',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    });
  });
});
