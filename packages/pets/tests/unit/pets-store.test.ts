import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { marshallItem } from '@cognito-tenancy/registry/attribute-values';
import { describe, expect, it } from '@jest/globals';
import { DependencyError } from '../../src/errors';
import { createPetsStore, petFromItem } from '../../src/pets-store';

const ID = '00000000-0000-4000-8000-000000000001';
const stored = {
  pk: 'TENANT#acme',
  sk: `PET#${ID}`,
  tenantId: 'acme',
  id: ID,
  name: 'Rex',
  createdAt: '2026-12-04T12:00:00.000Z',
  createdBy: '11111111-1111-4111-8111-111111111111',
};

function reason(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof DependencyError ? error.reason : 'other';
  }
  return undefined;
}

describe('petFromItem', () => {
  it('shows only the public fields', () => {
    expect(petFromItem('acme', marshallItem(stored))).toEqual({
      id: ID,
      name: 'Rex',
      createdAt: '2026-12-04T12:00:00.000Z',
    });
  });

  it.each([
    ['another partition', { pk: 'TENANT#globex' }],
    ['another tenant', { tenantId: 'globex' }],
    ['a sort key of another id', { sk: 'PET#00000000-0000-4000-8000-000000000002' }],
    ['a bad id', { id: 'x' }],
    ['no name', { name: '' }],
    ['a numeric species', { species: 3 }],
    ['a bad date', { createdAt: 'yesterday' }],
  ])('fails closed on an item with %s', (_what, change) => {
    expect(reason(() => petFromItem('acme', marshallItem({ ...stored, ...change })))).toBe(
      'pet-record-invalid',
    );
  });
});

describe('createPetsStore', () => {
  it('turns a conditional failure (id collision) and SDK errors into pets-store-unavailable', async () => {
    const collision = createPetsStore({
      client: {
        send: async () => {
          throw new ConditionalCheckFailedException({ message: 'exists', $metadata: {} });
        },
      } as never,
      tableName: 'pets',
    });
    const down = createPetsStore({
      client: {
        send: async () => {
          throw new Error('socket hang up');
        },
      } as never,
      tableName: 'pets',
    });
    const meta = { createdAt: stored.createdAt, createdBy: stored.createdBy };

    await expect(collision.create('acme', ID, { name: 'Rex' }, meta)).rejects.toMatchObject({
      reason: 'pets-store-unavailable',
    });
    await expect(down.get('acme', ID)).rejects.toMatchObject({ reason: 'pets-store-unavailable' });
    await expect(down.list('acme', 10)).rejects.toBeInstanceOf(DependencyError);
  });
});
