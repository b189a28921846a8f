/**
 * Cognito quotas and name rules checked before deploy, so a file that would fail halfway
 * through `terraform apply` fails here instead. Hard quotas are errors; being close to a
 * quota that other environments in the same account also consume is a warning.
 */
import {
  hostingAliases,
  type ResolvedEnvironment,
  tenantCallbackUrls,
  tenantLogoutUrls,
} from '@cognito-tenancy/registry/environment';
import { sharedPoolShards } from '@cognito-tenancy/registry/shared-pools';
import { type Finding, tenantLabel } from '../findings';

/** Cognito: SAML/OIDC identity providers per user pool (adjustable quota, default 300). */
export const IDPS_PER_POOL = 300;
/** Cognito: identifiers (`idp_identifier`; infra registers the email domains) per identity provider. */
export const IDENTIFIERS_PER_IDP = 50;
/** Cognito: length of one IdP identifier. */
export const IDENTIFIER_MAX_LENGTH = 40;
/** Cognito: user pools per account and region (adjustable quota, default 1,000). */
export const POOLS_PER_ACCOUNT = 1000;
/** Cognito: callback URLs and sign-out URLs per app client. */
export const URLS_PER_APP_CLIENT = 100;
/** Cognito: length of a custom attribute value (`custom:groups`). */
export const CUSTOM_ATTRIBUTE_MAX_LENGTH = 2048;
/** CloudFront: alternate domain names (CNAMEs) per distribution (adjustable, default 100). */
export const ALIASES_PER_DISTRIBUTION = 100;
/** CloudFront: distributions per origin access control and per response headers policy (adjustable, default 100 each). */
export const DISTRIBUTIONS_PER_SHARED_POLICY = 100;
/** ACM: domain names per certificate (default 10, adjustable up to 100). */
export const NAMES_PER_CERTIFICATE = 10;
/** ACM: the most domain names a certificate can have, whatever the quota. */
export const NAMES_PER_CERTIFICATE_MAX = 100;
/** Warn at this share of a quota that other environments in the account may also use. */
const NEAR_QUOTA = 0.9;
/** Cognito refuses domain prefixes containing these words. */
const RESERVED_DOMAIN_WORDS = ['aws', 'amazon', 'cognito'];

const QUOTA_FIX = 'split tenants across environments or accounts, or request a quota increase';

/** Quota and naming findings for a validated environment. */
export function quotaFindings(env: ResolvedEnvironment): Finding[] {
  const findings: Finding[] = [];
  const shards = sharedPoolShards(env.tenants);
  const shared = env.tenants.filter((t) => t.pattern === 'shared');
  // One pool per dedicated tenant and per shard of the shared pool that has tenants.
  const pools = env.tenants.length - shared.length + shards.size;

  findings.push(
    ...nearQuota(
      'tenants',
      pools,
      POOLS_PER_ACCOUNT,
      'quota.pools-per-account',
      (n, q) =>
        `${n} user pools; Cognito allows ${q} per account and region, shared with every other environment there`,
    ),
  );
  for (const [shard, tenants] of shards) findings.push(...shardFindings(shard, tenants));
  findings.push(...hostingFindings(env));
  for (const index of env.tenants.keys()) findings.push(...tenantQuotaFindings(env, index));
  for (const [where, prefix] of domainPrefixes(env)) {
    const word = RESERVED_DOMAIN_WORDS.find((w) => prefix.includes(w));
    if (word !== undefined) {
      findings.push({
        severity: 'error',
        code: 'naming.reserved-domain-word',
        where: `${where}.domainPrefix`,
        message: `'${prefix}' contains '${word}'; Cognito refuses domain prefixes containing aws, amazon or cognito`,
        fix: 'choose a domain prefix without those words',
      });
    }
  }
  return findings;
}

/**
 * One shard of the shared pool: its IdPs (one per tenant) and its one app client's URLs.
 * Validation already refuses a shard over the IdP quota; a full shard is no warning, as
 * `tenant add` puts the next tenant in the next shard.
 */
function shardFindings(shard: string, tenants: readonly ResolvedEnvironment['tenants'][number][]): Finding[] {
  const findings: Finding[] = [];
  const where = `sharedPool (shard '${shard}')`;
  if (tenants.length > IDPS_PER_POOL) {
    findings.push({
      severity: 'error',
      code: 'quota.idps-per-pool',
      where,
      message: `${tenants.length} shared tenants means ${tenants.length} identity providers in shard ${shard}; Cognito allows ${IDPS_PER_POOL}`,
      fix: 'put new tenants in the next shard ("sharedPool": "shared-NN"), as tenant add does',
    });
  }
  // Each shard has one app client: it carries the callback URLs of the shard's tenants.
  const callbacks = new Set(tenants.flatMap(tenantCallbackUrls)).size;
  const logouts = new Set(tenants.flatMap(tenantLogoutUrls)).size;
  for (const [count, what] of [
    [callbacks, 'callback'],
    [logouts, 'sign-out'],
  ] as const) {
    if (count > URLS_PER_APP_CLIENT) {
      findings.push({
        severity: 'error',
        code: 'quota.urls-per-app-client',
        where,
        message: `shared tenants of shard ${shard} have ${count} ${what} URLs; its app client allows ${URLS_PER_APP_CLIENT}`,
        fix: 'move some tenants to the dedicated pattern, or share hosts between their callback URLs',
      });
    }
  }
  return findings;
}

/**
 * CloudFront and ACM quotas of `hosting`, adjustable like the pool quota above and treated the
 * same way (error past the default, warning from 90%):
 *   - with a certificate that has names, every tenant and app host is an alias of the one main
 *     distribution, and with `route53ZoneId` a name on the one certificate infra requests;
 *   - without (dev without DNS), the main distribution and one per dedicated tenant share one
 *     origin access control and the same response headers policies, and CloudFront allows 100
 *     distributions on each (this is lower than the 200 distributions per account).
 */
function hostingFindings(env: ResolvedEnvironment): Finding[] {
  if (env.hosting === undefined) return [];
  const certificate = env.hosting.certificate;
  const names = hostingAliases(env).length;
  // Without names hosting.ts requests no certificate either (only possible without dedicated tenants, which need hosts).
  if (certificate === undefined || names === 0) {
    const distributions = 1 + env.tenants.filter((t) => t.pattern === 'dedicated').length;
    return nearQuota(
      'hosting',
      distributions,
      DISTRIBUTIONS_PER_SHARED_POLICY,
      'quota.distributions-per-policy',
      (n, q) =>
        `hosting without a certificate makes ${n} CloudFront distributions (the main one and one per dedicated tenant), all on one origin access control and the same response headers policies; CloudFront allows ${q} distributions on each by default`,
      'name a certificate (hosting.certificate) so tenant hosts are aliases of the main distribution, request the quota increases, or split tenants across environments',
    );
  }
  const findings = nearQuota(
    'hosting',
    names,
    ALIASES_PER_DISTRIBUTION,
    'quota.aliases-per-distribution',
    (n, q) =>
      `${n} tenant and app hosts are aliases of one CloudFront distribution; CloudFront allows ${q} by default`,
    env.hosting.wildcardAlias === undefined
      ? 'set hosting.wildcardAlias (such as *.app.example.com: one alias for every tenant host one label under it), request a quota increase (CloudFront: alternate domain names per distribution), or split tenants across environments'
      : `list fewer hosting.appHosts outside ${env.hosting.wildcardAlias}, or request a quota increase (CloudFront: alternate domain names per distribution)`,
  );
  if ('route53ZoneId' in certificate) {
    const certificateFix =
      env.hosting.wildcardAlias === undefined
        ? 'set hosting.wildcardAlias (such as *.app.example.com: one certificate name for every tenant host one label under it)'
        : `list fewer hosting.appHosts outside ${env.hosting.wildcardAlias}`;
    findings.push(
      ...(names > NAMES_PER_CERTIFICATE_MAX
        ? [
            {
              severity: 'error' as const,
              code: 'quota.names-per-certificate',
              where: 'hosting.certificate',
              message: `${names} tenant and app hosts on the one certificate infra requests; ACM allows at most ${NAMES_PER_CERTIFICATE_MAX}`,
              fix: certificateFix,
            },
          ]
        : nearQuota(
            'hosting.certificate',
            names,
            NAMES_PER_CERTIFICATE,
            'quota.names-per-certificate',
            (n, q) =>
              `${n} tenant and app hosts on the one certificate infra requests; ACM allows ${q} by default (up to ${NAMES_PER_CERTIFICATE_MAX} once raised)`,
            `${certificateFix}, or request an ACM quota increase in us-east-1 (domain names per certificate)`,
          )),
    );
  }
  return findings;
}

function tenantQuotaFindings(env: ResolvedEnvironment, index: number): Finding[] {
  const tenant = env.tenants[index];
  if (tenant === undefined) return [];
  const label = tenantLabel(index, tenant.id);
  const findings: Finding[] = [];
  if (tenant.emailDomains.length > IDENTIFIERS_PER_IDP) {
    findings.push({
      severity: 'error',
      code: 'quota.identifiers-per-idp',
      where: `${label}.emailDomains`,
      message: `${tenant.emailDomains.length} email domains; Cognito allows ${IDENTIFIERS_PER_IDP} identifiers per IdP`,
      fix: 'keep the domains people actually sign in with, or use includeSubdomains',
    });
  }
  // Infra registers every email domain as an identifier of the tenant's IdP (idp_identifier).
  for (const domain of tenant.emailDomains.filter((d) => d.length > IDENTIFIER_MAX_LENGTH)) {
    findings.push({
      severity: 'error',
      code: 'quota.identifier-length',
      where: `${label}.emailDomains`,
      message: `'${domain}' has ${domain.length} characters; infra registers email domains as IdP identifiers, which Cognito limits to ${IDENTIFIER_MAX_LENGTH}`,
      fix: 'list the shorter parent domain with includeSubdomains instead, or leave this domain out',
    });
  }
  findings.push(...groupFindings(label, tenant));
  return findings;
}

function groupFindings(label: string, tenant: ResolvedEnvironment['tenants'][number]): Finding[] {
  if (tenant.idp.attributeMapping.groups === undefined) return [];
  const { allow, prefixes } = tenant.groups;
  if (allow.length === 0 && prefixes.length === 0) {
    return [
      {
        severity: 'warning',
        code: 'quota.groups-unfiltered',
        where: `${label}.groups`,
        message: `groups are mapped but no group filter is set; a user in many IdP groups can exceed the ${CUSTOM_ATTRIBUTE_MAX_LENGTH}-character custom:groups attribute and fail to sign in`,
        fix: 'list groups.allow or groups.prefixes, and give the IdP admin the group filter from tenant sp-info',
      },
    ];
  }
  // Cognito stores a multi-valued SAML attribute as "[a, b, c]".
  const worstCase = `[${allow.join(', ')}]`.length;
  if (prefixes.length === 0 && worstCase > CUSTOM_ATTRIBUTE_MAX_LENGTH) {
    return [
      {
        severity: 'error',
        code: 'quota.custom-attribute-length',
        where: `${label}.groups.allow`,
        message: `a user in every allowed group sends ${worstCase} characters; custom:groups holds ${CUSTOM_ATTRIBUTE_MAX_LENGTH}`,
        fix: 'allow fewer or shorter group names',
      },
    ];
  }
  return [];
}

function domainPrefixes(env: ResolvedEnvironment): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (env.sharedPool) out.push(['sharedPool', env.sharedPool.domainPrefix]);
  // Shards other than shared-00 append `-NN`, which adds no reserved word: this one covers them.
  env.tenants.forEach((tenant, index) => {
    if (tenant.pool) out.push([`${tenantLabel(index, tenant.id)}.pool`, tenant.pool.domainPrefix]);
  });
  return out;
}

function nearQuota(
  where: string,
  count: number,
  quota: number,
  code: string,
  describe: (count: number, quota: number) => string,
  fix = QUOTA_FIX,
): Finding[] {
  if (count > quota) return [{ severity: 'error', code, where, message: describe(count, quota), fix }];
  if (count >= Math.ceil(quota * NEAR_QUOTA)) {
    return [
      {
        severity: 'warning',
        code,
        where,
        message: `${describe(count, quota)} (over ${NEAR_QUOTA * 100}%)`,
        fix,
      },
    ];
  }
  return [];
}
