/** What every stack of an environment starts with: its backend, the AWS provider, and its context. */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import type { TerraformStack } from 'cdktf';
import { type AwsContext, partitionOf } from './aws-context';
import { configureBackend } from './backend';

/** Tags every resource carries, besides the file's own. */
export function defaultTags(env: ResolvedEnvironment): Record<string, string> {
  return { project: 'cognito-tenancy', environment: env.environment, 'managed-by': 'cdktf', ...env.tags };
}

/**
 * Backend, provider (only the file's account, default tags) and the stack's AWS context.
 * `tenant` makes it one tenant's stack: its own state, and a `tenant` tag on everything.
 */
export function stackBasics(
  stack: TerraformStack,
  env: ResolvedEnvironment,
  tenant?: { readonly id: string; readonly stackName: string },
): AwsContext {
  configureBackend(stack, env, tenant);
  new AwsProvider(stack, 'aws', {
    region: env.region,
    ...(env.accountId === undefined ? {} : { allowedAccountIds: [env.accountId] }),
    defaultTags: [{ tags: { ...defaultTags(env), ...(tenant === undefined ? {} : { tenant: tenant.id }) } }],
  });
  return {
    partition: partitionOf(env.region),
    region: env.region,
    accountId: env.accountId ?? new DataAwsCallerIdentity(stack, 'caller').accountId,
  };
}
