import { parseHostRecord } from '@cognito-tenancy/registry/records';
import { describe, expect, it, jest } from '@jest/globals';
import { InvalidHostError, PlatformHostError, UnknownTenantError } from '../../src/errors';
import type { HostLookup } from '../../src/host-lookup';
import { resolveConfig } from '../../src/resolve-config';
import { hostRecord, PREFIX } from '../helpers';

const known: HostLookup = async (tenant) =>
  tenant.host === 'acme.app.example.com'
    ? { value: parseHostRecord(hostRecord('acme')), source: 'hit' }
    : { value: undefined, source: 'load' };

describe('resolveConfig', () => {
  it('resolves a known host to its public config', async () => {
    const resolved = await resolveConfig('Acme.App.Example.com', { registryPrefix: PREFIX, lookup: known });
    expect(resolved.host).toBe('acme.app.example.com');
    expect(resolved.source).toBe('hit');
    expect(resolved.config.tenantId).toBe('acme');
  });

  it('throws UnknownTenantError for a host without a record', async () => {
    await expect(
      resolveConfig('globex.example.com', { registryPrefix: PREFIX, lookup: known }),
    ).rejects.toThrow(UnknownTenantError);
  });

  it('validates before any lookup', async () => {
    const lookup = jest.fn(known);
    await expect(resolveConfig('../acme', { registryPrefix: PREFIX, lookup })).rejects.toThrow(
      InvalidHostError,
    );
    await expect(
      resolveConfig('a1.execute-api.eu-west-1.amazonaws.com', { registryPrefix: PREFIX, lookup }),
    ).rejects.toThrow(PlatformHostError);
    expect(lookup).not.toHaveBeenCalled();
  });
});
