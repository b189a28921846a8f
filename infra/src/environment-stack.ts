/**
 * One stack per environment, built from that environment's tenant file: the user pools,
 * the registry (SSM + tenant table) written from `registryEntries`, the functions from
 * their zips, the revocations table of forced sign-out, the REST API from the shared route
 * table, and the outputs an operator and each tenant's IdP admin need. With `tenantStacks`
 * it is the platform stack: shard pools without IdPs or client, no tenant's resource or
 * record (each tenant's are in its own stack, tenant-stack.ts) and no issuer index.
 */
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter/index.js';
import type { ResolvedEnvironment, Tenant } from '@cognito-tenancy/registry/environment';
import {
  type PoolIdentifiers,
  registryEntries,
  sharedIssuerEntries,
} from '@cognito-tenancy/registry/registry-entries';
import { shardDomainPrefix, shardSuffix, sharedPoolShards } from '@cognito-tenancy/registry/shared-pools';
import { type ITerraformDependable, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { resolveArtifacts } from './artifacts';
import { lambdaFunctionArn } from './aws-context';
import { FORWARDED_HOST_HEADER, HOSTED_AUTHORIZER_IDENTITY_SOURCES } from './cloudfront-functions';
import { apiGatewayAccountLogging } from './constructs/api-gateway-logging';
import { ApiProtection } from './constructs/api-protection';
import { CustomDomains } from './constructs/custom-domains';
import { GatewayClientCertificate } from './constructs/gateway-client-certificate';
import { PetsTable } from './constructs/pets-table';
import { RegistryStore } from './constructs/registry-store';
import { RevocationTable } from './constructs/revocation-table';
import { ShardPool } from './constructs/shard-pool';
import { TenancyApi } from './constructs/tenancy-api';
import { TenancyUserPool } from './constructs/tenancy-user-pool';
import { allowTriggerInvoke } from './constructs/trigger-invoke';
import { ZipFunction } from './constructs/zip-function';
import { corsOrigins } from './cors';
import { addHosting } from './hosting';
import { functionStatements } from './iam-policies';
import { type LambdaEnvironmentInputs, lambdaEnvironment } from './lambda-environment';
import { LAMBDA_DESCRIPTIONS, LAMBDA_SIZING, type LambdaName } from './lambda-functions';
import { namePrefix, resourceNames } from './names';
import { addOperations } from './operations';
import { stackOutputs } from './outputs';
import { revocationTtlSeconds } from './revocation-ttl';
import { defaultTags, stackBasics } from './stack-basics';
import { restApiParameterName, sharedPoolParameterName } from './stack-layout';

export interface EnvironmentStackProps {
  readonly environment: ResolvedEnvironment;
  /** The environment file, for messages. */
  readonly source: string;
  /** Directory holding `<name>/dist/<name>.zip` for each function. */
  readonly artifactsDir: string;
}

/**
 * With `api.customDomains`: whether every tenant reaches the API on its own host only, so the
 * execute-api endpoint is turned off and no unregistered host is accepted. `hostsOnly` when set
 * (validation refused a tenant without host); else in one stack when every tenant has hosts.
 * With tenant stacks the platform must not depend on the tenants: only `hostsOnly` decides.
 */
export function customDomainsOnly(
  env: Pick<ResolvedEnvironment, 'tenantStacks' | 'api' | 'tenants'>,
): boolean {
  const hostsOnly = env.api?.customDomains?.hostsOnly;
  if (hostsOnly !== undefined || env.tenantStacks) return hostsOnly === true;
  return env.tenants.every((tenant) => tenant.hosts.length > 0);
}

export class EnvironmentStack extends TerraformStack {
  /** Findings that do not stop synth; the CLI prints them. */
  readonly warnings: string[] = [];

  constructor(scope: Construct, props: EnvironmentStackProps) {
    const env = props.environment;
    super(scope, env.environment);
    const names = resourceNames(env.environment);
    const ctx = stackBasics(this, env);

    const shared = env.tenants.filter((tenant) => tenant.pattern === 'shared');
    const dedicated = env.tenants.filter((tenant) => tenant.pattern === 'dedicated');
    const needsTrigger =
      (shared.length > 0 && env.sharedPool?.preTokenGeneration === true) ||
      dedicated.some((tenant) => tenant.pool?.preTokenGeneration === true);
    const needed: LambdaName[] = [
      ...(env.api === undefined
        ? []
        : (['config-resolver', 'tenant-match', 'authorizer', 'sign-out'] as const)),
      // No external service named: the sample pets Lambda serves `{proxy+}`.
      ...(env.api !== undefined && env.api.serviceUrl === undefined ? (['pets'] as const) : []),
      ...(needsTrigger ? (['pre-token-gen'] as const) : []),
    ];
    const artifacts = resolveArtifacts(props.artifactsDir, needed);
    // Named, not referenced: the trigger's environment needs the shared pools' ids (no cycle).
    const triggerArn = lambdaFunctionArn(ctx, names.lambda('pre-token-gen'));

    const poolProps = (tenants: readonly Tenant[]) => ({
      ctx,
      tenants,
      baseDir: env.baseDir,
      source: props.source,
      deletionProtection: env.deletionProtection,
    });
    // One pool per shard with tenants (300 IdPs per pool); shared-00 keeps the unsharded ids and names.
    const sharedPools = new Map<string, TenancyUserPool>();
    const dedicatedPools = new Map<string, TenancyUserPool>();
    // The tenant-stacks layout: shard pools without IdPs or client; each tenant has its own stack.
    const shardPools = new Map<string, ShardPool>();
    const sharedSettings = env.sharedPool;
    for (const [shard, tenants] of sharedPoolShards(shared)) {
      if (sharedSettings === undefined) continue; // refused by the schema; keeps the types honest
      const id = `shared-pool${shardSuffix(shard)}`;
      const props = {
        ...poolProps(tenants),
        poolName: names.sharedPoolShard(shard),
        settings: { ...sharedSettings, domainPrefix: shardDomainPrefix(sharedSettings.domainPrefix, shard) },
        ...(sharedSettings.preTokenGeneration ? { triggerArn } : {}),
      };
      const publishedAs = sharedPoolParameterName(env.registryPrefix, shard);
      if (env.tenantStacks) shardPools.set(shard, new ShardPool(this, id, { ...props, publishedAs }));
      else
        sharedPools.set(
          shard,
          new TenancyUserPool(this, id, {
            ...props,
            ...(env.sharedTenantClients ? { tenantClients: { publishedAs } } : {}),
          }),
        );
    }
    for (const tenant of env.tenantStacks ? [] : dedicated) {
      if (tenant.pool === undefined) continue; // refused by the schema; keeps the types honest
      dedicatedPools.set(
        tenant.id,
        new TenancyUserPool(this, `pool-${tenant.id}`, {
          ...poolProps([tenant]),
          poolName: names.dedicatedPool(tenant.id),
          settings: tenant.pool,
          ...(tenant.pool.preTokenGeneration ? { triggerArn } : {}),
        }),
      );
    }
    const allPools = [...sharedPools.values(), ...dedicatedPools.values()];
    for (const pool of allPools) this.warnings.push(...pool.warnings);

    const dedicatedIdentifiers: Record<string, PoolIdentifiers> = {};
    for (const [tenantId, pool] of dedicatedPools) dedicatedIdentifiers[tenantId] = pool.identifiers;
    const sharedIdentifiers: Record<string, PoolIdentifiers> = {};
    for (const [shard, pool] of [...sharedPools, ...shardPools]) sharedIdentifiers[shard] = pool.identifiers;
    // Tenant stacks write their own records, and the deploy tool the issuer index (issuer-index-sync.ts).
    const entries = env.tenantStacks
      ? sharedIssuerEntries(env, sharedIdentifiers, { commonClient: false })
      : registryEntries(env, {
          sharedPools: sharedIdentifiers,
          dedicatedPools: dedicatedIdentifiers,
          sharedClients: Object.fromEntries(
            [...sharedPools.values()].flatMap((pool) =>
              [...pool.tenantClients].map(([tenantId, client]) => [tenantId, client.id]),
            ),
          ),
        });
    const registry = new RegistryStore(this, 'registry', {
      tableName: names.tenantTable,
      deletionProtection: env.deletionProtection,
      entries,
    });

    // Forced sign-out lives behind the API's authorizer: the table exists with the API.
    const revocations =
      env.api === undefined
        ? undefined
        : new RevocationTable(this, 'revocations', {
            tableName: names.revocationTable,
            deletionProtection: env.deletionProtection,
          });

    const pets = needed.includes('pets')
      ? new PetsTable(this, 'pets', {
          tableName: names.petsTable,
          deletionProtection: env.deletionProtection,
        })
      : undefined;

    const origins = corsOrigins(env.api?.corsOrigins ?? []);
    const customDomains = env.api?.customDomains;
    const hostsOnly = customDomains !== undefined && customDomainsOnly(env);
    const environmentInputs: LambdaEnvironmentInputs = {
      registryPrefix: env.registryPrefix,
      tenantTableName: registry.table.name,
      sharedUserPoolIds: Object.values(sharedIdentifiers).map((pool) => pool.userPoolId),
      corsAllowedOrigins: origins,
      // Behind CloudFront: only the shared hosts (set once the distribution exists, below).
      // Else tokens on the execute-api domain unless every tenant reaches the API on its own host.
      unregisteredHosts: env.hosting !== undefined || hostsOnly ? [] : 'any',
      ...(revocations
        ? {
            revocationTableName: revocations.table.name,
            revocationTtlSeconds: revocationTtlSeconds(env),
          }
        : {}),
      ...(pets ? { petsTableName: pets.table.name } : {}),
      // Behind CloudFront the viewer's host arrives in a header CloudFront overwrites.
      ...(env.hosting
        ? {
            trustedHostHeader: FORWARDED_HOST_HEADER,
            allowDistributionHosts: env.hosting.certificate === undefined,
          }
        : {}),
    };
    const functions = new Map<LambdaName, ZipFunction>();
    for (const name of needed) {
      const artifact = artifacts[name];
      if (artifact === undefined) continue;
      functions.set(
        name,
        new ZipFunction(this, `fn-${name}`, {
          functionName: names.lambda(name),
          description: LAMBDA_DESCRIPTIONS[name],
          artifact,
          ...LAMBDA_SIZING[name],
          logRetentionDays: env.logRetentionDays,
          environment: lambdaEnvironment(name, environmentInputs),
          statements: functionStatements(name, {
            ctx,
            registryPrefix: env.registryPrefix,
            tenantTableArn: registry.table.arn,
            ...(revocations ? { revocationTableArn: revocations.table.arn } : {}),
            ...(pets ? { petsTableArn: pets.table.arn } : {}),
          }),
        }),
      );
    }

    const trigger = functions.get('pre-token-gen');
    // One grant for the account's pools, so adding a pool leaves the function policy alone (#21).
    if (trigger !== undefined) allowTriggerInvoke(this, ctx, trigger);

    let apiUrl: string | undefined;
    let accessLogs: CloudwatchLogGroup | undefined;
    let domainTargets: ReadonlyMap<string, string> | undefined;
    const api = env.api;
    const [configResolver, tenantMatch, authorizer, signOut] = [
      functions.get('config-resolver'),
      functions.get('tenant-match'),
      functions.get('authorizer'),
      functions.get('sign-out'),
    ];
    if (api !== undefined && configResolver && tenantMatch && authorizer && signOut) {
      const ref = (fn: ZipFunction) => ({
        arn: fn.function.arn,
        invokeArn: fn.function.invokeArn,
        functionName: fn.function.functionName,
      });
      const stageDependsOn: ITerraformDependable[] = api.manageAccountLoggingRole
        ? [apiGatewayAccountLogging(this, ctx, names.apiGatewayLoggingRole)]
        : [];
      // An HTTP service must be able to verify that a call came through the gateway.
      const clientCertificate =
        api.serviceUrl === undefined
          ? undefined
          : new GatewayClientCertificate(this, 'client-certificate', { apiName: names.api });
      clientCertificate?.output(this);
      const rest = new TenancyApi(this, 'api', {
        apiName: names.api,
        stageName: env.environment,
        settings: api,
        corsOrigins: origins,
        routeFunctions: {
          'config-resolver': ref(configResolver),
          'tenant-match': ref(tenantMatch),
          'sign-out': ref(signOut),
        },
        authorizerFunction: ref(authorizer),
        ...(functions.has('pets') ? { serviceFunction: ref(functions.get('pets') as ZipFunction) } : {}),
        ...(clientCertificate ? { clientCertificateId: clientCertificate.certificate.id } : {}),
        ...(env.hosting ? { identitySources: HOSTED_AUTHORIZER_IDENTITY_SOURCES } : {}),
        logRetentionDays: env.logRetentionDays,
        disableExecuteApiEndpoint: hostsOnly,
        stageDependsOn,
      });
      apiUrl = rest.stage.invokeUrl;
      accessLogs = rest.accessLogs;
      const hosting =
        env.hosting === undefined
          ? undefined
          : addHosting(this, {
              env,
              namePrefix: namePrefix(env.environment),
              accountId: ctx.accountId,
              restApiId: rest.api.id,
              // The name, not the stage: the authorizer's environment names the distribution (below).
              stageName: env.environment,
              pools: allPools,
              dedicatedPools,
              sharedPools,
              entries,
              registryItems: { entries: entries.items, resources: registry.items },
              defaultTags: defaultTags(env),
              artifactsDir: props.artifactsDir,
            });
      if (hosting !== undefined) {
        this.warnings.push(...hosting.warnings);
        // Behind CloudFront the shared tenants' hosts are the only unregistered ones (#15).
        authorizer.function.putEnvironment({
          variables: lambdaEnvironment('authorizer', {
            ...environmentInputs,
            unregisteredHosts: hosting.sharedHosts,
          }),
        });
      }
      if (api.wafRateLimitPer5Minutes !== undefined || hosting !== undefined) {
        new ApiProtection(this, 'waf', {
          name: names.webAcl,
          stageArn: rest.stage.arn,
          // Behind CloudFront the rate rule sits on the distributions (viewer-protection.ts).
          ...(api.wafRateLimitPer5Minutes === undefined || hosting !== undefined
            ? {}
            : { limitPer5Minutes: api.wafRateLimitPer5Minutes }),
          ...(hosting === undefined ? {} : { originSecrets: hosting.acceptedSecrets }),
        });
      }
      // Tenant stacks map their own hosts (tenant-stack.ts) to the API published here.
      if (customDomains !== undefined && (env.tenantStacks || env.sharedTenantClients)) {
        new SsmParameter(this, 'rest-api-id', {
          name: restApiParameterName(env.registryPrefix),
          type: 'String',
          tier: 'Standard',
          value: rest.api.id,
          description: 'cognito-tenancy platform: the REST API tenant stacks map their custom domains to',
        });
      }
      if (customDomains !== undefined && !env.tenantStacks) {
        domainTargets = new CustomDomains(this, 'custom-domains', {
          hosts: env.tenants.flatMap((tenant) => tenant.hosts),
          certificateArn: customDomains.certificateArn,
          ...(customDomains.route53ZoneId === undefined
            ? {}
            : { route53ZoneId: customDomains.route53ZoneId }),
          restApiId: rest.api.id,
          stageName: rest.stage.stageName,
        }).targets;
      }
    }

    // Alarms, dashboard and the alarm topic (infra/README.md, Operations).
    addOperations(this, {
      env,
      source: props.source,
      functions,
      tables: { revocations: revocations !== undefined, pets: pets !== undefined },
      ...(accessLogs === undefined ? {} : { accessLogs }),
    });

    stackOutputs(this, {
      env,
      ...(apiUrl === undefined ? {} : { apiUrl }),
      sharedPools: env.tenantStacks ? shardPools : sharedPools,
      ...(env.tenantStacks ? {} : { dedicatedPools }),
      tenantTableName: registry.table.name,
      ...(revocations ? { revocationTableName: revocations.table.name } : {}),
      ...(domainTargets === undefined ? {} : { domainTargets }),
    });
  }
}
