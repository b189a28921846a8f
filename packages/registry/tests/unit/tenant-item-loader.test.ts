import { describe, expect, it } from '@jest/globals';
import { marshallItem } from '../../src/attribute-values';
import { RecordFormatError } from '../../src/records';
import { type GetItemInput, tenantItemLoader } from '../../src/tenant-item-loader';

const GLOBEX = {
  tenantId: 'globex',
  pattern: 'shared',
  userPoolId: 'eu-west-1_Shared1',
  providerNames: ['GlobexEntra'],
  adminGroup: 'Admins',
};

function table(items: Readonly<Record<string, Readonly<Record<string, unknown>>>>) {
  const inputs: GetItemInput[] = [];
  const load = tenantItemLoader(async (input) => {
    inputs.push(input);
    const pk = input.Key.pk?.S ?? '';
    return Object.hasOwn(items, pk) ? { Item: items[pk] } : {};
  }, 'ct-dev-tenants');
  return { load, inputs };
}

describe('tenantItemLoader', () => {
  it('reads TENANT#<id> from the table by its exact key and parses it', async () => {
    const { load, inputs } = table({ 'TENANT#globex': marshallItem({ pk: 'TENANT#globex', ...GLOBEX }) });
    await expect(load('globex')).resolves.toEqual(GLOBEX);
    expect(inputs).toEqual([{ TableName: 'ct-dev-tenants', Key: { pk: { S: 'TENANT#globex' } } }]);
  });

  it('answers undefined for a tenant without an item', async () => {
    await expect(table({}).load('initech')).resolves.toBeUndefined();
  });

  it('refuses an item filed under another tenant', async () => {
    const { load } = table({ 'TENANT#acme': marshallItem({ pk: 'TENANT#acme', ...GLOBEX }) });
    await expect(load('acme')).rejects.toThrow(RecordFormatError);
  });

  it('refuses a damaged item', async () => {
    const { load } = table({ 'TENANT#globex': marshallItem({ pk: 'TENANT#globex', tenantId: 'globex' }) });
    await expect(load('globex')).rejects.toThrow(RecordFormatError);
  });

  it('reads nothing for an id that is not a tenant id', async () => {
    const { load, inputs } = table({});
    await expect(load('Globex#x')).rejects.toThrow();
    expect(inputs).toEqual([]);
  });
});
