/**
 * What `deploy` checks before it plans anything, and `diff` reports: the platform state still
 * in the one-stack layout (layout-guard.ts), tenant states still where releases before
 * 2026-12-06 put them, and tenant states of tenants the file no longer lists (tenant-states.ts).
 */
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { layoutRefusal } from './layout-guard';
import { misplacedTenantStates, unlistedRefusal, unlistedTenantStates } from './tenant-states';

/** Why deploy must stop for tenant states no tenant owns; a failed read stops it too. */
async function tenantStatesRefusal(env: ResolvedEnvironment, out: string): Promise<string | undefined> {
  try {
    const moves = await misplacedTenantStates(env);
    if (moves.length > 0)
      return `tenant states of ${env.environment} are still where releases before 2026-12-06 put them; deploying would plan those tenants from empty states. Move them first (and each deployed.json beside them):\n  ${moves.join('\n  ')}`;
    return unlistedRefusal(env, await unlistedTenantStates(env, out));
  } catch (error) {
    return `the tenant states of ${env.environment} could not be checked for tenants no longer in the file (${(error as Error).message}); the deploy role needs s3:ListBucket and s3:GetObject on the state bucket, and a damaged state must be repaired first`;
  }
}

/** Why `deploy` of `env` (synthesized into `out`) must not run, or undefined when it may. */
export async function deployRefusal(env: ResolvedEnvironment, out: string): Promise<string | undefined> {
  return (await layoutRefusal(env, out)) ?? (await tenantStatesRefusal(env, out));
}
