import { type PoolIdentifiers, registryEntries } from '@cognito-tenancy/registry/registry-entries';
import { shardDomainPrefix, sharedPoolShards } from '@cognito-tenancy/registry/shared-pools';
import { describe, expect, it } from '@jest/globals';
import { marshalItem } from '../../src/dynamodb-json';
import { resourceNames } from '../../src/names';
import { environmentOf, ref, resources, resourceWhere, stack, synthRecord } from '../support/synthesized';

const ENVIRONMENTS = synthRecord().environments;

describe.each(ENVIRONMENTS)('registry of %s', (environment) => {
  const s = stack(environment);
  const env = environmentOf(environment);
  const names = resourceNames(environment);
  const [tableKey, table] = resourceWhere(s, 'aws_dynamodb_table', 'name', names.tenantTable);

  /** The pools as the stack references them, so registryEntries can be replayed on the references. */
  function poolReferences(poolName: string, hostedUiDomain: string): PoolIdentifiers {
    const [poolKey] = resourceWhere(s, 'aws_cognito_user_pool', 'name', poolName);
    const [clientKey] = resourceWhere(s, 'aws_cognito_user_pool_client', 'name', `${poolName}-web`);
    const id = ref('aws_cognito_user_pool', poolKey, 'id');
    return {
      userPoolId: id,
      clientId: ref('aws_cognito_user_pool_client', clientKey, 'id'),
      cognitoDomain: hostedUiDomain,
      issuer: `https://cognito-idp.${env.region}.amazonaws.com/${id}`,
    };
  }
  const domain = (prefix: string) => `${prefix}.auth.${env.region}.amazoncognito.com`;
  const sharedPrefix = env.sharedPool?.domainPrefix ?? '';
  const expected = registryEntries(env, {
    sharedPools: Object.fromEntries(
      [...sharedPoolShards(env.tenants).keys()].map((shard) => [
        shard,
        poolReferences(names.sharedPoolShard(shard), domain(shardDomainPrefix(sharedPrefix, shard))),
      ]),
    ),
    dedicatedPools: Object.fromEntries(
      env.tenants
        .filter((t) => t.pattern === 'dedicated' && t.pool)
        .map((t) => [t.id, poolReferences(names.dedicatedPool(t.id), domain(t.pool!.domainPrefix))]),
    ),
  });

  it('keeps the tenant table on demand, with point-in-time recovery and KMS encryption', () => {
    expect(table).toMatchObject({
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'pk',
      attribute: [{ name: 'pk', type: 'S' }],
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
      deletion_protection_enabled: env.deletionProtection,
    });
  });

  it('writes exactly the SSM parameters registryEntries lists, as plain String parameters', () => {
    // Distribution hosts of dev tenants without DNS are written by hosting (tests/synth/hosting.test.ts).
    const params = resources(s, 'aws_ssm_parameter')
      .map(([, p]) => p)
      .filter((p) => !String(p.name).includes('${aws_cloudfront_distribution.'));
    expect(params.map((p) => [p.name, p.value]).sort()).toEqual(
      expected.parameters.map((p) => [p.name, p.value]).sort(),
    );
    for (const p of params) expect(p).toMatchObject({ type: 'String', tier: 'Standard' });
    for (const p of params) expect(p.name.startsWith(`${env.registryPrefix}/`)).toBe(true);
  });

  it('writes exactly the tenant table items registryEntries lists', () => {
    const items = resources(s, 'aws_dynamodb_table_item').map(([, i]) => i);
    for (const item of items) {
      expect(item.table_name).toBe(ref('aws_dynamodb_table', tableKey, 'name'));
      expect(item.hash_key).toBe(ref('aws_dynamodb_table', tableKey, 'hash_key'));
    }
    // Dev without DNS: email domain items send users to the distribution that serves their
    // tenant (its own for a dedicated tenant, the main one for shared tenants; hosting.ts).
    const withoutDns = env.hosting !== undefined && env.hosting.certificate === undefined;
    const distributionOf = (tenantId: string, pattern: string) => {
      const name = pattern === 'shared' ? 'main' : tenantId;
      const [key] = resources(s, 'aws_cloudfront_distribution').find(([k]) =>
        k.includes(`distribution-${name}_`),
      )!;
      return ref('aws_cloudfront_distribution', key, 'domain_name');
    };
    const replayed = expected.items.map((i) => {
      const item = i.item as { tenantId: string; pattern?: string };
      if (!withoutDns || i.kind !== 'domain') return i.item;
      return {
        ...i.item,
        redirectUri: `https://${distributionOf(item.tenantId, item.pattern ?? '')}/callback`,
      };
    });
    expect(items.map((i) => i.item).sort()).toEqual(
      replayed.map((item) => JSON.stringify(marshalItem({ ...item }))).sort(),
    );
  });

  it('names one host record per tenant host and one issuer per pool', () => {
    const hosts = env.tenants.flatMap((t) => t.hosts);
    const params = resources(s, 'aws_ssm_parameter')
      .map(([, p]) => p.name as string)
      .filter((n) => !n.includes('${aws_cloudfront_distribution.'));
    expect(params.filter((n) => n.includes('/hosts/'))).toHaveLength(hosts.length);
    expect(params.filter((n) => n.includes('/issuers/'))).toHaveLength(
      resources(s, 'aws_cognito_user_pool').length,
    );
  });
});

describe.each(ENVIRONMENTS)('provider and state of %s', (environment) => {
  const s = stack(environment);
  const env = environmentOf(environment);

  it('deploys to the file’s region (and account, when set) with the default tags', () => {
    const [provider] = s.provider.aws;
    expect(provider!.region).toBe(env.region);
    expect(provider!.allowed_account_ids).toEqual(env.accountId ? [env.accountId] : undefined);
    expect(provider!.default_tags).toEqual([
      { tags: { project: 'cognito-tenancy', environment, 'managed-by': 'cdktf', ...env.tags } },
    ]);
    expect(s.terraform.required_providers.aws.version).toBe('5.100.0');
  });

  it('keeps state in S3 with locking when the file has an account (its bucket, else the default), else locally', () => {
    const s3 = env.state.s3;
    if (env.accountId === undefined && s3 === undefined) {
      expect(Object.keys(s.terraform.backend)).toEqual(['local']);
      return;
    }
    expect(Object.keys(s.terraform.backend)).toEqual(['s3']);
    expect(s.terraform.backend.s3).toMatchObject({
      bucket: s3?.bucket ?? `ct-tfstate-${env.accountId}-${env.region}`,
      key: s3?.key ?? `cognito-tenancy/${environment}/terraform.tfstate`,
      region: s3?.region ?? env.region,
      encrypt: true,
    });
    if (s3?.dynamodbTable === undefined) expect(s.terraform.backend.s3.use_lockfile).toBe(true);
  });
});
