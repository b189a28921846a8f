/**
 * The tenant-stacks layout (`tenantStacks`, issue #21) on the synthesized JSON: the platform
 * stack holds no tenant's resource, each tenant's stack holds exactly its own, and adding a
 * dedicated and a shared tenant adds two stacks and leaves every existing stack -- the
 * platform's included -- byte for byte as it was.
 */
import { parseEnvironment } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';
import { tenantStackName } from '../../src/stack-layout';
import { type RawEnvironment, withNewTenants } from '../support/new-tenants';
import type { Body, StackJson } from '../support/synthesized';
import { rawEnvironment, synthVariantStacks } from '../support/variant-stack';

/** dev in the tenant-stacks layout, without hosting (tenant-stacks-hosting.test.ts has it). */
function layoutVariant(): RawEnvironment {
  const { hosting: _hosting, ...dev } = rawEnvironment('dev') as RawEnvironment;
  return { ...dev, tenantStacks: true };
}

const raw = layoutVariant();
const stacks = synthVariantStacks(raw);
const env = parseEnvironment(raw, 'variant.json', '.');

function resourcesOf(stack: StackJson | undefined): [string, Body][] {
  if (stack === undefined) throw new Error('stack not synthesized');
  return Object.entries(stack.resource).flatMap(([type, byName]) =>
    Object.values(byName).map((body) => [type, body] as [string, Body]),
  );
}

const typesOf = (stack: StackJson | undefined) => resourcesOf(stack).map(([type]) => type);
const ofType = (stack: StackJson | undefined, type: string) =>
  resourcesOf(stack).flatMap(([t, body]) => (t === type ? [body] : []));
const stackOf = (tenantId: string) => stacks.get(tenantStackName(env.environment, tenantId));

describe('tenant-stacks layout', () => {
  it('synthesizes the platform stack and one stack per tenant', () => {
    expect([...stacks.keys()]).toEqual([
      env.environment,
      ...env.tenants.map((tenant) => tenantStackName(env.environment, tenant.id)),
    ]);
  });

  it('keeps every tenant resource out of the platform stack', () => {
    const platform = stacks.get(env.environment);
    const types = typesOf(platform);
    for (const type of [
      'aws_cognito_identity_provider',
      'aws_cognito_user_pool_client',
      'aws_dynamodb_table_item',
    ]) {
      expect(types).not.toContain(type);
    }
    // Only the shard pools; their issuer records list no common client.
    expect(ofType(platform, 'aws_cognito_user_pool').map((pool) => pool.name)).toEqual(['ct-dev-shared']);
    // No issuer index among them: the deploy tool writes it (issuer-index-sync.ts).
    const parameters = ofType(platform, 'aws_ssm_parameter');
    expect(parameters.map((p) => p.name).sort()).toEqual([
      `${env.registryPrefix}/issuers/\${aws_cognito_user_pool.shared-pool_80EF50E3.id}`,
      `${env.registryPrefix}/platform/shared-pools/shared-00`,
    ]);
    const issuer = parameters.find((p) => String(p.name).includes('/issuers/'));
    expect(JSON.parse(String(issuer?.value)).clientIds).toEqual([]);
  });

  it('gives a dedicated tenant its pool, IdP, client and records in its own state', () => {
    const tenant = env.tenants.find((t) => t.pattern === 'dedicated');
    const stack = stackOf(String(tenant?.id));
    expect(typesOf(stack).sort()).toEqual(
      [
        'aws_cognito_identity_provider',
        'aws_cognito_user_pool',
        'aws_cognito_user_pool_client',
        'aws_cognito_user_pool_domain',
        ...(tenant?.emailDomains ?? []).map(() => 'aws_dynamodb_table_item'),
        'aws_dynamodb_table_item',
        'aws_dynamodb_table_item',
        ...(tenant?.hosts ?? []).map(() => 'aws_ssm_parameter'),
        'aws_ssm_parameter',
      ].sort(),
    );
    expect(stack?.terraform.backend.s3.key).toBe(
      `cognito-tenancy/dev/tenants/${tenant?.id}/terraform.tfstate`,
    );
    expect(stack?.provider.aws[0]?.default_tags[0].tags.tenant).toBe(tenant?.id);
    expect(
      ofType(stack, 'aws_dynamodb_table_item').every((item) => item.table_name === 'ct-dev-tenants'),
    ).toBe(true);
  });

  it("gives a shared tenant its IdP and a client of its own in its shard's pool", () => {
    const tenant = env.tenants.find((t) => t.pattern === 'shared');
    const stack = stackOf(String(tenant?.id));
    expect(typesOf(stack)).not.toContain('aws_cognito_user_pool');
    expect(stack?.data?.aws_ssm_parameter?.['shared-pool']?.name).toBe(
      `${env.registryPrefix}/platform/shared-pools/shared-00`,
    );
    const [client] = ofType(stack, 'aws_cognito_user_pool_client');
    expect(client?.supported_identity_providers).toEqual([tenant?.idp.name]);
    expect(client?.name).toBe(`ct-dev-shared-${tenant?.id}`);
    const record = ofType(stack, 'aws_ssm_parameter').find((p) => String(p.name).includes('/clients/'));
    expect(JSON.parse(String(record?.value))).toMatchObject({
      tenantId: tenant?.id,
      providerName: tenant?.idp.name,
    });
  });

  it('adds a tenant by adding its stack: every other stack stays byte-identical', () => {
    const after = synthVariantStacks(withNewTenants(raw));
    const added = [...after.keys()].filter((name) => !stacks.has(name));
    expect(added).toEqual([tenantStackName('dev', 'newco'), tenantStackName('dev', 'sharedco')]);
    for (const [name, stack] of stacks)
      expect({ name, json: JSON.stringify(after.get(name)) }).toEqual({ name, json: JSON.stringify(stack) });
  });

  it('retires a tenant into an empty stack on its state, and changes no other stack', () => {
    const [retired, ...kept] = env.tenants;
    const after = synthVariantStacks({
      ...raw,
      tenants: (raw.tenants as Body[]).filter((t) => t.id !== retired?.id),
      retiredTenants: [retired?.id],
    });
    const name = tenantStackName('dev', retired?.id as string);
    expect([...after.keys()]).toEqual(['dev', ...kept.map((t) => tenantStackName('dev', t.id)), name]);
    const empty = after.get(name);
    // Applying it destroys what the state holds: no resource, the tenant's own backend key.
    expect(empty?.resource ?? {}).toEqual({});
    expect(empty?.terraform.backend.s3.key).toBe(stackOf(retired?.id as string)?.terraform.backend.s3.key);
    for (const stackName of ['dev', ...kept.map((t) => tenantStackName('dev', t.id))])
      expect({ stackName, json: JSON.stringify(after.get(stackName)) }).toEqual({
        stackName,
        json: JSON.stringify(stacks.get(stackName)),
      });
  });

  it('synthesizes only the platform and the named tenants for deploy --tenant, byte for byte', () => {
    const [first, , third] = env.tenants.map((tenant) => tenantStackName('dev', tenant.id));
    const [firstId, , thirdId] = env.tenants.map((tenant) => tenant.id);
    const only = synthVariantStacks(raw, undefined, [thirdId as string, firstId as string]);
    // File order, whatever the order of --tenant: the same JSON as the whole environment's synth.
    expect([...only.keys()]).toEqual(['dev', first, third]);
    for (const [name, stack] of only)
      expect({ name, json: JSON.stringify(stack) }).toEqual({ name, json: JSON.stringify(stacks.get(name)) });
  });

  it('synthesizes a retired tenant named by --tenant as its empty stack', () => {
    const [retired, kept] = env.tenants;
    const after = synthVariantStacks(
      {
        ...raw,
        tenants: (raw.tenants as Body[]).filter((t) => t.id !== retired?.id),
        retiredTenants: [retired?.id],
      },
      undefined,
      [retired?.id as string],
    );
    const name = tenantStackName('dev', retired?.id as string);
    expect([...after.keys()]).toEqual(['dev', name]);
    expect(after.has(tenantStackName('dev', kept?.id as string))).toBe(false);
    expect(after.get(name)?.resource ?? {}).toEqual({});
  });
});

describe('tenant-stacks layout refusals', () => {
  it.each([
    [
      'hosting without a wildcard alias (dev without DNS)',
      { hosting: {} },
      /tenantStacks: with hosting, set hosting.certificate and hosting.wildcardAlias/,
    ],
  ])('refuses %s, naming the field and the fix', (_field, change, message) => {
    expect(() => parseEnvironment({ ...raw, ...change }, 'variant.json', '.')).toThrow(message);
  });
});
