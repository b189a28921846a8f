/**
 * Hosting of an environment (`hosting` in its file): the origin secret, the SPA bucket and
 * distribution(s) in front of the REST API, the certificate, and for dev without DNS one
 * distribution per dedicated tenant registered as that tenant's host. With `tenantStacks`
 * (through `hosting.wildcardAlias`) nothing here names a tenant: the tenants' alias records are
 * in their own stacks, which read the distribution's name from the parameter published here.
 */
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter/index.js';
import { hostingAliases, type ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import type { HostRecord } from '@cognito-tenancy/registry/records';
import type { RegistryEntries } from '@cognito-tenancy/registry/registry-entries';
import { shardSuffix, sharedPoolShards } from '@cognito-tenancy/registry/shared-pools';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import {
  DistributionSharedHost,
  type RegistryItemResources,
  redirectDomainItems,
} from './constructs/distribution-shared-host';
import { DistributionTenantHost } from './constructs/distribution-tenant-host';
import { HostingCertificate, usEast1Provider } from './constructs/hosting-certificate';
import { SpaHosting } from './constructs/spa-hosting';
import type { TenancyUserPool } from './constructs/tenancy-user-pool';
import { ViewerProtection } from './constructs/viewer-protection';
import { apiPathPatterns } from './hosting-paths';
import { OriginSecret } from './origin-secret';
import { contentSecurityPolicy } from './security-headers';
import { appSettings, emailDiscoveryHosts, spaDistDir, spaFiles } from './spa-files';
import { distributionDomainParameterName } from './stack-layout';

export interface HostingInputs {
  readonly env: ResolvedEnvironment;
  readonly namePrefix: string;
  readonly accountId: string;
  readonly restApiId: string;
  readonly stageName: string;
  readonly pools: readonly TenancyUserPool[];
  readonly dedicatedPools: ReadonlyMap<string, TenancyUserPool>;
  readonly entries: RegistryEntries;
  /** The tenant table's items as resources (dev without DNS points their redirectUri at a distribution). */
  readonly registryItems: RegistryItemResources;
  /** The shards of the shared pool that exist, by shard (`shared-00`, ...). */
  readonly sharedPools: ReadonlyMap<string, TenancyUserPool>;
  readonly defaultTags: Readonly<Record<string, string>>;
  /** Where `spa/dist` is looked for (the layout of `packages/`). */
  readonly artifactsDir: string;
}

export interface Hosting {
  readonly spa: SpaHosting;
  /** Origin secret values API Gateway's WAF accepts (both rotation slots). */
  readonly acceptedSecrets: readonly string[];
  /**
   * The shared tenants' hosts (email discovery): the only names that are not registered
   * tenant hosts on which the authorizer accepts (shared-pool) tokens. With a certificate the
   * file's shared callback hosts (with `tenantStacks`, every `hosting.appHosts` entry); without
   * DNS the main distribution's own name. Empty without shared tenants.
   */
  readonly sharedHosts: readonly string[];
  /** Findings that do not stop synth. */
  readonly warnings: readonly string[];
}

/** Adds the hosting of `env` (which must have `hosting`) to `scope`. */
export function addHosting(scope: Construct, inputs: HostingInputs): Hosting {
  const { env } = inputs;
  const settings = env.hosting;
  if (settings === undefined) throw new Error(`addHosting: environment '${env.environment}' has no hosting`);
  const secret = new OriginSecret(scope, 'origin-secret');
  const hosts = hostingAliases(env);
  // Alias records: the file's names, never the wildcard; in tenant stacks each tenant makes its own.
  const appHosts = settings.appHosts;
  const records = env.tenantStacks
    ? appHosts
    : [...new Set([...env.tenants.flatMap((tenant) => tenant.hosts), ...appHosts])];
  const source = settings.certificate;
  const limit = env.api?.wafRateLimitPer5Minutes;
  const needsEast = limit !== undefined || (source !== undefined && 'route53ZoneId' in source);
  const east = needsEast
    ? usEast1Provider(scope, env.accountId === undefined ? undefined : [env.accountId], inputs.defaultTags)
    : undefined;
  const certificate =
    source === undefined || hosts.length === 0
      ? undefined
      : new HostingCertificate(scope, 'hosting-certificate', {
          hosts,
          source,
          ...(east === undefined ? {} : { east }),
          name: `${inputs.namePrefix}-spa`,
        });
  const viewerAcl =
    limit === undefined || east === undefined
      ? undefined
      : new ViewerProtection(scope, 'viewer-waf', {
          name: `${inputs.namePrefix}-viewer-public`,
          limitPer5Minutes: limit,
          east,
        });
  // No certificate, no aliases: each dedicated tenant is told apart by a distribution of its own.
  const perTenant = certificate === undefined ? [...inputs.dedicatedPools.keys()] : [];
  const sharedIds = env.tenants.filter((tenant) => tenant.pattern === 'shared').map((tenant) => tenant.id);
  // Without DNS the main distribution's own name is the shared tenants' host (no alias exists).
  const sharedHostsOf = (mainDomain: string): string[] =>
    sharedIds.length === 0 ? [] : certificate === undefined ? [mainDomain] : emailDiscoveryHosts(env);
  const distDir = spaDistDir(inputs.artifactsDir);
  const files = spaFiles(distDir);
  const warnings =
    files === undefined
      ? [`hosting: no SPA build at ${distDir} (run \`pnpm build\`); the bucket gets app-settings.json only`]
      : [];
  const spa = new SpaHosting(scope, 'spa', {
    namePrefix: inputs.namePrefix,
    bucketName: `${inputs.namePrefix}-spa-${inputs.accountId}`,
    region: env.region,
    restApiId: inputs.restApiId,
    stageName: inputs.stageName,
    apiPaths: apiPathPatterns(settings.servicePaths),
    contentSecurityPolicy: contentSecurityPolicy({
      region: env.region,
      cognitoDomains: inputs.pools.map((pool) => pool.hostedUiDomain),
      anyPoolOfRegion: env.tenantStacks,
    }),
    originSecret: secret.value(settings.originSecretSlot),
    priceClass: settings.priceClass,
    ...(certificate === undefined
      ? {}
      : {
          aliases: {
            hosts,
            records,
            certificateArn: certificate.certificateArn,
            ...(source !== undefined && 'route53ZoneId' in source
              ? { route53ZoneId: source.route53ZoneId }
              : {}),
          },
        }),
    extraDistributions: perTenant,
    ...(files === undefined ? {} : { build: { distDir, files } }),
    // The SPA finds tenants by email exactly on the hosts the authorizer accepts shared tokens on.
    appSettings: (mainDomain: string) => ({
      ...appSettings(env),
      emailDiscoveryHosts: sharedHostsOf(mainDomain),
    }),
    ...(viewerAcl === undefined ? {} : { webAclArn: viewerAcl.webAcl.arn }),
  });

  const tenantHosts: Record<string, string> = {};
  for (const tenantId of perTenant) {
    const tenant = env.tenants.find((t) => t.id === tenantId);
    const pool = inputs.dedicatedPools.get(tenantId);
    const distribution = spa.extra.get(tenantId);
    const entry = inputs.entries.parameters.find(
      (p) => p.kind === 'host' && (p.record as HostRecord).tenantId === tenantId,
    );
    if (!tenant || !pool || !distribution || !entry) continue; // dedicated tenants always have all four
    new DistributionTenantHost(scope, `distribution-host-${tenantId}`, {
      registryPrefix: env.registryPrefix,
      tenant,
      record: entry.record as HostRecord,
      domainName: distribution.domainName,
      client: pool.client,
    });
    // The SPA on the shared host sends this tenant's users to their host: this one.
    redirectDomainItems(scope, inputs.registryItems, new Set([tenantId]), distribution.domainName);
    tenantHosts[tenantId] = distribution.domainName;
  }
  const sharedHosts = sharedHostsOf(spa.distribution.domainName);
  // Every shard's app client accepts the main distribution's name (shared-00 keeps its id).
  for (const [shard, tenants] of certificate === undefined ? sharedPoolShards(env.tenants) : []) {
    const pool = inputs.sharedPools.get(shard);
    if (pool === undefined) continue; // every shard with tenants has its pool
    new DistributionSharedHost(scope, `distribution-shared-host${shardSuffix(shard)}`, {
      tenantIds: tenants.map((tenant) => tenant.id),
      domainName: spa.distribution.domainName,
      client: pool.client,
      items: inputs.registryItems,
    });
  }

  // Tenant stacks point their hosts' records at the distribution by this parameter; the
  // one-stack release before migrate (sharedTenantClients) publishes it too, so migrating creates nothing.
  if ((env.tenantStacks || env.sharedTenantClients) && source !== undefined && 'route53ZoneId' in source) {
    new SsmParameter(scope, 'hosting-distribution-domain', {
      name: distributionDomainParameterName(env.registryPrefix),
      type: 'String',
      tier: 'Standard',
      value: spa.distribution.domainName,
      description: 'cognito-tenancy platform: the SPA distribution tenant stacks alias their hosts to',
    });
  }

  new TerraformOutput(scope, 'hosting', {
    description: 'SPA bucket, distribution and the host of each dedicated tenant without DNS',
    value: {
      bucket: spa.bucket.bucket,
      distribution_id: spa.distribution.id,
      distribution_domain: spa.distribution.domainName,
      aliases: certificate === undefined ? [] : hosts,
      tenant_distribution_hosts: tenantHosts,
      shared_hosts: sharedHosts,
    },
  });
  return { spa, acceptedSecrets: secret.accepted(), sharedHosts, warnings };
}
