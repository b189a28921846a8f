/**
 * Where a stack keeps its state. Every environment with an `accountId` uses an S3 backend
 * with locking: the file's `state.s3`, else the account's default state bucket that
 * `pnpm run bootstrap <env>` creates. Only an environment without `accountId` (never
 * deployed: `deploy` refuses it) keeps local state, at a path relative to its stack folder.
 */
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { LocalBackend, S3Backend, type TerraformStack } from 'cdktf';

export interface StateLocation {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
  /** A DynamoDB lock table; without one, S3's own lock file (`use_lockfile`, Terraform >= 1.10). */
  readonly dynamodbTable?: string;
}

/** The default state bucket of an account and region (S3 names are global: the account makes it unique). */
export function defaultStateBucket(accountId: string, region: string): string {
  return `ct-tfstate-${accountId}-${region}`;
}

/**
 * The state key of a tenant's own stack (`tenantStacks`), beside the environment's key:
 * `cognito-tenancy/dev/terraform.tfstate` -> `cognito-tenancy/dev/tenants/acme/terraform.tfstate`.
 */
export function tenantStateKey(environmentKey: string, tenantId: string): string {
  return `${tenantStatesPrefix(environmentKey)}${tenantId}/terraform.tfstate`;
}

/**
 * The key prefix every tenant state of the environment shares. Beside a key named
 * `terraform.tfstate` (the default, one folder per environment): `<folder>/tenants/`. Beside any
 * other name, in a folder of that name, so environments whose keys share a folder
 * (`states/dev.tfstate`, `states/prod.tfstate`) never share a tenant's state:
 * `states/dev/tenants/`.
 */
export function tenantStatesPrefix(environmentKey: string): string {
  const slash = environmentKey.lastIndexOf('/');
  const folder = slash < 0 ? '' : environmentKey.slice(0, slash + 1);
  const name = environmentKey.slice(slash + 1);
  if (name === 'terraform.tfstate') return `${folder}tenants/`;
  return `${folder}${name.replace(/\.tfstate$/, '')}/tenants/`;
}

/**
 * The remote state of the environment's stack (or of one tenant's stack when `tenantId` is
 * given), or undefined for local state (no `accountId`, no `state.s3`).
 */
export function stateLocation(env: ResolvedEnvironment, tenantId?: string): StateLocation | undefined {
  const s3 = env.state.s3;
  const environmentKey = s3?.key ?? `cognito-tenancy/${env.environment}/terraform.tfstate`;
  const key = tenantId === undefined ? environmentKey : tenantStateKey(environmentKey, tenantId);
  if (s3 !== undefined) {
    return {
      bucket: s3.bucket,
      key,
      region: s3.region ?? env.region,
      ...(s3.dynamodbTable === undefined ? {} : { dynamodbTable: s3.dynamodbTable }),
    };
  }
  if (env.accountId === undefined) return undefined;
  return { bucket: defaultStateBucket(env.accountId, env.region), key, region: env.region };
}

/**
 * Local state of an environment without an account, relative to the stack folder Terraform
 * runs in (`<out>/stacks/<env>`): `infra/terraform.<env>.tfstate` for the default output. Not
 * inside the stack folder: cdktf-cli deletes the folders of stacks it did not synthesize. CDKTF's
 * default would be an absolute path of the machine that synthesized.
 */
export function localStatePath(stackName: string): string {
  return `../../../terraform.${stackName}.tfstate`;
}

/** The backend of the environment's stack, or of one tenant's stack (`tenantId`, named `stackName`). */
export function configureBackend(
  stack: TerraformStack,
  env: ResolvedEnvironment,
  tenant?: { readonly id: string; readonly stackName: string },
): void {
  const state = stateLocation(env, tenant?.id);
  if (state === undefined) {
    new LocalBackend(stack, { path: localStatePath(tenant?.stackName ?? env.environment) });
    return;
  }
  new S3Backend(stack, {
    bucket: state.bucket,
    key: state.key,
    region: state.region,
    encrypt: true,
    ...(state.dynamodbTable === undefined ? {} : { dynamodbTable: state.dynamodbTable }),
  });
  // Without a lock table, S3's own lock file (Terraform >= 1.10) keeps two applies apart.
  if (state.dynamodbTable === undefined) stack.addOverride('terraform.backend.s3.use_lockfile', true);
}
