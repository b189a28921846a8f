import { CommandError } from '@cognito-tenancy/tenant-tool/errors';
import { poolFromOutputs } from '@cognito-tenancy/tenant-tool/sp-info/deploy-outputs';
import { describe, expect, it } from '@jest/globals';

describe('poolFromOutputs', () => {
  it('reads CDKTF outputs (stack -> output -> value), splitting camelCase names', () => {
    const outputs = {
      'cognito-tenancy-dev': {
        acmeUserPoolId: 'eu-west-1_Acme1',
        acmeUserPoolClientId: 'acmeclient0123456789abcdef',
        sharedUserPoolId: 'eu-west-1_Shared1',
      },
    };
    expect(poolFromOutputs(outputs, ['acme'], 'eu-west-1', 2)).toEqual({
      userPoolId: 'eu-west-1_Acme1',
      clientId: 'acmeclient0123456789abcdef',
    });
    expect(poolFromOutputs(outputs, ['shared'], 'eu-west-1', 2)).toEqual({ userPoolId: 'eu-west-1_Shared1' });
  });

  it('reads maps given as JSON strings', () => {
    const outputs = {
      stack: {
        pools: JSON.stringify({
          acme: { userPoolId: 'eu-west-1_A' },
          'acme-eu': { userPoolId: 'eu-west-1_B' },
        }),
      },
    };
    expect(poolFromOutputs(outputs, ['acme'], 'eu-west-1', 3).userPoolId).toBe('eu-west-1_A');
    expect(poolFromOutputs(outputs, ['acme-eu'], 'eu-west-1', 3).userPoolId).toBe('eu-west-1_B');
  });

  it("reads a tenant stack's outputs (tenantStacks: keyed by stack <env>--<id>)", () => {
    const outputs = {
      dev: { shared_pool: { user_pool_id: 'eu-west-1_Shard0', hosted_ui_domain: 'x' } },
      'dev--acme': { tenant: { user_pool_id: 'eu-west-1_Acme1', client_id: 'acmeclient0123456789abcdef' } },
      'dev--acme-eu': {
        tenant: { user_pool_id: 'eu-west-1_AcmeEu', client_id: 'acmeeuclient0123456789abcd' },
      },
      'dev--globex': {
        tenant: { user_pool_id: 'eu-west-1_Shard0', client_id: 'globexclient0123456789abcd' },
      },
    };
    const of = (keys: string[]) => poolFromOutputs(outputs, keys, 'eu-west-1', 3, 'outputs', [], 'dev');
    expect(of(['acme'])).toEqual({ userPoolId: 'eu-west-1_Acme1', clientId: 'acmeclient0123456789abcdef' });
    expect(of(['acme-eu']).userPoolId).toBe('eu-west-1_AcmeEu');
    // A shared tenant's own client, before its shard's output.
    expect(of(['globex', 'shared_pool'])).toEqual({
      userPoolId: 'eu-west-1_Shard0',
      clientId: 'globexclient0123456789abcd',
    });
    // `eu` is not the tenant of `dev--acme-eu`; nor is `bar` that of `dev--foo--bar`.
    expect(of(['eu'])).toEqual({});
    const nested = { 'dev--foo--bar': { tenant: { user_pool_id: 'eu-west-1_FooBar' } } };
    expect(poolFromOutputs(nested, ['bar'], 'eu-west-1', 3, 'outputs', [], 'dev')).toEqual({});
    expect(poolFromOutputs(nested, ['foo--bar'], 'eu-west-1', 3, 'outputs', [], 'dev').userPoolId).toBe(
      'eu-west-1_FooBar',
    );
    // Another environment's stacks are not this one's tenants.
    expect(poolFromOutputs(outputs, ['acme'], 'eu-west-1', 3, 'outputs', [], 'prod')).toEqual({});
  });

  it('ignores ids of other regions', () => {
    expect(poolFromOutputs({ acme_pool: 'us-east-1_A' }, ['acme'], 'eu-west-1', 2)).toEqual({});
  });

  it('takes the only id when the environment has only one pool', () => {
    expect(
      poolFromOutputs({ user_pool_id: { value: 'eu-west-1_Only' } }, ['shared'], 'eu-west-1', 1),
    ).toEqual({
      userPoolId: 'eu-west-1_Only',
    });
    expect(
      poolFromOutputs({ user_pool_id: { value: 'eu-west-1_Only' } }, ['shared'], 'eu-west-1', 2),
    ).toEqual({});
  });

  it("reads infra's terraform outputs: a shared tenant by its id, its client through the shared pool", () => {
    const outputs = {
      shared_pool: {
        sensitive: false,
        type: ['object', {}],
        value: {
          user_pool_id: 'eu-west-1_Shared1',
          client_id: 'sharedclient0123456789abc',
          hosted_ui_domain: 'x',
        },
      },
      dedicated_pools: {
        value: {
          acme: {
            user_pool_id: 'eu-west-1_Acme1',
            client_id: 'acmeclient0123456789abcdef',
            hosted_ui_domain: 'y',
          },
        },
      },
      tenants: {
        value: {
          acme: {
            pattern: 'dedicated',
            user_pool_id: 'eu-west-1_Acme1',
            audience: 'urn:amazon:cognito:sp:eu-west-1_Acme1',
          },
          globex: {
            pattern: 'shared',
            user_pool_id: 'eu-west-1_Shared1',
            audience: 'urn:amazon:cognito:sp:eu-west-1_Shared1',
          },
        },
      },
    };
    expect(poolFromOutputs(outputs, ['globex', 'shared'], 'eu-west-1', 2)).toEqual({
      userPoolId: 'eu-west-1_Shared1',
      clientId: 'sharedclient0123456789abc',
    });
    expect(poolFromOutputs(outputs, ['acme'], 'eu-west-1', 2)).toEqual({
      userPoolId: 'eu-west-1_Acme1',
      clientId: 'acmeclient0123456789abcdef',
    });
  });

  it('refuses to guess between two ids that match', () => {
    const outputs = { acme_pool_id: 'eu-west-1_A', acme_old_pool_id: 'eu-west-1_B' };
    expect(() => poolFromOutputs(outputs, ['acme'], 'eu-west-1', 2)).toThrow(CommandError);
    expect(() => poolFromOutputs(outputs, ['acme'], 'eu-west-1', 2)).toThrow(
      /2 different user pool ids match 'acme'/,
    );
  });
});
