/**
 * `tenant check`: the registry's whole-file validation, then every tenant's SAML metadata,
 * the rules across tenants and the Cognito quotas. Returns findings; printing is the CLI's.
 */
import {
  EnvironmentFileError,
  loadEnvironmentFile,
  type ResolvedEnvironment,
} from '@cognito-tenancy/registry/environment';
import { type Finding, locate, tenantLabel } from '../findings';
import { crossTenantFindings } from './cross-tenant';
import { quotaFindings } from './quotas';
import { checkTenantMetadata, type MetadataCheckOptions, type TenantMetadataResult } from './tenant-metadata';

/** Metadata downloads in flight at once with `--fetch`. */
const FETCH_CONCURRENCY = 8;

export interface TenantReport {
  readonly id: string;
  readonly pattern: string;
  readonly metadata: Omit<TenantMetadataResult, 'issues'>;
}

export interface CheckReport {
  readonly file: string;
  readonly findings: readonly Finding[];
  readonly tenants: readonly TenantReport[];
}

export interface CheckOptions extends MetadataCheckOptions {
  /** Narrows `fetch` to some tenants (`tenant add` fetches only the new tenant's metadata). */
  readonly fetchTenant?: (tenantId: string) => boolean;
}

/** Checks the environment file at `path`. Never throws for a bad file: problems are findings. */
export async function runCheck(path: string, options: CheckOptions): Promise<CheckReport> {
  let env: ResolvedEnvironment;
  try {
    env = loadEnvironmentFile(path);
  } catch (caught) {
    if (!(caught instanceof EnvironmentFileError)) throw caught;
    return { file: path, findings: caught.problems.map(problemFinding), tenants: [] };
  }
  return checkEnvironment(env, path, options);
}

/** Checks an already validated environment (metadata, rules across tenants, quotas). */
export async function checkEnvironment(
  env: ResolvedEnvironment,
  path: string,
  options: CheckOptions,
): Promise<CheckReport> {
  const results = await mapLimit(env.tenants, FETCH_CONCURRENCY, (tenant) =>
    checkTenantMetadata(tenant.idp, env.baseDir, {
      ...options,
      fetch: options.fetch && (options.fetchTenant?.(tenant.id) ?? true),
    }),
  );
  const findings: Finding[] = [];
  results.forEach((result, index) => {
    const tenant = env.tenants[index];
    if (tenant) findings.push(...locate(`${tenantLabel(index, tenant.id)}.${result.field}`, result.issues));
  });
  findings.push(...crossTenantFindings(env, results), ...quotaFindings(env));
  const tenants = env.tenants.map((tenant, index) => {
    const { issues: _issues, ...metadata } = results[index] as TenantMetadataResult;
    return { id: tenant.id, pattern: tenant.pattern, metadata };
  });
  return { file: path, findings, tenants };
}

/** A registry validation problem (`where: message`) as a finding. */
export function problemFinding(problem: string): Finding {
  const split = problem.indexOf(': ');
  return {
    severity: 'error',
    code: 'environment.invalid',
    where: split === -1 ? '(file)' : problem.slice(0, split),
    message: split === -1 ? problem : problem.slice(split + 2),
  };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
