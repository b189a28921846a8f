/**
 * The end of the tenant-stacks rehearsal: the environment taken down the way the infra README's
 * *Taking an environment down* says, each refusal on the way checked. `destroy` is refused while
 * the file protects anything, then while a tenant state holds resources; after the file-wide
 * unprotect deploy and the deploy that retires every tenant, `destroy --auto-approve` empties the
 * platform's state, removes its deploy record and the issuer index, and the emulator holds no
 * pool, function, table or parameter of the environment any more.
 */
import {
  CognitoIdentityProviderClient,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { stateLocation } from '../src/backend';
import { resourceNames } from '../src/names';
import { recordKey } from '../src/stack-records';
import { managedResources } from '../src/tenant-states';
import { disableDistributions } from './distributions';
import { zoneRecords } from './hosted-zone';
import { emulatorS3, FAKE_CREDENTIALS } from './override';
import { StepError } from './process-run';

export interface TeardownSteps {
  readonly label: string;
  readonly endpoint: string;
  /** Rewrites the file with `change` applied to its JSON, synthesizes it and writes the overrides; returns the new file. */
  readonly rewrite: (
    what: string,
    change: (raw: Record<string, unknown>) => Record<string, unknown>,
  ) => Promise<ResolvedEnvironment>;
  /** `pnpm run deploy <file>` with `extra` (`--tenant <id>` ...). */
  readonly deploy: (what: string, extra?: readonly string[]) => Promise<string>;
  /** `pnpm run destroy <file>` with `extra`; a failed run resolves to its message. */
  readonly destroy: (what: string, extra: readonly string[]) => Promise<string>;
}

/** What the emulator still holds of the environment after the destroy (names of leftovers). */
async function leftovers(env: ResolvedEnvironment, endpoint: string): Promise<string[]> {
  const config = { endpoint, region: env.region, credentials: FAKE_CREDENTIALS };
  const names = resourceNames(env.environment);
  const cognito = new CognitoIdentityProviderClient(config);
  const lambda = new LambdaClient(config);
  const dynamodb = new DynamoDBClient(config);
  const ssm = new SSMClient(config);
  const s3 = emulatorS3(endpoint, env.region);
  try {
    const found: string[] = [];
    const pools = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    found.push(...(pools.UserPools ?? []).map((p) => `user pool ${p.Name}`));
    const functions = await lambda.send(new ListFunctionsCommand({}));
    found.push(...(functions.Functions ?? []).map((f) => `function ${f.FunctionName}`));
    const tables = await dynamodb.send(new ListTablesCommand({}));
    found.push(...(tables.TableNames ?? []).filter((t) => t === names.tenantTable).map((t) => `table ${t}`));
    const parameters = await ssm.send(
      new GetParametersByPathCommand({ Path: env.registryPrefix, Recursive: true }),
    );
    found.push(...(parameters.Parameters ?? []).map((p) => `parameter ${p.Name}`));
    // The zone's own NS and SOA stay; no alias or validation record may.
    found.push(...(await zoneRecords(endpoint)).map((r) => `${r.type} record ${r.name}`));
    const state = stateLocation(env);
    if (state === undefined) throw new StepError('no remote state');
    const platform = await s3.send(new GetObjectCommand({ Bucket: state.bucket, Key: state.key }));
    const resources = managedResources((await platform.Body?.transformToString()) ?? '');
    if (resources > 0) found.push(`${resources} resources in the platform state`);
    const record = await s3.send(new GetObjectCommand({ Bucket: state.bucket, Key: recordKey(state) })).then(
      () => true,
      () => false,
    );
    if (record) found.push(`deploy record ${recordKey(state)}`);
    return found;
  } finally {
    for (const client of [cognito, lambda, dynamodb, ssm, s3]) client.destroy();
  }
}

/** Takes the rehearsal's environment down; returns the log line. */
export async function tearDown(steps: TeardownSteps, tenantIds: readonly string[]): Promise<string> {
  const { label } = steps;
  const expectRefusal = async (what: string, wanted: string) => {
    const output = await steps.destroy(what, []);
    if (!output.includes('destroy refused:') || !output.includes(wanted))
      throw new StepError(`${label}: ${what}: not refused for "${wanted}":\n${output.slice(-2000)}`);
  };
  await expectRefusal('destroy (protected)', 'deletion-protected');
  // Only the platform (its table) and dedicated tenants' stacks (their pools) hold protected resources.
  const unprotected = await steps.rewrite('every pool and the table unprotected', (raw) => ({
    ...raw,
    deletionProtection: false,
    tenants: (raw.tenants as Record<string, unknown>[]).map((tenant) => {
      const pool = tenant.pool as Record<string, unknown> | undefined;
      if (pool === undefined) return tenant;
      const { deletionProtection: _own, ...rest } = pool;
      return { ...tenant, pool: rest };
    }),
  }));
  const dedicated = unprotected.tenants.filter((t) => t.pattern === 'dedicated').map((t) => t.id);
  const unprotect = await steps.deploy(
    'deploy --tenant <each dedicated tenant> (unprotected)',
    dedicated.flatMap((id) => ['--tenant', id]),
  );
  if (!/configuration changed since its last deploy, deployed first/.test(unprotect))
    throw new StepError(`${label}: unprotecting did not deploy the platform too:\n${unprotect.slice(-2000)}`);
  await expectRefusal('destroy (tenants still deployed)', 'still hold resources');
  const env = await steps.rewrite('every tenant retired', (raw) => ({
    ...raw,
    tenants: [],
    retiredTenants: [...new Set([...((raw.retiredTenants as string[] | undefined) ?? []), ...tenantIds])],
  }));
  const retired = await steps.deploy('deploy (every tenant retired)');
  const destroyedByRetiring = [
    ...retired.matchAll(/Resources: \d+ added, \d+ changed, (\d+) destroyed/g),
  ].reduce((sum, match) => sum + Number(match[1]), 0);
  // The provider's 30 s after disabling a distribution is saved (gaps.ts DISTRIBUTIONS_DISABLED_BEFORE_DESTROY).
  await disableDistributions(steps.endpoint);
  const destroyed = await steps.destroy('destroy --auto-approve', ['--auto-approve']);
  if (!/deploy record removed/.test(destroyed) || !/issuer index removed: \d+ parameters/.test(destroyed))
    throw new StepError(`${label}: destroy did not clean up:\n${destroyed.slice(-2000)}`);
  const left = await leftovers(env, steps.endpoint);
  if (left.length > 0) throw new StepError(`${label}: left after destroy:\n  ${left.join('\n  ')}`);
  const platformDestroyed = /Destroy complete! Resources: (\d+) destroyed/.exec(destroyed)?.[1] ?? '?';
  return `environment taken down: destroy refused while protected; unprotected (platform and ${dedicated.length} dedicated stacks); refused while tenants were deployed; retiring all destroyed ${destroyedByRetiring}, destroy ${platformDestroyed}; nothing left (${/issuer index removed: \d+ parameters/.exec(destroyed)?.[0]})`;
}
