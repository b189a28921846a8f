/** `tenant list <env>`: the tenants of an environment as a table (or JSON). */
import { loadEnvironmentFile, type ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { shardDomainPrefix, sharedPoolOf } from '@cognito-tenancy/registry/shared-pools';
import { flag, parseCommandArgs } from '../args';
import type { Command } from '../cli-io';
import { resolveEnvironmentPath } from '../environment-file';
import { EXIT } from '../errors';
import { TENANT_COMMAND } from '../run-hint';
import { renderTable } from '../table';

export interface TenantRow {
  readonly id: string;
  readonly displayName: string;
  readonly pattern: string;
  readonly pool: string;
  readonly hosts: readonly string[];
  readonly emailDomains: readonly string[];
  readonly identityProvider: string;
  readonly metadata: string;
}

/** One row per tenant, in file order. */
export function tenantRows(env: ResolvedEnvironment): TenantRow[] {
  return env.tenants.map((t) => ({
    id: t.id,
    displayName: t.displayName,
    pattern: t.pattern,
    // A shared tenant's shard and that shard's domain prefix: `shared-01 (ct-dev-shared-01)`.
    pool:
      t.pattern === 'shared'
        ? `${sharedPoolOf(t)} (${env.sharedPool ? shardDomainPrefix(env.sharedPool.domainPrefix, sharedPoolOf(t)) : '?'})`
        : (t.pool?.domainPrefix ?? '?'),
    hosts: t.hosts,
    emailDomains: t.includeSubdomains ? t.emailDomains.map((d) => `${d} (+subdomains)`) : t.emailDomains,
    identityProvider: t.idp.name,
    metadata: t.idp.metadataUrl ?? t.idp.metadataFile ?? '',
  }));
}

export const listCommand: Command = {
  name: 'list',
  summary: 'table of tenants: patterns, pools, hosts, email domains, IdPs',
  help: `Usage: tenant list <env> [--json]

Prints the tenants of an environment file. <env> is a name (dev -> infra/environments/dev.json)
or a path to a .json file. The file is validated first; an invalid file exits 1.`,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {}, ['env']);
    const path = resolveEnvironmentPath(parsed.positionals[0] as string, io.root, io.cwd);
    const env = loadEnvironmentFile(path);
    const rows = tenantRows(env);
    if (flag(parsed, 'json')) {
      io.stdout(
        `${JSON.stringify({ file: path, environment: env.environment, region: env.region, tenants: rows }, null, 2)}\n`,
      );
      return EXIT.ok;
    }
    if (rows.length === 0) {
      io.stdout(`${path}: no tenants yet (add one with: ${TENANT_COMMAND} add ${env.environment})\n`);
      return EXIT.ok;
    }
    const table = renderTable(
      ['ID', 'NAME', 'PATTERN', 'POOL', 'HOSTS', 'EMAIL DOMAINS', 'IDP', 'METADATA'],
      rows.map((r) => [
        r.id,
        r.displayName,
        r.pattern,
        r.pool,
        r.hosts.join(', ') || '-',
        r.emailDomains.join(', '),
        r.identityProvider,
        r.metadata,
      ]),
    );
    io.stdout(`${env.environment} (${env.region}): ${rows.length} tenant(s)\n\n${table}\n`);
    return EXIT.ok;
  },
};
