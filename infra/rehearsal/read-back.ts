/**
 * Reads a deployed environment back from the emulator with the AWS SDK and checks it against
 * the contract: each Lambda's environment passes its package's own `loadConfig`; each invoke
 * permission matches concrete requests on its route under ArnLike and no other route's; the
 * trigger's one grant matches every deployed pool with the trigger and no other account's; SSM
 * parameters and tenant-table items equal `registryEntries`; pools, IdPs and app clients are
 * what the file says. Returns problems (empty = pass) and counts.
 */
import {
  CognitoIdentityProviderClient,
  DescribeIdentityProviderCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetFunctionConfigurationCommand, GetPolicyCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import {
  type ResolvedEnvironment,
  type Tenant,
  tenantCallbackUrls,
} from '@cognito-tenancy/registry/environment';
import { ISSUER_INDEX_SHARD_SIZE } from '@cognito-tenancy/registry/keys';
import {
  type EnvironmentPools,
  issuerIndexParameters,
  type PoolIdentifiers,
  type RegistryEntries,
  registryEntries,
  sharedIssuerEntries,
  tenantPool,
  tenantRegistryEntries,
} from '@cognito-tenancy/registry/registry-entries';
import { ROUTES } from '@cognito-tenancy/registry/routes';
import { shardDomainPrefix, sharedPoolShards } from '@cognito-tenancy/registry/shared-pools';
import { loadConfig as authorizerConfig } from '../../packages/authorizer/src/config';
import { loadConfig as configResolverConfig } from '../../packages/config-resolver/src/config';
import { loadConfig as petsConfig } from '../../packages/pets/src/config';
import { loadConfig as preTokenGenConfig } from '../../packages/pre-token-gen/src/config';
import { loadConfig as signOutConfig } from '../../packages/sign-out/src/config';
import { loadConfig as tenantMatchConfig } from '../../packages/tenant-match/src/config';
import { cognitoIssuerUrl, hostedUiDomain, partitionOf } from '../src/aws-context';
import { LAMBDA_FUNCTIONS, type LambdaName } from '../src/lambda-functions';
import { resourceNames } from '../src/names';
import { distributionDomainParameterName, sharedPoolParameterName } from '../src/stack-layout';
import { FAKE_CREDENTIALS } from './override';
import { permissionProblems, triggerPermissionProblems } from './permission-check';

const LOAD_CONFIG: Record<LambdaName, (env: Record<string, string | undefined>) => unknown> = {
  'config-resolver': configResolverConfig,
  'tenant-match': tenantMatchConfig,
  authorizer: authorizerConfig,
  'pre-token-gen': preTokenGenConfig,
  'sign-out': signOutConfig,
  pets: petsConfig,
};

export interface ReadBack {
  readonly problems: string[];
  readonly counts: Record<string, number>;
}

function clientConfig(endpoint: string, region: string) {
  return { endpoint, region, credentials: FAKE_CREDENTIALS };
}

async function poolsByName(cognito: CognitoIdentityProviderClient): Promise<Map<string, string>> {
  const pools = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken: token }));
    for (const pool of page.UserPools ?? []) pools.set(pool.Name ?? '', pool.Id ?? '');
    token = page.NextToken;
  } while (token);
  return pools;
}

/**
 * Reads everything back and checks it. `stage` is the API stage (the environment's name).
 * `releasedClients`: app clients a migration let go of (in AWS, in no state), each named
 * `<its pool's name>-web`; each must still exist in its pool, and is not counted among the
 * pool's clients.
 */
export async function readBack(
  env: ResolvedEnvironment,
  endpoint: string,
  releasedClients: ReadonlySet<string> = new Set(),
): Promise<ReadBack> {
  const problems: string[] = [];
  const counts: Record<string, number> = {};
  const region = env.region;
  const names = resourceNames(env.environment);
  const accountId = env.accountId ?? '123456789012';
  const ctx = { partition: partitionOf(region), region, accountId };
  const cognito = new CognitoIdentityProviderClient(clientConfig(endpoint, region));
  const lambda = new LambdaClient(clientConfig(endpoint, region));
  const ssm = new SSMClient(clientConfig(endpoint, region));
  const dynamodb = new DynamoDBClient(clientConfig(endpoint, region));

  // Pools, IdPs and app clients.
  const pools = await poolsByName(cognito);
  counts.userPools = pools.size;
  const identifiers = new Map<string, PoolIdentifiers>();
  /** Tenant-stacks layout: each shared tenant's own client, by tenant id. */
  const sharedClients: Record<string, string> = {};
  /** ARNs of the deployed pools that run pre-token-gen: Cognito invokes it with these. */
  const triggerPools: string[] = [];
  // One pool per shard of the shared pool (`shared:<shard>`: no tenant id holds a colon).
  const sharedSettings = env.sharedPool;
  const sharedShards =
    sharedSettings === undefined ? new Map<string, Tenant[]>() : sharedPoolShards(env.tenants);
  const poolPlan = [
    ...[...sharedShards].map(([shard, tenants]) => ({
      key: `shared:${shard}`,
      name: names.sharedPoolShard(shard),
      settings:
        sharedSettings === undefined
          ? undefined
          : { ...sharedSettings, domainPrefix: shardDomainPrefix(sharedSettings.domainPrefix, shard) },
      tenants,
    })),
    ...env.tenants
      .filter((t) => t.pattern === 'dedicated')
      .map((t) => ({ key: t.id, name: names.dedicatedPool(t.id), settings: t.pool, tenants: [t] })),
  ];
  for (const plan of poolPlan) {
    const id = pools.get(plan.name);
    if (id === undefined || plan.settings === undefined) {
      problems.push(`user pool ${plan.name} is missing`);
      continue;
    }
    const { UserPool: pool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }));
    const trigger = pool?.LambdaConfig?.PreTokenGenerationConfig;
    const wantsTrigger = plan.settings.preTokenGeneration !== false;
    const tier = plan.settings.featurePlan ?? 'ESSENTIALS';
    if (pool?.UserPoolTier !== undefined && pool.UserPoolTier !== tier) {
      problems.push(`${plan.name}: feature tier ${pool.UserPoolTier}, file says ${tier}`);
    }
    if (wantsTrigger) {
      triggerPools.push(
        pool?.Arn ?? `arn:${ctx.partition}:cognito-idp:${region}:${accountId}:userpool/${id}`,
      );
      const version = tier === 'LITE' ? 'V1_0' : 'V2_0';
      const fn = `arn:${ctx.partition}:lambda:${region}:${accountId}:function:${names.lambda('pre-token-gen')}`;
      if (trigger?.LambdaArn !== fn || trigger.LambdaVersion !== version) {
        problems.push(
          `${plan.name}: pre-token-gen trigger ${JSON.stringify(trigger)}, want ${fn} ${version}`,
        );
      }
    }
    for (const tenant of plan.tenants) {
      const { IdentityProvider: idp } = await cognito.send(
        new DescribeIdentityProviderCommand({ UserPoolId: id, ProviderName: tenant.idp.name }),
      );
      if (idp === undefined) {
        problems.push(`${plan.name}: IdP ${tenant.idp.name} is missing`);
        continue;
      }
      const mapping = idp.AttributeMapping ?? {};
      for (const [attribute, claim] of Object.entries(tenant.idp.attributeMapping ?? {})) {
        const cognitoName = attribute === 'groups' ? 'custom:groups' : attribute;
        if (mapping[cognitoName] !== claim) {
          problems.push(
            `${tenant.idp.name}: ${cognitoName} maps to ${mapping[cognitoName]}, file says ${claim}`,
          );
        }
      }
      const wanted = tenant.emailDomains.filter((domain) => domain.length <= 40).sort();
      const actual = [...(idp.IdpIdentifiers ?? [])].sort();
      if (JSON.stringify(actual) !== JSON.stringify(wanted)) {
        problems.push(`${tenant.idp.name}: identifiers ${actual.join(',')}, want ${wanted.join(',')}`);
      }
    }
    const { UserPoolClients: clients = [] } = await cognito.send(
      new ListUserPoolClientsCommand({ UserPoolId: id, MaxResults: 60 }),
    );
    // Tenant-stacks layout: a shard has no common client; each shared tenant has its own.
    const ownClients = env.tenantStacks && plan.key.startsWith('shared:');
    const checked = ownClients
      ? plan.tenants.map((tenant) => ({ name: `${plan.name}-${tenant.id}`, tenants: [tenant] }))
      : [{ name: `${plan.name}-web`, tenants: plan.tenants }];
    let clientId = '';
    for (const want of checked) {
      const found = clients.find((c) => c.ClientName === want.name)?.ClientId;
      if (found === undefined) {
        problems.push(`${plan.name}: app client ${want.name} is missing`);
        continue;
      }
      const [tenant] = want.tenants;
      if (ownClients && tenant !== undefined) sharedClients[tenant.id] = found;
      else clientId = found;
      problems.push(...(await clientProblems(cognito, id, found, want.name, want.tenants)));
    }
    const released = clients.filter((c) => releasedClients.has(c.ClientName ?? ''));
    for (const name of releasedClients) {
      // A shard's common client is `<its pool's name>-web`: a prefix test would also claim
      // shared-01's `ct-dev-shared-01-web` for shared-00's pool `ct-dev-shared`.
      if (name === `${plan.name}-web` && !released.some((c) => c.ClientName === name))
        problems.push(`${plan.name}: released app client ${name} is gone (a migration must not destroy it)`);
    }
    if (clients.length - released.length !== checked.length) {
      problems.push(
        `${plan.name}: ${clients.length - released.length} app clients (besides ${released.length} released), want ${checked.map((c) => c.name).join(', ')}`,
      );
    }
    identifiers.set(plan.key, {
      userPoolId: id,
      clientId,
      cognitoDomain: hostedUiDomain(ctx, plan.settings.domainPrefix),
      issuer: cognitoIssuerUrl(ctx, id),
    });
  }

  // Lambdas: configuration through each package's own loadConfig, and invoke permissions.
  for (const name of LAMBDA_FUNCTIONS) {
    const functionName = names.lambda(name);
    let variables: Record<string, string>;
    try {
      const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
      variables = config.Environment?.Variables ?? {};
    } catch {
      if (name === 'pets' && env.api?.serviceUrl !== undefined) continue;
      if (name === 'pre-token-gen' && !poolPlan.some((p) => p.settings?.preTokenGeneration !== false))
        continue;
      problems.push(`function ${functionName} is missing`);
      continue;
    }
    counts.functions = (counts.functions ?? 0) + 1;
    if (name === 'pre-token-gen') {
      // Every shard, and only the shards: a missing one would fail its users' sign-ins closed.
      const listed = (variables.SHARED_USER_POOL_IDS ?? '').split(',').filter((id) => id !== '');
      const shardIds = [...sharedShards.keys()].map(
        (shard) => identifiers.get(`shared:${shard}`)?.userPoolId,
      );
      if (JSON.stringify([...listed].sort()) !== JSON.stringify([...shardIds].sort())) {
        problems.push(
          `${functionName}: SHARED_USER_POOL_IDS ${listed.join(',')}, want the shards' pools ${shardIds.join(',')}`,
        );
      }
    }
    try {
      LOAD_CONFIG[name](variables);
    } catch (error) {
      problems.push(
        `${functionName}: deployed environment fails its loadConfig: ${(error as Error).message}`,
      );
    }
    const routes = ROUTES.filter((route) =>
      'lambda' in route.target ? route.target.lambda === name : name === 'pets',
    );
    if (routes.length === 0 && name !== 'pre-token-gen') continue;
    const { Policy = '{}' } = await lambda.send(new GetPolicyCommand({ FunctionName: functionName }));
    const statements = (JSON.parse(Policy).Statement ?? []) as {
      Principal?: { Service?: string };
      Condition?: { ArnLike?: Record<string, string>; StringEquals?: Record<string, string> };
    }[];
    if (name === 'pre-token-gen') {
      const grants = statements
        .filter((s) => s.Principal?.Service === 'cognito-idp.amazonaws.com')
        .map((s) => ({
          sourceArn: s.Condition?.ArnLike?.['AWS:SourceArn'] ?? '',
          ...(s.Condition?.StringEquals?.['AWS:SourceAccount'] === undefined
            ? {}
            : { sourceAccount: s.Condition.StringEquals['AWS:SourceAccount'] }),
        }));
      counts.permissions = (counts.permissions ?? 0) + grants.length;
      problems.push(...triggerPermissionProblems(grants, triggerPools).map((p) => `${functionName}: ${p}`));
      continue;
    }
    const sourceArns = statements
      .filter((s) => s.Principal?.Service === 'apigateway.amazonaws.com')
      .map((s) => s.Condition?.ArnLike?.['AWS:SourceArn'] ?? '')
      .filter((arn) => !arn.includes('/authorizers/'));
    counts.permissions = (counts.permissions ?? 0) + sourceArns.length;
    const apiId = /:execute-api:[^:]+:\d+:([^/]+)\//.exec(sourceArns[0] ?? '')?.[1] ?? 'missing';
    const executionArn = `arn:${ctx.partition}:execute-api:${region}:${accountId}:${apiId}`;
    if (sourceArns.length !== routes.length) {
      problems.push(
        `${functionName}: ${sourceArns.length} API Gateway permissions for ${routes.length} routes`,
      );
    }
    const underTest = routes.map((route, i) => ({ route, sourceArn: sourceArns[i] ?? '' }));
    problems.push(...permissionProblems(underTest, ROUTES, executionArn, env.environment));
  }

  // The registry: SSM parameters and tenant-table items equal registryEntries.
  const deployed: EnvironmentPools = {
    sharedPools: Object.fromEntries(
      [...sharedShards.keys()].flatMap((shard) => {
        const pool = identifiers.get(`shared:${shard}`);
        return pool ? [[shard, pool]] : [];
      }),
    ),
    dedicatedPools: Object.fromEntries(
      env.tenants.flatMap((t) => {
        const pool = identifiers.get(t.id);
        return t.pattern === 'dedicated' && pool ? [[t.id, pool]] : [];
      }),
    ),
  };
  const entries = env.tenantStacks
    ? tenantStacksEntries(env, deployed, sharedClients)
    : registryEntries(env, deployed);
  const parameters = new Map<string, string>();
  let next: string | undefined;
  do {
    const page = await ssm.send(
      new GetParametersByPathCommand({ Path: env.registryPrefix, Recursive: true, NextToken: next }),
    );
    for (const p of page.Parameters ?? []) parameters.set(p.Name ?? '', p.Value ?? '');
    next = page.NextToken;
  } while (next);
  counts.parameters = parameters.size;
  // Tenant-stacks layout: the platform publishes each shard's pool id for tenant stacks.
  for (const [shard, pool] of Object.entries(env.tenantStacks ? (deployed.sharedPools ?? {}) : {})) {
    const name = sharedPoolParameterName(env.registryPrefix, shard);
    if (parameters.get(name) !== pool.userPoolId)
      problems.push(`SSM ${name} is ${parameters.get(name)}, want ${pool.userPoolId}`);
    parameters.delete(name);
  }
  // With hosting in a zone the platform publishes the distribution's name (checked with the
  // DNS records, hosted-zone.ts).
  const published = distributionDomainParameterName(env.registryPrefix);
  if (env.tenantStacks && parameters.has(published)) {
    if (!/^[a-z0-9]+\.cloudfront\.net$/.test(parameters.get(published) ?? ''))
      problems.push(`SSM ${published} is ${parameters.get(published)}, not a distribution's name`);
    parameters.delete(published);
  }
  // The deploy tool appends onboarded pools to the index (issuer-index-add.ts) and the
  // authorizer reads it as a set: with tenant stacks the shards are compared as one set.
  const indexWanted = env.tenantStacks ? entries.parameters.filter((p) => p.kind === 'issuer-index') : [];
  problems.push(...issuerIndexSetProblems(parameters, indexWanted));
  for (const wanted of entries.parameters) {
    if (indexWanted.includes(wanted)) continue;
    const actual = parameters.get(wanted.name);
    if (actual === undefined) problems.push(`SSM ${wanted.name} is missing`);
    else if (JSON.stringify(JSON.parse(actual)) !== JSON.stringify(JSON.parse(wanted.value))) {
      problems.push(`SSM ${wanted.name} is ${actual}, registryEntries says ${wanted.value}`);
    }
    parameters.delete(wanted.name);
  }
  // Dev without DNS: infra adds each dedicated tenant's d<id>.cloudfront.net host record.
  for (const name of parameters.keys()) {
    if (!/\/hosts\/[a-z0-9]+\.cloudfront\.net$/.test(name))
      problems.push(`SSM ${name} is not in registryEntries`);
  }
  const items = new Map<string, unknown>();
  let start: Record<string, never> | undefined;
  do {
    const page = await dynamodb.send(
      new ScanCommand({ TableName: names.tenantTable, ExclusiveStartKey: start }),
    );
    for (const raw of page.Items ?? []) {
      const item = fromDynamo(raw);
      items.set(String(item.pk), item);
    }
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  counts.items = items.size;
  for (const wanted of entries.items) {
    const actual = items.get(wanted.key);
    if (actual === undefined) problems.push(`item ${wanted.key} is missing`);
    else if (canonical(withDistributionRedirect(env, actual, wanted.item)) !== canonical(wanted.item)) {
      problems.push(
        `item ${wanted.key} is ${canonical(actual)}, registryEntries says ${canonical(wanted.item)}`,
      );
    }
    items.delete(wanted.key);
  }
  for (const key of items.keys()) problems.push(`item ${key} is not in registryEntries`);
  return { problems, counts };
}

/**
 * Hosting without a certificate (dev, no DNS): infra points each DOMAIN# item's redirectUri at
 * the tenant's distribution host (`https://d<id>.cloudfront.net/callback`), known only after
 * apply, instead of registryEntries' value. Such an item is compared with that one field set
 * to registryEntries' value; any other difference, or another redirect, still fails.
 */
function withDistributionRedirect(env: ResolvedEnvironment, actual: unknown, wanted: unknown): unknown {
  if (env.hosting === undefined || env.hosting.certificate !== undefined) return actual;
  const item = actual as Record<string, unknown>;
  const want = wanted as Record<string, unknown>;
  if (!String(item.pk ?? '').startsWith('DOMAIN#') || !('redirectUri' in want)) return actual;
  return /^https:\/\/[a-z0-9]+\.cloudfront\.net\/callback$/.test(String(item.redirectUri))
    ? { ...item, redirectUri: want.redirectUri }
    : actual;
}

type AttributeValue = {
  S?: string;
  N?: string;
  BOOL?: boolean;
  L?: AttributeValue[];
  M?: Record<string, AttributeValue>;
  SS?: string[];
  NULL?: boolean;
};

function fromValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.L !== undefined) return value.L.map(fromValue);
  if (value.M !== undefined) return fromDynamo(value.M);
  if (value.SS !== undefined) return value.SS;
  return null;
}

function fromDynamo(item: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([key, value]) => [key, fromValue(value)]));
}

/** JSON with sorted keys, so attribute order does not matter. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** One app client's OAuth settings and callbacks, against the tenants it serves. */
async function clientProblems(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  clientId: string,
  name: string,
  tenants: readonly Tenant[],
): Promise<string[]> {
  const problems: string[] = [];
  const { UserPoolClient: client } = await cognito.send(
    new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }),
  );
  if (JSON.stringify(client?.AllowedOAuthFlows) !== '["code"]') {
    problems.push(`${name}: OAuth flows ${JSON.stringify(client?.AllowedOAuthFlows)}, want ["code"]`);
  }
  if (JSON.stringify(client?.ExplicitAuthFlows) !== '["ALLOW_REFRESH_TOKEN_AUTH"]') {
    problems.push(`${name}: auth flows ${JSON.stringify(client?.ExplicitAuthFlows)}`);
  }
  const idps = [...(client?.SupportedIdentityProviders ?? [])].sort();
  const wanted = tenants.map((tenant) => tenant.idp.name).sort();
  if (JSON.stringify(idps) !== JSON.stringify(wanted)) {
    problems.push(`${name}: identity providers ${idps.join(',')}, want ${wanted.join(',')}`);
  }
  const callbacks = new Set(client?.CallbackURLs ?? []);
  for (const tenant of tenants) {
    for (const url of tenantCallbackUrls(tenant)) {
      if (!callbacks.has(url)) problems.push(`${name}: callback URL ${url} missing`);
    }
  }
  return problems;
}

/**
 * The issuer index as the authorizer reads it: the wanted shard names, each saying the wanted
 * count and holding at most a shard's worth, and together the wanted pools in any order.
 * Removes the shards it compared from `actual`.
 */
function issuerIndexSetProblems(
  actual: Map<string, string>,
  wanted: readonly { readonly name: string; readonly value: string }[],
): string[] {
  if (wanted.length === 0) return [];
  const problems: string[] = [];
  const want = wanted.flatMap((p) => (JSON.parse(p.value) as { userPoolIds: string[] }).userPoolIds);
  const have: string[] = [];
  for (const { name, value } of wanted) {
    const raw = actual.get(name);
    actual.delete(name);
    if (raw === undefined) {
      problems.push(`SSM ${name} is missing`);
      continue;
    }
    const record = JSON.parse(raw) as { shards?: unknown; userPoolIds?: unknown };
    const expected = JSON.parse(value) as { shard: number; shards: number; userPoolIds: string[] };
    const ids = Array.isArray(record.userPoolIds) ? (record.userPoolIds as string[]) : [];
    if (record.shards !== expected.shards || ids.length > ISSUER_INDEX_SHARD_SIZE)
      problems.push(
        `SSM ${name} is ${raw}: want ${expected.shards} shards of at most ${ISSUER_INDEX_SHARD_SIZE} pools`,
      );
    have.push(...ids);
  }
  if (JSON.stringify([...have].sort()) !== JSON.stringify([...want].sort()))
    problems.push(
      `the issuer index lists ${JSON.stringify([...have].sort())}, registryEntries says ${JSON.stringify([...want].sort())}`,
    );
  return problems;
}

/**
 * What the tenant-stacks layout writes: the platform's shard issuer records (no common
 * client), each tenant stack's records (a shared tenant's with its own client), and the issuer
 * index the deploy tool writes (compared as a set: issuerIndexSetProblems).
 */
function tenantStacksEntries(
  env: ResolvedEnvironment,
  pools: EnvironmentPools,
  sharedClients: Readonly<Record<string, string>>,
): RegistryEntries {
  const platform = sharedIssuerEntries(env, pools.sharedPools ?? {}, { commonClient: false });
  const tenants = env.tenants.flatMap((tenant) => {
    const pool = tenantPool(tenant, pools);
    const own = sharedClients[tenant.id];
    if (pool === undefined || (tenant.pattern === 'shared' && own === undefined)) return [];
    return [
      tenantRegistryEntries(env, tenant, own === undefined ? pool : { ...pool, clientId: own }, {
        ownClient: tenant.pattern === 'shared',
      }),
    ];
  });
  const parameters = [...platform.parameters, ...tenants.flatMap((entries) => entries.parameters)];
  const poolIds = parameters.flatMap((p) =>
    p.kind === 'issuer' ? [(p.record as { userPoolId: string }).userPoolId] : [],
  );
  return {
    parameters: [...parameters, ...issuerIndexParameters(env.registryPrefix, [...poolIds].sort())],
    items: tenants.flatMap((entries) => entries.items),
  };
}
