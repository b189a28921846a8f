/**
 * Validation of an environment's tenant file: the zod schema plus the rules that span
 * tenants (duplicates, pattern-specific fields). Every problem names the file, the
 * tenant and the field, and all problems are reported at once.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { type Environment, environmentSchema, type Tenant } from './environment-schema';
import { REGISTRY_PREFIX } from './identifiers';
import { defaultRegistryPrefix } from './keys';
import {
  DEFAULT_SHARED_POOL,
  MAX_TENANTS_PER_SHARED_POOL,
  nextSharedPool,
  shardDomainPrefix,
  sharedPoolOf,
} from './shared-pools';

export type { Environment, EnvironmentInput, PoolSettings, Tenant } from './environment-schema';
/** The schema's rule for callback and sign-out URLs, for tools that check one answer at a time. */
export { webUrl as webUrlSchema } from './environment-schema';

/** An environment file that cannot be used. `problems` lists every finding. */
export class EnvironmentFileError extends Error {
  override readonly name = 'EnvironmentFileError';
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Cognito's limit on a hosted UI domain prefix. */
const MAX_DOMAIN_PREFIX_LENGTH = 63;

/** A validated environment, with derived values filled in (every shared tenant names its shard). */
export interface ResolvedEnvironment extends Environment {
  readonly registryPrefix: string;
  /** Directory of the file, for resolving `metadataFile`. */
  readonly baseDir: string;
}

function describePath(path: readonly PropertyKey[], raw: unknown): string {
  let out = '';
  let node: unknown = raw;
  for (const [index, key] of path.entries()) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      const item = Array.isArray(node) ? node[key] : undefined;
      const id =
        path[index - 1] === 'tenants' && typeof item === 'object' && item !== null
          ? (item as { id?: unknown }).id
          : undefined;
      if (typeof id === 'string') out += ` (tenant '${id}')`;
      node = item;
    } else {
      out += out === '' ? String(key) : `.${String(key)}`;
      node =
        typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    }
  }
  return out === '' ? '(file)' : out;
}

function formatIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): string[] {
  return issues.map((issue) => `${describePath(issue.path, raw)}: ${issue.message}`);
}

function tenantLabel(index: number, tenant: Tenant): string {
  return `tenants[${index}] (tenant '${tenant.id}')`;
}

function crossTenantProblems(env: Environment): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const claim = (kind: string, value: string, owner: string) => {
    const key = `${kind}:${value}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push(`${owner}: ${kind} '${value}' is already used by ${first}`);
    else seen.set(key, owner);
  };
  env.tenants.forEach((tenant, index) => {
    const label = tenantLabel(index, tenant);
    claim('id', tenant.id, label);
    for (const host of tenant.hosts) claim('host', host, label);
    for (const domain of tenant.emailDomains) claim('email domain', domain, label);
    // Unique without case: Cognito may lower-case the `<IdP>_` prefix of federated usernames.
    claim('identity provider name', tenant.idp.name.toLowerCase(), label);
    if (tenantCallbackUrls(tenant).length === 0) {
      problems.push(`${label}.callbackUrls: none; list callbackUrls or at least one host`);
    }
    if (tenant.pattern === 'dedicated') {
      if (tenant.pool === undefined)
        problems.push(`${label}.pool: required for a dedicated tenant (its own user pool)`);
      if (tenant.hosts.length === 0)
        problems.push(`${label}.hosts: a dedicated tenant needs at least one app host`);
      if (tenant.pool) claim('pool domain prefix', tenant.pool.domainPrefix, label);
      if (tenant.sharedPool !== undefined)
        problems.push(
          `${label}.sharedPool: only shared tenants are in a shared pool; remove it or set pattern 'shared'`,
        );
    } else if (tenant.pool !== undefined) {
      problems.push(
        `${label}.pool: only dedicated tenants have their own pool; remove it or set pattern 'dedicated'`,
      );
    }
  });
  if (env.sharedPool) claim('pool domain prefix', env.sharedPool.domainPrefix, 'sharedPool');
  problems.push(...shardProblems(env, claim));
  if (env.tenants.some((t) => t.pattern === 'shared') && env.sharedPool === undefined) {
    problems.push('sharedPool: required when any tenant uses the shared pattern');
  }
  // The distribution's second origin is the API: hosting without it would serve an SPA that cannot sign in.
  if (env.hosting !== undefined && env.api === undefined) {
    problems.push(
      'hosting: needs an api block (the distribution serves /config and the API on the same hosts)',
    );
  }
  // With hosting the tenant hosts point at CloudFront, which reaches the API on its own host.
  if (env.hosting !== undefined && env.api?.customDomains !== undefined) {
    problems.push(
      'api.customDomains: remove it with hosting (the tenant hosts point at CloudFront, not API Gateway)',
    );
  }
  for (const host of env.hosting?.appHosts ?? []) claim('host', host, 'hosting.appHosts');
  problems.push(...wildcardProblems(env));
  if (env.api?.customDomains?.hostsOnly === true) {
    env.tenants.forEach((tenant, index) => {
      if (tenant.hosts.length === 0)
        problems.push(
          `${tenantLabel(index, tenant)}.hosts: none, but api.customDomains.hostsOnly turns the execute-api endpoint off; give the tenant a host or remove hostsOnly`,
        );
    });
  }
  if (env.retiredTenants.length > 0 && !env.tenantStacks) {
    problems.push(
      'retiredTenants: only with "tenantStacks": true (in one stack, a tenant removed from the file is destroyed by the next deploy); remove "retiredTenants"',
    );
  }
  const twice = env.retiredTenants.filter((id, i) => env.retiredTenants.indexOf(id) !== i);
  if (twice.length > 0) problems.push(`retiredTenants: '${twice[0]}' is listed twice; list each id once`);
  for (const id of env.retiredTenants) {
    if (env.tenants.some((tenant) => tenant.id === id))
      problems.push(
        `retiredTenants: '${id}' is still a tenant of the file; remove it from one of the two lists`,
      );
  }
  if (env.registryPrefix !== undefined && !REGISTRY_PREFIX.test(env.registryPrefix)) {
    problems.push(
      'registryPrefix: must look like /cognito-tenancy/dev (1-5 levels of letters, digits, _ . -)',
    );
  }
  return problems;
}

/**
 * Each shard of the shared pool holds at most {@link MAX_TENANTS_PER_SHARED_POOL} tenants
 * (one IdP each), and its domain prefix (`<sharedPool.domainPrefix>-NN`) is one Cognito accepts.
 */
function shardProblems(
  env: Environment,
  claim: (kind: string, value: string, owner: string) => void,
): string[] {
  const problems: string[] = [];
  const counts = new Map<string, number>();
  env.tenants.forEach((tenant, index) => {
    if (tenant.pattern !== 'shared') return;
    const shard = sharedPoolOf(tenant);
    const count = (counts.get(shard) ?? 0) + 1;
    counts.set(shard, count);
    if (count !== MAX_TENANTS_PER_SHARED_POOL + 1) return;
    const next = nextSharedPool(env.tenants.slice(0, index)) ?? 'a shard with room';
    problems.push(
      `${tenantLabel(index, tenant)}.sharedPool: shard '${shard}' already holds ${MAX_TENANTS_PER_SHARED_POOL} shared tenants, Cognito's limit of identity providers per user pool; put new tenants in the next shard ("sharedPool": "${next}"), as \`tenant add\` does, and leave existing tenants where they are`,
    );
  });
  const settings = env.sharedPool;
  if (settings === undefined) return problems;
  for (const shard of counts.keys()) {
    if (shard === DEFAULT_SHARED_POOL) continue; // claimed as 'sharedPool' with the unsuffixed prefix
    const prefix = shardDomainPrefix(settings.domainPrefix, shard);
    if (prefix.length > MAX_DOMAIN_PREFIX_LENGTH) {
      problems.push(
        `sharedPool.domainPrefix: shard '${shard}' uses '${prefix}' (${prefix.length} characters), longer than Cognito's ${MAX_DOMAIN_PREFIX_LENGTH}; shorten sharedPool.domainPrefix`,
      );
    }
    claim('pool domain prefix', prefix, `sharedPool (shard '${shard}')`);
  }
  return problems;
}

/** Every shared tenant with its shard written out (absent in the file: {@link DEFAULT_SHARED_POOL}). */
function withShards(tenants: readonly Tenant[]): Tenant[] {
  return tenants.map((tenant) =>
    tenant.pattern === 'shared' ? { ...tenant, sharedPool: sharedPoolOf(tenant) } : tenant,
  );
}

/** Validates parsed JSON. `source` names the file in messages. Throws {@link EnvironmentFileError}. */
export function parseEnvironment(raw: unknown, source: string, baseDir = '.'): ResolvedEnvironment {
  const parsed = environmentSchema.safeParse(raw);
  if (!parsed.success) throw new EnvironmentFileError(source, formatIssues(parsed.error.issues, raw));
  const env = parsed.data;
  const problems = crossTenantProblems(env);
  if (problems.length > 0) throw new EnvironmentFileError(source, problems);
  return {
    ...env,
    tenants: withShards(env.tenants),
    registryPrefix: env.registryPrefix ?? defaultRegistryPrefix(env.environment),
    baseDir,
  };
}

/** Reads and validates an environment file. */
export function loadEnvironmentFile(path: string): ResolvedEnvironment {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new EnvironmentFileError(path, [
      `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    ]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new EnvironmentFileError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseEnvironment(raw, path, dirname(resolve(path)));
}

/** Callback URLs of a tenant: as configured, else `https://<host>/callback` for each host. */
export function tenantCallbackUrls(tenant: Tenant): string[] {
  return tenant.callbackUrls ?? tenant.hosts.map((host) => `https://${host}/callback`);
}

/**
 * `hosting.wildcardAlias` needs a certificate and must cover every tenant host. With
 * `tenantStacks` it is required, and the shared tenants' sign-in hosts must be
 * `hosting.appHosts`: then nothing the platform stack holds lists a tenant.
 */
function wildcardProblems(env: Environment): string[] {
  const hosting = env.hosting;
  if (hosting === undefined) return [];
  const wildcard = hosting.wildcardAlias;
  const problems: string[] = [];
  if (env.tenantStacks && (wildcard === undefined || hosting.certificate === undefined)) {
    problems.push(
      `tenantStacks: with hosting, set hosting.certificate and hosting.wildcardAlias (such as '*.app.example.com', every tenant host one label under it), so the platform's distribution and certificate list no tenant host; or remove "tenantStacks" or "hosting"`,
    );
  }
  if (wildcard === undefined) return problems;
  if (hosting.certificate === undefined) {
    problems.push(
      'hosting.wildcardAlias: needs hosting.certificate (without one the distribution has no alias); add a certificate or remove wildcardAlias',
    );
  }
  env.tenants.forEach((tenant, index) => {
    for (const host of tenant.hosts) {
      if (!underWildcard(host, wildcard))
        problems.push(
          `${tenantLabel(index, tenant)}.hosts: '${host}' is not one label under hosting.wildcardAlias '${wildcard}'; use a host such as '${tenant.id}${wildcard.slice(1)}' or change the wildcard`,
        );
    }
    if (!env.tenantStacks || tenant.pattern !== 'shared') return;
    const appHosts = new Set(hosting.appHosts);
    const urls = [...tenantCallbackUrls(tenant), ...tenantLogoutUrls(tenant)];
    for (const host of new Set(urls.map((url) => new URL(url).hostname))) {
      if (!appHosts.has(host))
        problems.push(
          `${tenantLabel(index, tenant)}.callbackUrls/logoutUrls: host '${host}' is not in hosting.appHosts; with tenantStacks shared tenants sign in on the app hosts (the platform serves them), so add '${host}' to hosting.appHosts or use one of ${JSON.stringify(hosting.appHosts)}`,
        );
    }
  });
  return problems;
}

/** Whether `host` is exactly one DNS label under `wildcard` (`*.app.example.com`), as CloudFront and ACM match. */
export function underWildcard(host: string, wildcard: string): boolean {
  const suffix = wildcard.slice(1); // '.app.example.com'
  if (!wildcard.startsWith('*.') || !host.endsWith(suffix)) return false;
  return /^[a-z0-9-]{1,63}$/.test(host.slice(0, -suffix.length));
}

/** Logout URLs of a tenant: as configured, else `https://<host>/` for each host. */
export function tenantLogoutUrls(tenant: Tenant): string[] {
  return tenant.logoutUrls ?? tenant.hosts.map((host) => `https://${host}/`);
}

/**
 * Every alternate name of the hosting's main distribution (and its certificate): the tenants'
 * hosts, then `hosting.appHosts`, each once; with `hosting.wildcardAlias`, the wildcard and
 * the app hosts it does not cover. Used by infra and by `tenant check` (quotas).
 */
export function hostingAliases(env: Pick<ResolvedEnvironment, 'tenants' | 'hosting'>): string[] {
  const appHosts = env.hosting?.appHosts ?? [];
  const wildcard = env.hosting?.wildcardAlias;
  if (wildcard !== undefined)
    return [wildcard, ...new Set(appHosts.filter((host) => !underWildcard(host, wildcard)))];
  return [...new Set([...env.tenants.flatMap((tenant) => tenant.hosts), ...appHosts])];
}
