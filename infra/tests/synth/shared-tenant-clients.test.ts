/**
 * `sharedTenantClients` in the one-stack layout (the release before `migrate`, issue #21): each
 * shared tenant gets an app client of its own offering only its IdP, its records hand that client
 * out and a client record binds it, the shard's common client stays accepted, and the shard's
 * pool id is published where tenant stacks read it. Without the setting nothing of it exists.
 */
import { parseEnvironment } from '@cognito-tenancy/registry/environment';
import { keyTemplates } from '@cognito-tenancy/registry/keys';
import { describe, expect, it } from '@jest/globals';
import { resourceNames } from '../../src/names';
import { sharedPoolParameterName } from '../../src/stack-layout';
import { type Body, ref, resources, resourceWhere, stack } from '../support/synthesized';
import { rawEnvironment, synthVariant } from '../support/variant-stack';

// dev without hosting, its shared tenants each given an app host of their own (dev's have none).
const { hosting: _hosting, ...dev } = rawEnvironment('dev');
const raw = {
  ...dev,
  sharedTenantClients: true,
  tenants: (dev.tenants as Body[]).map((t) =>
    t.pattern === 'shared' ? { ...t, hosts: [`${t.id}.dev.example.com`] } : t,
  ),
};
const s = synthVariant(raw);
const env = parseEnvironment(raw, 'variant.json', '.');
const names = resourceNames('dev');
const shared = env.tenants.filter((t) => t.pattern === 'shared');
const [poolKey] = resourceWhere(s, 'aws_cognito_user_pool', 'name', names.sharedPool);
const poolId = ref('aws_cognito_user_pool', poolKey, 'id');
const clientRef = (name: string) =>
  ref(
    'aws_cognito_user_pool_client',
    resourceWhere(s, 'aws_cognito_user_pool_client', 'name', name)[0],
    'id',
  );
const parameterValues = () =>
  resources(s, 'aws_ssm_parameter').map(([, p]) => [String(p.name), String(p.value)] as const);
const itemsOf = (stackJson: typeof s) =>
  resources(stackJson, 'aws_dynamodb_table_item').map(([, item]) => JSON.parse(item.item as string) as Body);

describe('one stack with sharedTenantClients', () => {
  it('gives each shared tenant a client of its own that offers only its IdP and its URLs', () => {
    expect(shared.length).toBeGreaterThan(1);
    for (const tenant of shared) {
      const [, client] = resourceWhere(
        s,
        'aws_cognito_user_pool_client',
        'name',
        `${names.sharedPool}-${tenant.id}`,
      );
      expect(client.user_pool_id).toBe(poolId);
      expect(client.supported_identity_providers).toEqual([tenant.idp.name]);
      expect(client.callback_urls).toEqual(expect.arrayContaining([...(tenant.callbackUrls ?? [])]));
      expect(client.generate_secret).toBe(false);
    }
  });

  it('keeps the common client, still listed by the issuer record, for sessions already begun', () => {
    const common = clientRef(`${names.sharedPool}-web`);
    const [, issuer] = resourceWhere(
      s,
      'aws_ssm_parameter',
      'name',
      keyTemplates.issuerParameter(env.registryPrefix, poolId),
    );
    expect(JSON.parse(issuer.value as string).clientIds).toEqual([common]);
  });

  it("hands out each shared tenant's own client and binds it with a client record", () => {
    const values = parameterValues();
    const items = itemsOf(s);
    for (const tenant of shared) {
      const own = clientRef(`${names.sharedPool}-${tenant.id}`);
      const hosts = values.filter(
        ([, v]) => v.includes(`"tenantId":"${tenant.id}"`) && v.includes('"redirectUri"'),
      );
      expect(hosts.length).toBe(1);
      for (const [, value] of hosts) expect(JSON.parse(value).clientId).toBe(own);
      const domains = items.filter((i) => i.tenantId?.S === tenant.id && i.clientId !== undefined);
      expect(domains.length).toBe(tenant.emailDomains.length);
      for (const item of domains) expect(item.clientId).toEqual({ S: own });
      const record = values.find(
        ([name]) => name === keyTemplates.clientParameter(env.registryPrefix, poolId, own),
      );
      expect(JSON.parse(record?.[1] ?? '{}')).toEqual({
        clientId: own,
        userPoolId: poolId,
        tenantId: tenant.id,
        providerName: tenant.idp.name,
      });
    }
  });

  it('publishes the shard pool id where tenant stacks read it', () => {
    const name = sharedPoolParameterName(env.registryPrefix, 'shared-00');
    expect(resourceWhere(s, 'aws_ssm_parameter', 'name', name)[1].value).toBe(poolId);
  });

  it('adds none of it without the setting', () => {
    const dev = stack('dev');
    const clients = resources(dev, 'aws_cognito_user_pool_client').map(([, c]) => c.name);
    for (const tenant of shared) expect(clients).not.toContain(`${names.sharedPool}-${tenant.id}`);
    const parameterNames = resources(dev, 'aws_ssm_parameter').map(([, p]) => String(p.name));
    expect(parameterNames).not.toContain(sharedPoolParameterName(env.registryPrefix, 'shared-00'));
    expect(parameterNames.filter((n) => n.includes('/clients/'))).toEqual([]);
  });
});
