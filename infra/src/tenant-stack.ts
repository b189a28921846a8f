/**
 * One tenant's stack in the tenant-stacks layout (`tenantStacks`, issue #21), with its own
 * state: a dedicated tenant's pool, domain, IdP and client, or a shared tenant's IdP and own
 * client in its shard's pool; with hosting in a Route 53 zone, its hosts' alias records, or with
 * `api.customDomains` its hosts' custom domains; then the tenant's registry records. Platform values come from names (functions, tables) and from
 * the parameters the platform stack publishes (a shard's pool id, the distribution's name;
 * stack-layout.ts), so planning a tenant reads at most two parameters and its own resources.
 */
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter/index.js';
import type { ResolvedEnvironment, Tenant } from '@cognito-tenancy/registry/environment';
import { TENANT_TABLE_PARTITION_KEY } from '@cognito-tenancy/registry/keys';
import { type PoolIdentifiers, tenantRegistryEntries } from '@cognito-tenancy/registry/registry-entries';
import { shardDomainPrefix, sharedPoolOf } from '@cognito-tenancy/registry/shared-pools';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { cognitoIssuerUrl, hostedUiDomain, lambdaFunctionArn } from './aws-context';
import { CustomDomains } from './constructs/custom-domains';
import { distributionAliasRecords } from './constructs/distribution-dns';
import { addRegistryRecords } from './constructs/registry-store';
import { SharedTenantSignIn } from './constructs/shared-tenant-sign-in';
import { TenancyUserPool } from './constructs/tenancy-user-pool';
import { resourceNames } from './names';
import { tenantOutputValue } from './outputs';
import { stackBasics } from './stack-basics';
import {
  distributionDomainParameterName,
  restApiParameterName,
  sharedPoolParameterName,
  tenantStackName,
} from './stack-layout';

export interface TenantStackProps {
  readonly environment: ResolvedEnvironment;
  readonly tenant: Tenant;
  /** The environment file, for messages. */
  readonly source: string;
}

export class TenantStack extends TerraformStack {
  readonly warnings: string[] = [];

  constructor(scope: Construct, props: TenantStackProps) {
    const { environment: env, tenant } = props;
    const stackName = tenantStackName(env.environment, tenant.id);
    super(scope, stackName);
    const ctx = stackBasics(this, env, { id: tenant.id, stackName });
    const names = resourceNames(env.environment);
    // Named, not referenced: the function is the platform stack's.
    const triggerArn = lambdaFunctionArn(ctx, names.lambda('pre-token-gen'));
    const common = { tenant, baseDir: env.baseDir, source: props.source };

    let pool: PoolIdentifiers;
    if (tenant.pattern === 'dedicated' && tenant.pool !== undefined) {
      const dedicated = new TenancyUserPool(this, 'pool', {
        ...common,
        ctx,
        tenants: [tenant],
        poolName: names.dedicatedPool(tenant.id),
        settings: tenant.pool,
        deletionProtection: env.deletionProtection,
        ...(tenant.pool.preTokenGeneration ? { triggerArn } : {}),
      });
      this.warnings.push(...dedicated.warnings);
      pool = dedicated.identifiers;
    } else if (tenant.pattern === 'shared' && env.sharedPool !== undefined) {
      const shard = sharedPoolOf(tenant);
      const userPoolId = new DataAwsSsmParameter(this, 'shared-pool', {
        name: sharedPoolParameterName(env.registryPrefix, shard),
      }).insecureValue;
      const signIn = new SharedTenantSignIn(this, 'sign-in', {
        ...common,
        userPoolId,
        poolName: names.sharedPoolShard(shard),
        settings: env.sharedPool,
      });
      this.warnings.push(...signIn.warnings);
      pool = {
        userPoolId,
        clientId: signIn.client.id,
        cognitoDomain: hostedUiDomain(ctx, shardDomainPrefix(env.sharedPool.domainPrefix, shard)),
        issuer: cognitoIssuerUrl(ctx, userPoolId),
      };
    } else {
      // Refused by the schema (a dedicated tenant needs `pool`, a shared one `sharedPool`).
      throw new Error(`tenant '${tenant.id}': no pool settings`);
    }

    // api.customDomains: the tenant's hosts as regional custom domains of the platform's API.
    const domains = env.api?.customDomains;
    if (domains !== undefined && tenant.hosts.length > 0) {
      const targets = new CustomDomains(this, 'custom-domains', {
        hosts: tenant.hosts,
        certificateArn: domains.certificateArn,
        ...(domains.route53ZoneId === undefined ? {} : { route53ZoneId: domains.route53ZoneId }),
        restApiId: new DataAwsSsmParameter(this, 'rest-api-id', {
          name: restApiParameterName(env.registryPrefix),
        }).insecureValue,
        // The platform's stage is named after the environment (environment-stack.ts).
        stageName: env.environment,
      }).targets;
      new TerraformOutput(this, 'custom_domain_targets', {
        value: Object.fromEntries(targets),
        description: 'Per tenant host, the API Gateway regional domain its DNS record points at',
      });
    }

    // The tenant's hosts in DNS, aliased to the platform's distribution (hosting.wildcardAlias).
    const zone = env.hosting?.certificate;
    if (zone !== undefined && 'route53ZoneId' in zone && tenant.hosts.length > 0) {
      distributionAliasRecords(new Construct(this, 'hosting'), {
        zoneId: zone.route53ZoneId,
        hosts: tenant.hosts,
        domainName: new DataAwsSsmParameter(this, 'distribution-domain', {
          name: distributionDomainParameterName(env.registryPrefix),
        }).insecureValue,
        // A host another stack still holds (moved between tenants in one deploy) fails here.
        allowOverwrite: false,
      });
    }

    addRegistryRecords(new Construct(this, 'registry'), {
      tableName: names.tenantTable,
      hashKey: TENANT_TABLE_PARTITION_KEY,
      entries: tenantRegistryEntries(env, tenant, pool, { ownClient: tenant.pattern === 'shared' }),
    });
    new TerraformOutput(this, 'tenant', {
      value: {
        ...tenantOutputValue(tenant, { userPoolId: pool.userPoolId, hostedUiDomain: pool.cognitoDomain }),
        client_id: pool.clientId,
        hosted_ui_domain: pool.cognitoDomain,
      },
      description: 'What its IdP admin needs (ACS URL, audience, sign-out URL), its pool and app client',
    });
  }
}

/**
 * A retired tenant's stack (`retiredTenants`): the tenant's backend and provider and nothing
 * else, so its plan destroys everything its state holds (pool, domain, IdP, client, registry
 * records). A dedicated pool with deletion protection stops that apply, as it would in one stack.
 */
export class RetiredTenantStack extends TerraformStack {
  constructor(
    scope: Construct,
    props: { readonly environment: ResolvedEnvironment; readonly tenantId: string },
  ) {
    const stackName = tenantStackName(props.environment.environment, props.tenantId);
    super(scope, stackName);
    stackBasics(this, props.environment, { id: props.tenantId, stackName });
  }
}
