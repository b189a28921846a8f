/**
 * `deploy` of a tenant-stacks environment refuses while the platform's state still holds the
 * one-stack layout's tenant resources (the `tenantStacks` flag flipped on a deployed
 * environment): the platform's apply would destroy them, a dedicated pool with its users, and
 * the tenant stacks would create new ones. `migrate` moves them instead (migrate.ts).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { localStatePath, stateLocation } from './backend';
import { stateClient } from './bootstrap';

/** Types the platform stack of the tenant-stacks layout never holds (every one is a tenant's). */
export const TENANT_ONLY_TYPES: ReadonlySet<string> = new Set([
  'aws_cognito_identity_provider',
  'aws_cognito_user_pool_client',
  'aws_dynamodb_table_item',
]);

/** Addresses of tenant-only resources in a state document (empty for anything else). */
export function oneStackLeftovers(state: unknown): string[] {
  const resources = (state as { resources?: unknown } | null)?.resources;
  if (!Array.isArray(resources)) return [];
  return resources.flatMap((resource: { mode?: unknown; type?: unknown; name?: unknown }) =>
    resource?.mode === 'managed' && typeof resource.type === 'string' && TENANT_ONLY_TYPES.has(resource.type)
      ? [`${resource.type}.${String(resource.name)}`]
      : [],
  );
}

/** The platform's state document (remote or local), or undefined when there is none yet. */
async function readPlatformState(env: ResolvedEnvironment, out: string): Promise<string | undefined> {
  const state = stateLocation(env);
  if (state === undefined) {
    try {
      return readFileSync(
        resolve(join(out, 'stacks', env.environment), localStatePath(env.environment)),
        'utf8',
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
  const s3 = stateClient(state.region);
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: state.bucket, Key: state.key }));
    return (await object.Body?.transformToString()) ?? '';
  } catch (error) {
    if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  } finally {
    s3.destroy();
  }
}

/** Why `deploy` must not run on this tenant-stacks environment, or undefined when it may. */
export async function layoutRefusal(env: ResolvedEnvironment, out: string): Promise<string | undefined> {
  if (!env.tenantStacks) return undefined;
  let text: string | undefined;
  try {
    text = await readPlatformState(env, out);
  } catch (error) {
    return `the platform state of ${env.environment} could not be read to check its layout (${(error as Error).message}); fix access to it, then deploy again`;
  }
  if (text === undefined || text.trim() === '') return undefined;
  let leftovers: string[];
  try {
    leftovers = oneStackLeftovers(JSON.parse(text));
  } catch {
    return `the platform state of ${env.environment} is not JSON; repair it before deploying`;
  }
  if (leftovers.length === 0) return undefined;
  return `the state of ${env.environment} still holds ${leftovers.length} tenant resources of the one-stack layout (${leftovers.slice(0, 3).join(', ')}${leftovers.length > 3 ? ', ...' : ''}): deploying "tenantStacks": true over it would destroy and recreate them. Migrate first: pnpm --filter @cognito-tenancy/infra migrate ${env.environment} (then --apply)`;
}
