/**
 * `deploy` refuses a tenant-stacks environment whose platform state still holds the one-stack
 * layout's tenant resources (layout-guard.ts): a flipped flag must go through `migrate`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnvironment } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';
import { layoutRefusal, oneStackLeftovers } from '../../src/layout-guard';

const resource = (type: string, name: string, mode = 'managed') => ({ mode, type, name, instances: [] });

/** A local-state environment (no account): its platform state is `<dir>/terraform.<env>.tfstate`. */
function localEnvironment(tenantStacks: boolean) {
  const env = parseEnvironment(
    {
      environment: 'guard',
      region: 'eu-west-1',
      tenantStacks,
      tenants: [],
    },
    'guard.json',
    '.',
  );
  const dir = mkdtempSync(join(tmpdir(), 'ct-guard-'));
  const out = join(dir, 'cdktf.out');
  mkdirSync(join(out, 'stacks', 'guard'), { recursive: true });
  return { env, out, stateFile: join(dir, 'terraform.guard.tfstate') };
}

describe('oneStackLeftovers', () => {
  it('names the tenant-only resources of a one-stack state', () => {
    const state = {
      resources: [
        resource('aws_cognito_user_pool', 'shared-pool'),
        resource('aws_cognito_identity_provider', 'idp-acme'),
        resource('aws_dynamodb_table_item', 'item-tenant-acme'),
        resource('aws_cognito_user_pool_client', 'x', 'data'),
      ],
    };
    expect(oneStackLeftovers(state)).toEqual([
      'aws_cognito_identity_provider.idp-acme',
      'aws_dynamodb_table_item.item-tenant-acme',
    ]);
  });

  it.each([null, 'text', 7, {}, { resources: 'x' }, { resources: [null, 3] }])(
    'finds nothing in a malformed state (%p) instead of crashing',
    (state) => {
      expect(oneStackLeftovers(state)).toEqual([]);
    },
  );
});

describe('layoutRefusal', () => {
  it('refuses a tenant-stacks deploy over a one-stack state, naming migrate', async () => {
    const { env, out, stateFile } = localEnvironment(true);
    writeFileSync(
      stateFile,
      JSON.stringify({ resources: [resource('aws_cognito_identity_provider', 'idp-a')] }),
    );
    await expect(layoutRefusal(env, out)).resolves.toMatch(
      /still holds 1 tenant resources .*aws_cognito_identity_provider\.idp-a.*migrate guard/,
    );
  });

  it('lets a platform state, a missing state and a one-stack environment through', async () => {
    const platform = localEnvironment(true);
    writeFileSync(
      platform.stateFile,
      JSON.stringify({ resources: [resource('aws_cognito_user_pool', 'p')] }),
    );
    await expect(layoutRefusal(platform.env, platform.out)).resolves.toBeUndefined();
    const fresh = localEnvironment(true);
    await expect(layoutRefusal(fresh.env, fresh.out)).resolves.toBeUndefined();
    const oneStack = localEnvironment(false);
    writeFileSync(
      oneStack.stateFile,
      JSON.stringify({ resources: [resource('aws_cognito_identity_provider', 'i')] }),
    );
    await expect(layoutRefusal(oneStack.env, oneStack.out)).resolves.toBeUndefined();
  });

  it('refuses a damaged state rather than deploying over it', async () => {
    const { env, out, stateFile } = localEnvironment(true);
    writeFileSync(stateFile, '{"resources": [');
    await expect(layoutRefusal(env, out)).resolves.toMatch(/is not JSON; repair it/);
  });
});
