/**
 * More shared tenants than one pool holds (Cognito: 300 IdPs per pool): dev plus generated
 * shared tenants placed as `tenant add` places them, so shard shared-00 is full and shard
 * shared-01 holds the rest. Shard shared-00 keeps every address of the unsharded stack.
 */
import { MAX_TENANTS_PER_SHARED_POOL, nextSharedPool } from '@cognito-tenancy/registry/shared-pools';
import { describe, expect, it } from '@jest/globals';
import { resourceNames } from '../../src/names';
import { type Body, ref, resources, resourceWhere, stack } from '../support/synthesized';
import { rawEnvironment, synthVariant } from '../support/variant-stack';

const raw = rawEnvironment('dev');
const tenants = [...(raw.tenants as Body[])];
const existing = tenants.filter((t) => t.pattern === 'shared').length;
// Two more than shared-00 holds: the last two go to shared-01.
for (let i = 0; i < MAX_TENANTS_PER_SHARED_POOL - existing + 2; i += 1) {
  const id = `s${String(i).padStart(4, '0')}`;
  tenants.push({
    id,
    displayName: `Shared ${i}`,
    pattern: 'shared',
    emailDomains: [`${id}.example`],
    idp: { name: `Idp-${id}`, metadataUrl: `https://idp.${id}.example/saml` },
    callbackUrls: ['https://app.dev.example.com/callback'],
    sharedPool: nextSharedPool(tenants as { pattern: 'shared' | 'dedicated'; sharedPool?: string }[]),
  });
}
const s = synthVariant({ ...raw, tenants });
const names = resourceNames('dev');
const shard01 = tenants.filter((t) => t.sharedPool === 'shared-01').map((t) => t.id as string);

function poolKey(name: string): string {
  return resourceWhere(s, 'aws_cognito_user_pool', 'name', name)[0];
}
const poolRef = (name: string) => ref('aws_cognito_user_pool', poolKey(name), 'id');

describe(`${MAX_TENANTS_PER_SHARED_POOL + 2} shared tenants in two shards`, () => {
  it('places the overflow in shared-01 and leaves the file’s tenants in shared-00', () => {
    expect(shard01).toEqual(['s0298', 's0299']);
    expect(tenants.filter((t) => t.id === 'globex' || t.id === 'umbrella').map((t) => t.sharedPool)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('makes one pool per shard: shared-00 at the unsharded address, shared-NN suffixed', () => {
    const devKey = resourceWhere(stack('dev'), 'aws_cognito_user_pool', 'name', names.sharedPool)[0];
    expect(poolKey(names.sharedPool)).toBe(devKey);
    expect(poolKey(names.sharedPoolShard('shared-01'))).toMatch(/^shared-pool-01_/);
    expect(names.sharedPoolShard('shared-01')).toBe('ct-dev-shared-01');
    const domains = resources(s, 'aws_cognito_user_pool_domain').map(([, d]) => [d.domain, d.user_pool_id]);
    expect(domains).toEqual(
      expect.arrayContaining([
        ['ct-dev-shared', poolRef(names.sharedPool)],
        ['ct-dev-shared-01', poolRef(names.sharedPoolShard('shared-01'))],
      ]),
    );
  });

  it('puts each shared IdP in its shard’s pool and lists only those on the shard’s client', () => {
    const idps = resources(s, 'aws_cognito_identity_provider').map(([, idp]) => idp);
    const inPool = (name: string) => idps.filter((idp) => idp.user_pool_id === poolRef(name));
    expect(inPool(names.sharedPool)).toHaveLength(MAX_TENANTS_PER_SHARED_POOL);
    expect(inPool(names.sharedPoolShard('shared-01')).map((idp) => idp.provider_name)).toEqual([
      'Idp-s0298',
      'Idp-s0299',
    ]);
    const [, client] = resourceWhere(s, 'aws_cognito_user_pool_client', 'name', 'ct-dev-shared-01-web');
    expect(client.supported_identity_providers).toEqual(['Idp-s0298', 'Idp-s0299']);
  });

  it('tells pre-token-gen every shard, and accepts the main distribution on every shard’s client', () => {
    const [, trigger] = resourceWhere(
      s,
      'aws_lambda_function',
      'function_name',
      names.lambda('pre-token-gen'),
    );
    expect(trigger.environment.variables.SHARED_USER_POOL_IDS).toBe(
      `${poolRef(names.sharedPool)},${poolRef(names.sharedPoolShard('shared-01'))}`,
    );
    // dev has no DNS: the main distribution's own name is every shared tenant's host.
    const [mainKey] = resources(s, 'aws_cloudfront_distribution').find(([key]) =>
      key.includes('distribution-main'),
    )!;
    const main = `https://${ref('aws_cloudfront_distribution', mainKey, 'domain_name')}`;
    for (const name of [names.sharedPool, names.sharedPoolShard('shared-01')]) {
      const [, client] = resourceWhere(s, 'aws_cognito_user_pool_client', 'name', `${name}-web`);
      expect(client.callback_urls).toContain(`${main}/callback`);
    }
  });

  it('writes one issuer record per shard and the shard’s pool into its tenants’ records', () => {
    const parameters = resources(s, 'aws_ssm_parameter').map(([, p]) => JSON.parse(p.value) as Body);
    const sharedIssuers = parameters.filter((p) => p.pattern === 'shared' && p.issuer !== undefined);
    expect(sharedIssuers.map((p) => p.userPoolId).sort()).toEqual(
      [poolRef(names.sharedPool), poolRef(names.sharedPoolShard('shared-01'))].sort(),
    );
    const items = resources(s, 'aws_dynamodb_table_item').map(([, i]) => JSON.parse(i.item) as Body);
    for (const id of shard01) {
      const tenant = items.find((item) => item.pk.S === `TENANT#${id}`);
      expect(tenant?.userPoolId).toEqual({ S: poolRef(names.sharedPoolShard('shared-01')) });
    }
  });

  it('keeps the shared_pool output for shared-00 and adds shared_pool_01', () => {
    expect(s.output.shared_pool?.value).toMatchObject({ user_pool_id: poolRef(names.sharedPool) });
    expect(s.output.shared_pool_01?.value).toMatchObject({
      user_pool_id: poolRef(names.sharedPoolShard('shared-01')),
      hosted_ui_domain: 'ct-dev-shared-01.auth.eu-west-1.amazoncognito.com',
    });
  });
});
