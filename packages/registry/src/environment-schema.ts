/**
 * Schema of an environment's tenant file (`infra/environments/<name>.json`): the source
 * of truth that infra, the local stack and the tenant tooling all read.
 */
import { z } from 'zod';
import { ENVIRONMENT_NAME, PROVIDER_NAME, REGION, TENANT_ID } from './identifiers';
import { MAX_EMAIL_DOMAIN_LABELS, normalizeDomain, normalizeHost } from './normalize';
import { SHARED_POOL_SHARD } from './shared-pools';

const normalized = (normalize: typeof normalizeDomain, what: string) =>
  z.string().transform((value, ctx) => {
    const result = normalize(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: `not a valid ${what} (${result.reason})` });
      return z.NEVER;
    }
    return result.value;
  });

const hostSchema = normalized(normalizeHost, 'host name');
const domainSchema = normalized(normalizeDomain, 'email domain');
// Bounded depth keeps tenant-match's parent reads complete (see MAX_EMAIL_DOMAIN_LABELS).
const emailDomainSchema = domainSchema.refine(
  (domain) => domain.split('.').length <= MAX_EMAIL_DOMAIN_LABELS,
  {
    message: `at most ${MAX_EMAIL_DOMAIN_LABELS} labels (register the shorter parent with includeSubdomains instead)`,
  },
);
/** A callback or sign-out URL: https, or http on localhost and `*.localhost` (the local stack). */
export const webUrl = z
  .string()
  .max(1024)
  .refine(
    (value) => /^https:\/\/|^http:\/\/(localhost|127\.0\.0\.1|[a-z0-9.-]+\.localhost)(:\d+)?\//.test(value),
    {
      message: 'must be an https:// URL (http:// only for localhost)',
    },
  );
const groupName = z.string().min(1).max(256);
const ACM_CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;

/** Cognito hosted UI domain prefix: lowercase letters, digits and hyphens, 1-63 chars. */
const domainPrefix = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits, hyphens');

const featurePlan = z.enum(['LITE', 'ESSENTIALS', 'PLUS']);

const tokenValidity = z
  .object({
    accessTokenMinutes: z.number().int().min(5).max(1440).default(60),
    idTokenMinutes: z.number().int().min(5).max(1440).default(60),
    refreshTokenDays: z.number().int().min(1).max(3650).default(30),
  })
  .strict();

/** User pool settings shared by the shared pool and each dedicated pool. */
const poolSettings = z
  .object({
    domainPrefix,
    /** V2 trigger events (access token customisation) need ESSENTIALS or PLUS. */
    featurePlan: featurePlan.default('ESSENTIALS'),
    /**
     * This pool's deletion protection, instead of the file's `deletionProtection`: false on one
     * dedicated tenant's pool lets that tenant be taken out without unprotecting anything else.
     */
    deletionProtection: z.boolean().optional(),
    preTokenGeneration: z.boolean().default(true),
    tokenValidity: tokenValidity.default({
      accessTokenMinutes: 60,
      idTokenMinutes: 60,
      refreshTokenDays: 30,
    }),
  })
  .strict();

const attributeMapping = z
  .object({
    email: z.string().min(1).max(2048),
    given_name: z.string().min(1).max(2048).optional(),
    family_name: z.string().min(1).max(2048).optional(),
    groups: z.string().min(1).max(2048).optional(),
  })
  .strict();

const identityProvider = z
  .object({
    name: z.string().regex(PROVIDER_NAME, '1-32 letters, digits, dots or hyphens; no underscore'),
    metadataUrl: z.url({ protocol: /^https$/ }).optional(),
    /** Path relative to the environment file. */
    metadataFile: z.string().min(1).optional(),
    attributeMapping: attributeMapping.default({
      email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
      given_name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
      family_name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
      groups: 'http://schemas.xmlsoap.org/claims/Group',
    }),
    /** Sign users out of the IdP too (SAML single logout). */
    signOut: z.boolean().default(false),
    /**
     * Tenants whose IdP may use the same signing certificate as this one (one AD FS serving
     * two business units); `tenant check` refuses a shared certificate otherwise.
     */
    sharesSigningCertificateWith: z.array(z.string().regex(TENANT_ID)).max(50).optional(),
  })
  .strict()
  .refine((idp) => (idp.metadataUrl === undefined) !== (idp.metadataFile === undefined), {
    message: 'set exactly one of metadataUrl or metadataFile',
  });

const groupPolicy = z
  .object({
    /** IdP group names passed into tokens as they are. */
    allow: z.array(groupName).max(100).default([]),
    /** IdP group name prefixes passed into tokens. */
    prefixes: z.array(groupName).max(20).default([]),
    /** The group whose members administer the tenant (sample service, forced sign-out). */
    admin: groupName.optional(),
  })
  .strict();

const tenant = z
  .object({
    id: z.string().regex(TENANT_ID, '3-32 lowercase letters, digits or hyphens'),
    displayName: z.string().min(1).max(128),
    pattern: z.enum(['dedicated', 'shared']),
    hosts: z.array(hostSchema).max(50).default([]),
    emailDomains: z.array(emailDomainSchema).min(1).max(50),
    /** Let subdomains of the email domains (`eu.acme.com`) resolve to this tenant. */
    includeSubdomains: z.boolean().default(false),
    idp: identityProvider,
    groups: groupPolicy.default({ allow: [], prefixes: [] }),
    callbackUrls: z.array(webUrl).max(100).optional(),
    logoutUrls: z.array(webUrl).max(100).optional(),
    /** Required for dedicated tenants: their own user pool. */
    pool: poolSettings.optional(),
    /**
     * Shared tenants only: the shard of the shared pool the tenant is in (`shared-NN`).
     * Absent: `shared-00`, the pool of every file written before sharding (shared-pools.ts).
     */
    sharedPool: z
      .string()
      .regex(SHARED_POOL_SHARD, 'shared-NN with two digits, such as shared-01')
      .optional(),
  })
  .strict();

const api = z
  .object({
    /**
     * Where `ANY /{proxy+}` is forwarded (HTTP proxy, the gateway presents its client
     * certificate). Absent: the sample pets Lambda serves it (AWS_PROXY).
     */
    serviceUrl: z.url({ protocol: /^https?$/ }).optional(),
    authorizerCacheTtlSeconds: z.number().int().min(0).max(3600).default(300),
    throttle: z
      .object({
        rateLimit: z.number().positive().default(100),
        burstLimit: z.number().int().positive().default(200),
      })
      .strict()
      .default({ rateLimit: 100, burstLimit: 200 }),
    publicThrottle: z
      .object({
        rateLimit: z.number().positive().default(20),
        burstLimit: z.number().int().positive().default(40),
      })
      .strict()
      .default({ rateLimit: 20, burstLimit: 40 }),
    wafRateLimitPer5Minutes: z.number().int().min(100).optional(),
    corsOrigins: z.array(webUrl).max(100).default([]),
    /** A regional API Gateway custom domain per tenant host, with this ACM certificate. */
    customDomains: z
      .object({
        certificateArn: z.string().regex(ACM_CERTIFICATE_ARN, 'an ACM certificate ARN in the same region'),
        /** When set, an alias record per host is created in this Route 53 hosted zone. */
        route53ZoneId: z
          .string()
          .regex(/^Z[A-Z0-9]{1,32}$/, 'a Route 53 hosted zone id')
          .optional(),
        /**
         * Every tenant reaches the API on its own host only: the execute-api endpoint is off and
         * no unregistered host is accepted. Every tenant, shared ones included, must then have a
         * host. In one stack this follows from the tenants when unset; with `tenantStacks` the
         * platform may not depend on them, so it takes effect only when set.
         */
        hostsOnly: z.boolean().optional(),
      })
      .strict()
      .optional(),
    /**
     * Set the account's API Gateway CloudWatch role (needed for access logs). It is one
     * setting per account and region, so it is opt-in: exactly one environment per account
     * and region sets it (two would overwrite each other; destroying one breaks the other's logs).
     */
    manageAccountLoggingRole: z.boolean().default(false),
  })
  .strict();

/** Paths the SPA itself serves (infra/README.md, Hosting): a service path must not match them. */
const SPA_FILES = ['/', '/index.html', '/app-settings.json', '/callback'];
const SPA_ASSETS = '/assets/';

/**
 * Why a CloudFront path pattern would take SPA paths from the bucket (or the year-long
 * caching from `/assets/*`), or undefined. A pattern matches exactly, or by prefix with a
 * trailing `*`.
 */
function spaShadow(pattern: string): string | undefined {
  const prefix = pattern.endsWith('*') ? pattern.slice(0, -1) : undefined;
  const file = SPA_FILES.find((path) => (prefix === undefined ? pattern === path : path.startsWith(prefix)));
  if (file !== undefined) return `matches the SPA's ${file}`;
  const assets =
    prefix === undefined
      ? pattern.startsWith(SPA_ASSETS)
      : SPA_ASSETS.startsWith(prefix) || prefix.startsWith(SPA_ASSETS);
  if (assets) return `matches the SPA's ${SPA_ASSETS}*`;
  // Root files (favicon.ico, robots.txt) come from the SPA build.
  if (prefix === undefined && /^\/[^/]*\.[^/]*$/.test(pattern))
    return 'is a file at the root, where the SPA build lives';
  return undefined;
}

/**
 * `*.app.example.com`: a wildcard name, its suffix a host name (two labels at least). Normalized
 * like a host (lower case, IDN to ASCII), so comparisons with tenant hosts are exact.
 */
const wildcardAlias = z.string().transform((value, ctx) => {
  const suffix = value.startsWith('*.') ? normalizeHost(value.slice(2)) : undefined;
  if (suffix === undefined || !suffix.ok || value.includes(':')) {
    const reason =
      suffix === undefined
        ? "it must start with '*.'"
        : !suffix.ok
          ? `its suffix: ${suffix.reason}`
          : 'a name has no port';
    ctx.addIssue({ code: 'custom', message: `not a wildcard name such as '*.app.example.com' (${reason})` });
    return z.NEVER;
  }
  return `*.${suffix.value}`;
});

const US_EAST_1_CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/;

/**
 * The SPA's CloudFront distribution (infra/README.md, Hosting). Tenant hosts and
 * `appHosts` are its aliases when a certificate is named; without one (no DNS) every
 * dedicated tenant gets a distribution of its own whose `*.cloudfront.net` name infra
 * registers as that tenant's host.
 */
const hosting = z
  .object({
    /** Aliases besides the tenants' hosts: the common host of the shared tenants. */
    appHosts: z.array(hostSchema).max(50).default([]),
    /**
     * One alias and certificate name for every tenant host (`*.app.example.com`; each tenant
     * host must be one label under it), instead of one per host: the distribution and its
     * certificate stop listing tenants. Needs `certificate`; required with `tenantStacks`.
     */
    wildcardAlias: wildcardAlias.optional(),
    /** CloudFront's certificate (us-east-1): DNS-validated in a Route 53 zone, or an existing one. */
    certificate: z
      .union([
        z
          .object({ route53ZoneId: z.string().regex(/^Z[A-Z0-9]{1,32}$/, 'a Route 53 hosted zone id') })
          .strict(),
        z
          .object({
            certificateArn: z
              .string()
              .regex(
                US_EAST_1_CERTIFICATE_ARN,
                'an ACM certificate ARN in us-east-1 (CloudFront uses only those)',
              ),
          })
          .strict(),
      ])
      .optional(),
    /** The origin secret CloudFront sends ('a' or 'b'); API Gateway accepts both (rotation). */
    originSecretSlot: z.enum(['a', 'b']).default('a'),
    priceClass: z.enum(['PriceClass_100', 'PriceClass_200', 'PriceClass_All']).default('PriceClass_100'),
    /** CloudFront path patterns of the service behind `{proxy+}` (the pets sample: `/pets`, `/pets/*`). */
    servicePaths: z
      .array(
        z
          .string()
          .regex(/^\/[A-Za-z0-9._~/-]*\*?$/, 'a path pattern such as /pets/*')
          .superRefine((pattern, ctx) => {
            const shadow = spaShadow(pattern);
            if (shadow === undefined) return;
            ctx.addIssue({
              code: 'custom',
              message: `'${pattern}' ${shadow}: CloudFront would send it to the API instead of the SPA bucket; list only the service's own paths, such as /pets and /pets/*`,
            });
          }),
      )
      .min(1)
      .max(20)
      .default(['/pets', '/pets/*']),
  })
  .strict();

/**
 * Alarms and dashboard (infra/README.md, Operations): where alarms notify, and thresholds
 * that replace the defaults. Alarms and the dashboard exist with or without this block.
 */
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
const positive = z.number().positive();
const operations = z
  .object({
    /** `{ "create": true, "emailSubscriptions": [...] }` (a topic of this stack) or `{ "arn": "..." }` (yours). */
    alarmTopic: z
      .object({
        create: z.literal(true, 'true (or leave it out and name "arn")').optional(),
        emailSubscriptions: z.array(z.email('an email address')).max(20).optional(),
        arn: z
          .string()
          .regex(SNS_TOPIC_ARN, 'a standard SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)')
          .optional(),
      })
      .strict()
      .superRefine((topic, ctx) => {
        if ((topic.create === true) === (topic.arn !== undefined)) {
          ctx.addIssue({ code: 'custom', message: 'set either "create": true or "arn": "<SNS topic ARN>"' });
        }
        if (topic.arn !== undefined && topic.emailSubscriptions !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['emailSubscriptions'],
            message: 'only with "create": true (subscribe to an existing topic where it is managed)',
          });
        }
      })
      .optional(),
    /** Each replaces one alarm's default threshold (units in the name). */
    thresholds: z
      .object({
        authorizerErrors: positive.optional(),
        deniedPercent: positive.max(100).optional(),
        apiLatencyP99Ms: positive.optional(),
        authorizerLatencyP99Ms: positive.optional(),
        api5xxPercent: positive.max(100).optional(),
        api429Count: positive.optional(),
        lambdaThrottles: positive.optional(),
        preTokenGenErrors: positive.optional(),
        dynamodbThrottles: positive.optional(),
        ssmThrottles: positive.optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

/** Retention periods CloudWatch Logs accepts. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const s3State = z
  .object({
    bucket: z.string().min(3).max(63),
    key: z.string().min(1).optional(),
    region: z.string().regex(REGION).optional(),
    dynamodbTable: z.string().min(3).optional(),
  })
  .strict();

/** The whole file, as validated (before cross-tenant checks). */
export const environmentSchema = z
  .object({
    $schema: z.string().optional(),
    environment: z
      .string()
      .regex(ENVIRONMENT_NAME, 'lowercase letters, digits, hyphens; starts with a letter'),
    region: z.string().regex(REGION, 'an AWS region such as eu-west-1'),
    /** The AWS account this environment deploys to; infra refuses any other account when set. */
    accountId: z
      .string()
      .regex(/^\d{12}$/, 'a 12-digit AWS account id')
      .optional(),
    registryPrefix: z.string().optional(),
    tags: z.record(z.string(), z.string()).default({}),
    /** CloudWatch Logs retention of the functions' and the API's log groups. */
    logRetentionDays: z
      .number()
      .int()
      .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
        message: `one of ${LOG_RETENTION_DAYS.join(', ')}`,
      })
      .default(30),
    /** Protects user pools and the tenant table from deletion; turn off for throwaway environments. */
    deletionProtection: z.boolean().default(true),
    state: z.object({ s3: s3State.optional() }).strict().default({}),
    /** Settings of every shard of the shared pool (`shared-00`, `shared-01`, ...). */
    sharedPool: poolSettings.optional(),
    api: api.optional(),
    /** The SPA on every tenant's host, with the API behind the same distribution (needs `api`). */
    hosting: hosting.optional(),
    /**
     * One Terraform stack and state per tenant beside the platform stack (issue #21): adding a
     * tenant plans only that tenant's resources. With `hosting` only through
     * `hosting.wildcardAlias` and a certificate.
     */
    tenantStacks: z.boolean().default(false),
    /**
     * One-stack layout: each shared tenant also gets an app client of its own in its shard (as
     * in tenant stacks), which its records hand out; the shard's common client stays, so
     * sessions already begun keep working; with hosting in a Route 53 zone the distribution's
     * name is published for tenant stacks too. The release before `migrate`: with it,
     * migrating into tenant stacks creates nothing. Implied by `tenantStacks`.
     */
    sharedTenantClients: z.boolean().default(false),
    /**
     * Tenant-stacks layout: tenants taken out of the file whose stacks are still deployed. Each
     * synthesizes as an empty stack on the tenant's state, so `deploy` destroys what it holds
     * (pool, IdP, client, registry records). `deploy` refuses while a tenant state with
     * resources belongs to no tenant and no entry here.
     */
    retiredTenants: z
      .array(z.string().regex(TENANT_ID, '3-32 lowercase letters, digits or hyphens'))
      .max(5000)
      .default([]),
    /** Where alarms notify, and threshold overrides (alarms and the dashboard always exist). */
    operations: operations.optional(),
    tenants: z.array(tenant).max(5000),
  })
  .strict();

export type EnvironmentInput = z.input<typeof environmentSchema>;
export type Environment = z.output<typeof environmentSchema>;
export type Tenant = Environment['tenants'][number];
export type PoolSettings = NonNullable<Tenant['pool']>;
