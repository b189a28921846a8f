/**
 * `pnpm run destroy <env>` takes a whole environment down, and refuses what would leave
 * something behind or stop halfway: a tenant-stacks platform while a tenant state still holds
 * resources (the tenants' pools, with their users, would outlive the platform in states nobody
 * plans), and anything deletion-protected (Cognito and DynamoDB refuse the delete mid-apply).
 * After the destroy the platform's deploy record goes, so no `deploy --tenant` trusts it, and
 * so does the issuer index the deploy tool wrote beside Terraform.
 */
import { SSMClient } from '@aws-sdk/client-ssm';
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { stateLocation } from './backend';
import { stateClient } from './bootstrap';
import { withIssuerIndexLock } from './issuer-index-lock';
import { deleteIssuerIndex } from './issuer-index-sync';
import { deleteStackRecord, recordKey } from './stack-records';
import { liveTenantStates } from './tenant-states';

/** What the file still protects from deletion: the file-wide setting, or a pool's own. */
export function protectedByFile(env: ResolvedEnvironment): string[] {
  const found: string[] = [];
  if (env.deletionProtection)
    found.push('"deletionProtection" (every pool without its own setting, and the tenant table)');
  if (env.sharedPool?.deletionProtection === true) found.push('"sharedPool.deletionProtection"');
  for (const tenant of env.tenants)
    if (tenant.pool?.deletionProtection === true)
      found.push(`tenant ${tenant.id}'s "pool.deletionProtection"`);
  return found;
}

/** Why `destroy` must not run on `env` (synthesized into `out`), or undefined when it may. */
export async function destroyRefusal(env: ResolvedEnvironment, out: string): Promise<string | undefined> {
  const protections = protectedByFile(env);
  if (protections.length > 0)
    return `${env.environment} is deletion-protected by ${protections.join(', ')}: set them to false and run pnpm run deploy ${env.environment} first (the pools and the table must be unprotected in AWS before a destroy can delete them)`;
  if (!env.tenantStacks) return undefined;
  let live: Awaited<ReturnType<typeof liveTenantStates>>;
  try {
    live = await liveTenantStates(env, out);
  } catch (error) {
    return `the tenant states of ${env.environment} could not be checked (${(error as Error).message}); the role needs s3:ListBucket and s3:GetObject on the state bucket, and a damaged state must be repaired first`;
  }
  if (live.length === 0) return undefined;
  const ids = live.map((state) => state.tenantId);
  return `tenant states of ${env.environment} still hold resources: ${live.map((s) => `${s.tenantId} (${s.resources} resources)`).join(', ')}. Destroying the platform first would leave their pools, IdPs and records in AWS with no stack to plan them. Destroy them first: set "tenants": [] and "retiredTenants": ${JSON.stringify(ids)} and run pnpm run deploy ${env.environment}; then destroy`;
}

/**
 * After a successful destroy: the platform's deploy record removed, and with tenant stacks the
 * issuer index the deploy tool wrote outside Terraform. Returns the exit status.
 */
export async function cleanUpAfterDestroy(
  env: ResolvedEnvironment,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  let status = 0;
  const state = stateLocation(env);
  if (state !== undefined) {
    const s3 = stateClient(state.region);
    try {
      await deleteStackRecord(s3, state);
      write(`deploy record removed: ${recordKey(state)}`);
    } catch (error) {
      write(
        `destroyed, but the deploy record was not removed (${(error as Error).message}); delete ${recordKey(state)} in ${state.bucket} (s3:DeleteObject), or the next deploy --tenant may skip the platform`,
      );
      status = 1;
    } finally {
      s3.destroy();
    }
  }
  if (env.tenantStacks) {
    const ssm = new SSMClient({ region: env.region });
    try {
      // Under the index lock: a deploy still writing waits it out; a stale lock goes with it.
      const deleted = await withIssuerIndexLock(
        ssm,
        env.registryPrefix,
        () => deleteIssuerIndex(ssm, env.registryPrefix),
        { log: write },
      );
      write(`issuer index removed: ${deleted.length} parameters`);
    } catch (error) {
      write(
        `destroyed, but the issuer index was not removed (${(error as Error).message}); delete the parameters under ${env.registryPrefix}/issuer-index/ and ${env.registryPrefix}/issuer-index-lock (ssm:GetParametersByPath, ssm:DeleteParameters; for the lock ssm:PutParameter, ssm:GetParameter, ssm:DeleteParameter)`,
      );
      status = 1;
    } finally {
      ssm.destroy();
    }
  }
  return status;
}
