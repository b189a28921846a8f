/**
 * `pnpm --filter @cognito-tenancy/infra migrate <env> [--apply]`: moves a deployed one-stack
 * environment into the tenant-stacks layout (`"tenantStacks": true`, issue #21) without
 * destroying or recreating a pool, IdP, domain, client or record (migration-map.ts).
 *
 * 1. synthesizes the file in both layouts; reads the environment's state (the platform's key);
 * 2. publishes the shard pool ids the shared tenants' stacks read (a targeted apply that only
 *    creates those parameters);
 * 3. writes each new tenant state with the table items it adopts (no importer for them);
 * 4. plans every stack with `import` blocks (tenants) and `removed` blocks (platform) and checks
 *    the plans: nothing destroyed, nothing created but what is new in this layout;
 * 5. with `--apply`: applies the tenant plans, then the platform's, rebuilds the issuer index and
 *    writes the deploy records. Without it, stops after the plans.
 *
 * A one-stack release with `"sharedTenantClients": true` beforehand leaves nothing new for the
 * migration to create (0 to create, 0 to destroy) and moves shared tenants' users to their own
 * clients while the common one is still accepted.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EnvironmentFileError } from '@cognito-tenancy/registry/environment';
import { synthesize } from './app';
import { ARTIFACTS_DIR_VARIABLE, DEFAULT_ARTIFACTS_DIR } from './artifacts';
import { recordDeployed } from './deploy-records';
import { DEFAULT_PARALLELISM, inBatches } from './deploy-stacks';
import { type LoadedEnvironment, loadEnvironments } from './environments';
import {
  MigrationError,
  type MigrationPlan,
  planMigration,
  platformMigrationConfig,
  type StackConfig,
  type TerraformState,
  tenantMigrationConfig,
  transferState,
} from './migration-map';
import { stackNames } from './stack-layout';
import { syncEnvironmentIssuerIndex } from './sync-issuer-index';
import { type PlanSummary, summarizePlan, terraform, terraformEnv } from './terraform-run';

/** Beside each stack's `cdk.tf.json` while the migration runs; removed when it ends. */
export const MIGRATION_FILE = 'migration.tf.json';
const PLAN_FILE = 'migration.tfplan';

export interface MigrateOptions {
  readonly apply: boolean;
  /** Where the stacks are synthesized (default `cdktf.out` in infra/, as `deploy`). */
  readonly out: string;
  readonly parallelism: number;
  readonly log: (line: string) => void;
}

export interface MigrationResult {
  readonly plan: MigrationPlan;
  /** Each stack's checked plan. */
  readonly plans: ReadonlyMap<string, PlanSummary>;
  readonly applied: boolean;
}

function readConfig(out: string, stack: string): StackConfig {
  return JSON.parse(readFileSync(join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as StackConfig;
}

/** Old state in, tenant-stacks layout out; throws {@link MigrationError} before any apply when a plan is not as mapped. */
export async function migrateEnvironment(
  loaded: LoadedEnvironment,
  options: MigrateOptions,
): Promise<MigrationResult> {
  const { environment: env, source } = loaded;
  const { log, out } = options;
  if (!env.tenantStacks)
    throw new MigrationError(`${source}: set "tenantStacks": true first (the layout to migrate into)`);
  if (env.retiredTenants.length > 0)
    throw new MigrationError(
      `${source}: retiredTenants lists ${env.retiredTenants.join(', ')}: a one-stack environment has no tenant stacks to retire; remove "retiredTenants" (a tenant taken out of the file goes with a one-stack deploy before the migration)`,
    );
  const artifactsDir = process.env[ARTIFACTS_DIR_VARIABLE] || DEFAULT_ARTIFACTS_DIR;
  const stacks = stackNames(env);
  const dirOf = (stack: string) => join(out, 'stacks', stack);
  const tf = terraformEnv();
  const waves = (work: (stack: string) => Promise<void>, of: readonly string[]) =>
    inBatches(of, options.parallelism, work);

  log(`1/5 synthesizing ${env.environment} in both layouts`);
  synthesize({ environments: [loaded], artifactsDir, outdir: out });
  const oneStackOut = mkdtempSync(join(tmpdir(), 'ct-migrate-'));
  try {
    synthesize({
      environments: [{ environment: { ...env, tenantStacks: false, sharedTenantClients: true }, source }],
      artifactsDir,
      outdir: oneStackOut,
    });
    const oneStack = readConfig(oneStackOut, env.environment);
    const configs = new Map(stacks.map((stack) => [stack, readConfig(out, stack)]));

    await waves(
      (stack) => terraform(dirOf(stack), ['init', '-input=false'], tf).then(() => undefined),
      stacks,
    );
    const state = JSON.parse(
      (await terraform(dirOf(env.environment), ['state', 'pull'], tf)) || '{"resources":[]}',
    ) as TerraformState;
    if (state.resources.length === 0)
      throw new MigrationError(
        `${env.environment}: no deployed state to migrate (deploy it first, or deploy the new layout directly)`,
      );
    const plan = planMigration({ env, oneStack, stacks: configs, state });
    const adopted = plan.removed.filter((r) => r.adoptedBy !== undefined).length;
    if (adopted === 0)
      throw new MigrationError(
        `${env.environment}: its state holds no tenant resource of the one-stack layout: nothing to migrate (already migrated? then: pnpm run deploy ${env.environment})`,
      );
    const created = plan.platformCreates.length + plan.tenants.reduce((n, t) => n + t.creates.length, 0);
    log(
      `   ${adopted} resources move to ${plan.tenants.length} tenant stacks; ${plan.removed.length - adopted} leave Terraform but stay in AWS; ${created} are new in this layout`,
    );
    if (created > 0)
      log(
        `   to migrate with nothing new (shared tenants' sessions kept): deploy ${env.environment} as one stack with "sharedTenantClients": true first`,
      );

    log(
      `2/5 publishing what tenant stacks read: ${plan.platformCreates.length} parameters in ${env.environment}`,
    );
    if (plan.platformCreates.length > 0) {
      const targets = plan.platformCreates.map((address) => `-target=${address}`);
      const dir = dirOf(env.environment);
      await terraform(
        dir,
        ['plan', '-input=false', '-lock-timeout=60s', ...targets, `-out=${PLAN_FILE}`],
        tf,
      );
      const targeted = await summarizePlan(dir, PLAN_FILE, tf);
      // A dependency the new configuration changes (the pool) is updated with them, as the full plan would.
      const unexpected = [...targeted.destroys, ...targeted.forgets];
      if (unexpected.length > 0)
        throw new MigrationError(
          `publishing the shard ids would also change ${unexpected.join(', ')}: stopped`,
        );
      if (targeted.updates.length > 0) log(`   updated in place with them: ${targeted.updates.join(', ')}`);
      await terraform(dir, ['apply', '-input=false', '-lock-timeout=60s', PLAN_FILE], tf);
    }

    log('3/5 writing the table items each tenant stack adopts into its new state');
    await waves(async (stack) => {
      const tenant = plan.tenants.find((t) => t.stack === stack);
      if (tenant === undefined || tenant.transfers.length === 0) return;
      const current = JSON.parse(
        (await terraform(dirOf(stack), ['state', 'pull'], tf)) || '{"resources":[]}',
      ) as TerraformState;
      const held = current.resources.map((r) => `${r.type}.${r.name}`);
      const wanted = new Set(tenant.transfers.map((r) => `${r.type}.${r.name}`));
      if (held.length === wanted.size && held.every((address) => wanted.has(address))) return; // an earlier run wrote them
      // An earlier run wrote part of it (before a sharedTenantClients release added the clients): rewritten whole.
      if (held.some((address) => !wanted.has(address)))
        throw new MigrationError(
          `${stack}: its state already holds resources a migration did not write; a migration writes into empty tenant states`,
        );
      const file = join(dirOf(stack), 'migration.tfstate');
      writeFileSync(file, JSON.stringify(transferState(state, tenant.transfers, randomUUID())));
      const force = held.length > 0 ? ['-force'] : [];
      await terraform(dirOf(stack), ['state', 'push', ...force, 'migration.tfstate'], tf);
      rmSync(file);
    }, stacks.slice(1));

    log('4/5 planning every stack with import and removed blocks');
    for (const tenant of plan.tenants)
      writeFileSync(
        join(dirOf(tenant.stack), MIGRATION_FILE),
        JSON.stringify(tenantMigrationConfig(tenant), null, 1),
      );
    writeFileSync(
      join(dirOf(env.environment), MIGRATION_FILE),
      JSON.stringify(platformMigrationConfig(plan), null, 1),
    );
    const plans = new Map<string, PlanSummary>();
    try {
      await waves(async (stack) => {
        await terraform(dirOf(stack), ['plan', '-input=false', '-lock-timeout=60s', `-out=${PLAN_FILE}`], tf);
        plans.set(stack, await summarizePlan(dirOf(stack), PLAN_FILE, tf));
      }, stacks);
      checkPlans(plan, plans);
      log(planReport(plan, plans));
      if (!options.apply) {
        log(
          `plans checked; nothing applied but the published shard parameters and the adopted state entries. Apply: pnpm --filter @cognito-tenancy/infra migrate ${env.environment} --apply`,
        );
        return { plan, plans, applied: false };
      }
      log('5/5 applying: tenant stacks, then the platform');
      await waves(
        (stack) =>
          terraform(dirOf(stack), ['apply', '-input=false', '-lock-timeout=60s', PLAN_FILE], tf).then(
            () => undefined,
          ),
        stacks.slice(1),
      );
      await terraform(dirOf(env.environment), ['apply', '-input=false', '-lock-timeout=60s', PLAN_FILE], tf);
    } finally {
      for (const stack of stacks) {
        rmSync(join(dirOf(stack), MIGRATION_FILE), { force: true });
        rmSync(join(dirOf(stack), PLAN_FILE), { force: true });
      }
    }
    await syncEnvironmentIssuerIndex(source, { write: log });
    const version = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '..', 'package.json'), 'utf8'),
    ).version;
    if ((await recordDeployed(env, stacks, out, version)) !== 0)
      throw new MigrationError('deploy records not written');
    for (const { from } of plan.removed.filter((r) => r.adoptedBy === undefined))
      log(`released (kept in AWS, in no state now): ${from}`);
    log(`migrated: ${stacks.length} stacks; from now on: pnpm run deploy ${env.environment} [--tenant <id>]`);
    return { plan, plans, applied: true };
  } finally {
    rmSync(oneStackOut, { recursive: true, force: true });
  }
}

/** Every plan does what the mapping says: imports as mapped, creates only what is new, destroys nothing. */
export function checkPlans(plan: MigrationPlan, plans: ReadonlyMap<string, PlanSummary>): void {
  const problems: string[] = [];
  const expect = (stack: string, creates: readonly string[], imports: readonly string[]) => {
    const summary = plans.get(stack);
    if (summary === undefined) return problems.push(`${stack}: not planned`);
    if (summary.destroys.length > 0) problems.push(`${stack} would destroy ${summary.destroys.join(', ')}`);
    const extra = summary.creates.filter((address) => !creates.includes(address));
    if (extra.length > 0)
      problems.push(
        `${stack} would create ${extra.join(', ')}, which the old state holds elsewhere or not at all`,
      );
    const missing = imports.filter((address) => !summary.imports.includes(address));
    if (missing.length > 0) problems.push(`${stack} does not import ${missing.join(', ')}`);
    return 0;
  };
  expect(plan.platform, [], []);
  for (const tenant of plan.tenants)
    expect(
      tenant.stack,
      tenant.creates,
      tenant.imports.map((i) => i.to),
    );
  if (problems.length > 0)
    throw new MigrationError(
      `the plans are not the migration (nothing applied):\n  ${problems.join('\n  ')}`,
    );
}

/**
 * The totals of each kind of change over the stacks, then what is updated in place, by resource
 * type with the attributes that change, and each update that changes more than tags, by stack
 * and address (what an operator reviews before --apply).
 */
export function planReport(plan: MigrationPlan, plans: ReadonlyMap<string, PlanSummary>): string {
  type Kind = 'imports' | 'creates' | 'updates' | 'destroys' | 'forgets';
  const sum = (kind: Kind) => [...plans.values()].reduce((n, s) => n + s[kind].length, 0);
  const transferred = plan.tenants.reduce((n, t) => n + t.transfers.length, 0);
  const updatedTypes = new Map<string, { count: number; attributes: Set<string> }>();
  for (const summary of plans.values())
    for (const address of summary.updates) {
      const type = address.slice(0, address.indexOf('.'));
      const entry = updatedTypes.get(type) ?? { count: 0, attributes: new Set<string>() };
      entry.count += 1;
      for (const attribute of summary.changed?.[address] ?? []) entry.attributes.add(attribute);
      updatedTypes.set(type, entry);
    }
  const byType = [...updatedTypes]
    .map(
      ([type, { count, attributes }]) =>
        `${type} ${count}${attributes.size === 0 ? '' : ` (${[...attributes].sort().join(', ')})`}`,
    )
    .join(', ');
  const beyondTags = [...plans].flatMap(([stack, summary]) =>
    summary.updates.flatMap((address) => {
      const changed = summary.changed?.[address] ?? ['?'];
      return changed.every((attribute) => TAG_ATTRIBUTES.has(attribute))
        ? []
        : [`${stack} ${address} (${changed.join(', ')})`];
    }),
  );
  const updates =
    byType === ''
      ? ''
      : `\n   updated in place, by type (attributes): ${byType}\n   updated beyond tags: ${beyondTags.length === 0 ? 'none' : beyondTags.join('; ')}`;
  return `   plans of ${plans.size} stacks: ${sum('destroys')} to destroy, ${sum('creates')} to create (new in this layout), ${sum('imports')} to import, ${transferred} adopted through state, ${sum('forgets')} forgotten by the platform, ${sum('updates')} updated in place${updates}`;
}

/** An update that changes only these writes tags (the `tenant` tag of an adopted resource), nothing a reader sees. */
const TAG_ATTRIBUTES: ReadonlySet<string> = new Set(['tags', 'tags_all']);

function parseArgs(argv: readonly string[]): {
  environment: string;
  apply: boolean;
  out: string;
  parallelism: number;
} {
  const positional: string[] = [];
  let apply = false;
  let out = 'cdktf.out';
  let parallelism = DEFAULT_PARALLELISM;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--apply') apply = true;
    else if (arg === '--output') out = argv[++i] ?? out;
    else if (arg === '--parallelism') {
      parallelism = Number(argv[++i]);
      if (!Number.isInteger(parallelism) || parallelism < 1)
        throw new MigrationError('--parallelism needs a whole number >= 1');
    } else if (arg.startsWith('-')) throw new MigrationError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1)
    throw new MigrationError(
      'usage: pnpm --filter @cognito-tenancy/infra migrate <environment> [--apply] [--output <dir>] [--parallelism <n>]',
    );
  return {
    environment: positional[0] as string,
    apply,
    out: resolve(import.meta.dirname, '..', out),
    parallelism,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2).filter((arg) => arg !== '--'));
  const callerCwd = process.env.PNPMW_CWD || process.env.INIT_CWD || process.cwd();
  const name =
    args.environment.endsWith('.json') || args.environment.includes('/')
      ? resolve(callerCwd, args.environment)
      : args.environment;
  const [loaded] = loadEnvironments([name]);
  if (loaded === undefined) throw new MigrationError(`no environment '${args.environment}'`);
  await migrateEnvironment(loaded, { ...args, log: (line) => process.stderr.write(`${line}\n`) });
}

if (process.argv[1] === import.meta.filename) {
  main().catch((error: unknown) => {
    const known = error instanceof MigrationError || error instanceof EnvironmentFileError;
    process.stderr.write(`migrate failed: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
}
