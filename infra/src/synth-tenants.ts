/**
 * `pnpm synth <env> --tenant <id>...` (and `deploy --tenant`, which runs it): only the platform
 * and the named tenants' stacks are synthesized, so onboarding costs the same at 10 and at
 * 1,000 tenants. The ids must belong to one tenant-stacks environment.
 */
import { EnvironmentFileError } from '@cognito-tenancy/registry/environment';
import type { LoadedEnvironment } from './environments';

/** `--tenant` names tenants of one tenant-stacks environment: anything else is refused. */
export function checkSynthTenants(
  environments: readonly LoadedEnvironment[],
  tenants: readonly string[],
): void {
  if (tenants.length === 0) return;
  const [first, ...others] = environments;
  if (first === undefined || others.length > 0)
    throw new EnvironmentFileError('(arguments)', [
      `--tenant synthesizes one environment's tenants; name exactly one environment (got ${environments.length})`,
    ]);
  const { environment, source } = first;
  if (!environment.tenantStacks)
    throw new EnvironmentFileError(source, [
      '--tenant needs "tenantStacks": true (this environment is one stack); synthesize it without --tenant',
    ]);
  const known = new Set([...environment.tenants.map((tenant) => tenant.id), ...environment.retiredTenants]);
  const unknown = tenants.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new EnvironmentFileError(source, [
      `--tenant ${unknown.join(', ')}: not in "tenants" or "retiredTenants"; add the tenant to the file first`,
    ]);
}
