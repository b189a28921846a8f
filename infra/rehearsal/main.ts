/**
 * `pnpm test:deploy`: the deploy rehearsal. For `dev` and `prod`, each against its own moto
 * server (one AWS account each), it runs the infra README's CI commands exactly
 * (`bootstrap`, `synth`, `deploy --skip-synth --auto-approve`), with the emulator settings in
 * an override file written only into the rehearsal's own output directory; then a second
 * plan must be clean (but for the gaps in gaps.ts), the deployed resources are read back and
 * checked (read-back.ts), dev gains a dedicated and a shared tenant (adds only), and both are
 * destroyed. Exit status 0 only when every step passed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CognitoIdentityProviderClient,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import {
  DeleteBucketPolicyCommand,
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { loadEnvironmentFile, type ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { stateLocation } from '../src/backend';
import { tlsOnlyPolicy } from '../src/bootstrap';
import { ENVIRONMENTS_DIR } from '../src/environments';
import { findProviderMirror, writeCliConfig } from '../src/terraform-cli-config';
import { type CiStep, ciCommand } from './ci-commands';
import { couplingOf, couplingsOf, uncoupledUpdates } from './couplings';
import { disableDistributions } from './distributions';
import {
  PLAN_DRIFT,
  PROVIDER_WAIT_SETTINGS,
  STATE_BUCKET_POLICY_GAP,
  UNAVOIDABLE_WAITS,
  UNSUPPORTED_RESOURCES,
} from './gaps';
import { createHostedZone } from './hosted-zone';
import { type Moto, startMoto } from './moto';
import { emulatorProcessEnv, FAKE_CREDENTIALS, OVERRIDE_FILE, rehearsalOverride } from './override';
import { type PlannedChange, unexpectedDrift } from './plan-drift';
import { plan, run, StepError } from './process-run';
import { readBack } from './read-back';
import { rehearseTenantStacks } from './tenant-stacks';
import { addRehearsalTenants } from './tenants';

const REPO = resolve(import.meta.dirname, '..', '..');

const T0 = performance.now();

function log(environment: string, message: string): void {
  const seconds = ((performance.now() - T0) / 1000).toFixed(0).padStart(3);
  process.stdout.write(`${seconds} s [${environment}] ${message}\n`);
}

function describeChanges(changes: readonly PlannedChange[]): string {
  return changes.map((c) => `  ${c.actions.join('+')} ${c.address} (${c.changed.join(', ')})`).join('\n');
}

interface Rehearsal {
  readonly environment: string;
  readonly resources: number[];
  readonly readBack: Record<string, number>;
}

/** Seconds per phase and environment, printed as a table at the end. */
const timings: { environment: string; phase: string; start: number; seconds: number }[] = [];

async function phase<T>(environment: string, name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings.push({
      environment,
      phase: name,
      start: (start - T0) / 1000,
      seconds: (performance.now() - start) / 1000,
    });
  }
}

function timingTable(): string {
  const rows = timings
    .slice()
    .sort((a, b) => a.start - b.start)
    .map(
      (t) =>
        `  ${t.environment.padEnd(13)} ${t.phase.padEnd(34)} ${t.start.toFixed(0).padStart(5)} s ${t.seconds.toFixed(0).padStart(5)} s`,
    );
  return [
    `  ${'env'.padEnd(13)} ${'phase'.padEnd(34)} ${'start'.padStart(7)} ${'took'.padStart(7)}`,
    ...rows,
  ].join('\n');
}

async function rehearse(name: string, workdir: string, cliConfig: string): Promise<Rehearsal> {
  const file = join(workdir, 'environments', `${name}.json`);
  const accountId = loadEnvironmentFile(file).accountId;
  if (accountId === undefined)
    throw new StepError(`${name}: the rehearsal deploys environments with accountId`);
  const moto: Moto = await startMoto(accountId);
  const env: ResolvedEnvironment = loadEnvironmentFile(file);
  const zoneIds = await createHostedZone(env, moto.endpoint);
  const out = join(workdir, `cdktf.out-${name}`);
  const dir = join(out, 'stacks', env.environment);
  const processEnv = emulatorProcessEnv(env.region, moto.endpoint);
  // The README's CI commands (ci-commands.ts), with the rehearsal's own output directory.
  const ci = (step: CiStep, label: string) => {
    const [command, args] = ciCommand(step, file, out);
    return run(command, args, { cwd: REPO, env: processEnv, label: `${name}: ${label}` });
  };
  // Direct terraform runs get the same CLI configuration the README commands write (src/cdktf-cli.ts).
  const terraformEnv = { ...processEnv, TF_CLI_CONFIG_FILE: cliConfig };
  const terraform = (args: string[], label: string) =>
    run('terraform', args, { cwd: dir, env: terraformEnv, label: `${name}: ${label}` });
  const resources: number[] = [];
  let stack: Record<string, unknown> = {};
  try {
    const state = stateLocation(env);
    if (state === undefined) throw new StepError(`${name}: no remote state`);
    const writeOverride = () =>
      writeFileSync(
        join(dir, OVERRIDE_FILE),
        JSON.stringify(rehearsalOverride(stack, { endpoint: moto.endpoint, state, zoneIds }), null, 1),
      );
    const synth = async (label: string) => {
      const synthOutput = await ci('synth', `synth (${label})`);
      resources.push(Number(/: (\d+) resources/.exec(synthOutput)?.[1] ?? 0));
      stack = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8'));
      writeOverride();
    };
    const resourcesOf = () => (stack.resource ?? {}) as Parameters<typeof unexpectedDrift>[1];

    await phase(name, 'bootstrap', () => ci('bootstrap', 'bootstrap'));
    // The second bootstrap (idempotent) runs beside the first synth.
    await phase(name, 'bootstrap again + synth', () =>
      Promise.all([ci('bootstrap', 'bootstrap (again: idempotent)'), synth('first')]),
    );
    await checkStateBucket(moto.endpoint, state.bucket, state.region);
    log(name, `state bucket ${state.bucket} bootstrapped twice; synthesized`);

    await phase(name, 'deploy', () => ci('deploy', 'deploy (first)'));
    log(name, `applied ${resources[0]} resources`);
    // With a refresh: this plan compares what the emulator holds with the configuration.
    const drift = await phase(name, 'second plan (refresh)', async () =>
      unexpectedDrift(await plan(dir, terraformEnv, `${name}: second plan`), resourcesOf()),
    );
    if (drift.length > 0)
      throw new StepError(`${name}: the second plan is not clean:\n${describeChanges(drift)}`);
    log(name, 'second plan: no changes');
    const checked = await phase(name, 'read back', () => readBack(env, moto.endpoint));
    if (checked.problems.length > 0) {
      throw new StepError(`${name}: read back:\n${checked.problems.map((p) => `  - ${p}`).join('\n')}`);
    }
    log(name, `read back: ${JSON.stringify(checked.counts)}`);

    // One environment is enough for the issue's tenant round ("a copy of the file"): dev.
    if (name === 'dev') {
      writeFileSync(
        file,
        JSON.stringify(addRehearsalTenants(JSON.parse(readFileSync(file, 'utf8'))), null, 2),
      );
      // No refresh: the state was just compared with the emulator by the second plan.
      const changes = await phase(name, 'tenants: synth + plan', async () => {
        await synth('two tenants added');
        return plan(dir, terraformEnv, `${name}: plan with two tenants added`, ['-refresh=false']);
      });
      const destructive = changes.filter((c) => c.actions.includes('delete'));
      const added = changes.filter((c) => c.actions.join() === 'create');
      if (destructive.length > 0 || added.length === 0) {
        throw new StepError(
          `${name}: adding two tenants must add resources and replace or destroy none; plan: ${added.length} to add, ` +
            `destroying/replacing ${destructive.map((c) => c.address).join(', ') || 'none'}`,
        );
      }
      // Issue #21: besides the emulator's gaps, only the listed couplings may be updated.
      const coupled = couplingsOf(loadEnvironmentFile(file));
      const updates = changes.filter((c) => c.actions.join() === 'update');
      const beyondGaps = unexpectedDrift(updates, resourcesOf());
      const uncoupled = uncoupledUpdates(beyondGaps, resourcesOf(), coupled);
      if (uncoupled.length > 0) {
        throw new StepError(
          `${name}: adding two tenants updated platform resources that couplings.ts does not list:\n${describeChanges(uncoupled)}`,
        );
      }
      const labels = [...new Set(beyondGaps.map((c) => couplingOf(c, resourcesOf(), coupled)?.label))];
      await phase(name, 'tenants: deploy', () => ci('deploy', 'deploy (two tenants added)'));
      const again = await phase(name, 'tenants: read back', () =>
        readBack(loadEnvironmentFile(file), moto.endpoint),
      );
      if (again.problems.length > 0) {
        throw new StepError(
          `${name}: read back after adding tenants:\n${again.problems.map((p) => `  - ${p}`).join('\n')}`,
        );
      }
      log(
        name,
        `two tenants added: ${added.length} resources added; updated: ${beyondGaps.length} of the listed couplings (${labels.join(', ')}), ${updates.length - beyondGaps.length} emulator gaps; none replaced or destroyed`,
      );
    }

    // Removal is documented as: turn deletion protection off in a deploy, then destroy. The
    // file with protection off is synthesized as always; its plan (no refresh: the second plan
    // compared the state) must change deletion protection only (and the known gaps), and that
    // change is applied to the protected resources.
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    if (raw.deletionProtection !== false) {
      await phase(name, 'deletion protection off', async () => {
        writeFileSync(file, JSON.stringify({ ...raw, deletionProtection: false }, null, 2));
        await synth('deletion protection off');
        const changes = await plan(dir, terraformEnv, `${name}: plan with deletion protection off`, [
          '-refresh=false',
        ]);
        const protection = ['deletion_protection', 'deletion_protection_enabled'];
        const turnedOff = changes.filter((c) => c.changed.some((key) => protection.includes(key)));
        // Without a refresh the emulator's known gaps show again; anything else fails.
        const other = unexpectedDrift(
          changes
            .map((c) => ({ ...c, changed: c.changed.filter((key) => !protection.includes(key)) }))
            .filter((c) => c.actions.join() !== 'update' || c.changed.length > 0),
          resourcesOf(),
        );
        if (other.length > 0 || turnedOff.length === 0) {
          throw new StepError(
            `${name}: turning deletion protection off must change only that:\n${describeChanges(other)}`,
          );
        }
        // Applied to the protected resources only: the rest of that plan is the emulator's gaps again.
        await terraform(
          [
            'apply',
            '-input=false',
            '-lock-timeout=60s',
            '-refresh=false',
            '-auto-approve',
            ...turnedOff.map((c) => `-target=${c.address}`),
          ],
          'apply (deletion protection off)',
        );
      });
    }
    // Distributions disabled through the API first (gaps.ts DISTRIBUTIONS_DISABLED_BEFORE_DESTROY):
    // saves the provider's 30 s sleep after disabling inside destroy.
    const disabled = await phase(name, 'distributions disabled', () => disableDistributions(moto.endpoint));
    log(name, `${disabled} distributions disabled`);
    // No refresh: the state is what the last apply wrote.
    await phase(name, 'destroy', () =>
      terraform(
        ['destroy', '-auto-approve', '-input=false', '-lock-timeout=60s', '-refresh=false'],
        'destroy',
      ),
    );
    await checkNothingLeft(env, moto.endpoint);
    log(name, 'destroyed');
    return { environment: name, resources, readBack: checked.counts };
  } finally {
    await moto.stop();
  }
}

/** After destroy: no user pool and no function is left in the emulator. */
async function checkNothingLeft(env: ResolvedEnvironment, endpoint: string): Promise<void> {
  const config = { endpoint, region: env.region, credentials: FAKE_CREDENTIALS };
  const pools = await new CognitoIdentityProviderClient(config).send(
    new ListUserPoolsCommand({ MaxResults: 60 }),
  );
  const functions = await new LambdaClient(config).send(new ListFunctionsCommand({}));
  const left = [
    ...(pools.UserPools ?? []).map((p) => `user pool ${p.Name}`),
    ...(functions.Functions ?? []).map((f) => `function ${f.FunctionName}`),
  ];
  if (left.length > 0) throw new StepError(`${env.environment}: left after destroy: ${left.join(', ')}`);
}

/**
 * The state bucket as bootstrap left it. Then its TLS-only policy is removed in the emulator:
 * moto treats a bucket policy as the only authority (no IAM allow for the caller), so a
 * deny-only policy refuses the backend's every request (see STATE_BUCKET_POLICY_GAP).
 */
async function checkStateBucket(endpoint: string, bucket: string, region: string): Promise<void> {
  const s3 = new S3Client({ endpoint, region, forcePathStyle: true, credentials: FAKE_CREDENTIALS });
  const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
  const block = await s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
  const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
  const { Policy } = await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }));
  const config = block.PublicAccessBlockConfiguration;
  const problems = [
    versioning.Status === 'Enabled' ? '' : `versioning ${versioning.Status}`,
    config?.BlockPublicAcls &&
    config.BlockPublicPolicy &&
    config.IgnorePublicAcls &&
    config.RestrictPublicBuckets
      ? ''
      : `public access ${JSON.stringify(config)}`,
    encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm
      ? ''
      : 'no default encryption',
    JSON.stringify(JSON.parse(Policy ?? '{}')) === tlsOnlyPolicy(bucket, region) ? '' : `policy ${Policy}`,
  ].filter(Boolean);
  if (problems.length > 0) throw new StepError(`state bucket ${bucket}: ${problems.join('; ')}`);
  await s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
}

/** The rehearsals `pnpm test:deploy [name ...]` runs (all by default). */
const TENANT_STACKS = 'tenant-stacks';
const MIGRATION = 'migration';
const REHEARSALS = ['dev', 'prod', TENANT_STACKS, MIGRATION];
/** The zone id the tenant-stacks file names (the rehearsal maps it to the emulator's). */
const REHEARSAL_ZONE_ID = 'Z0REHEARSAL1TENANTSTACKS';

/**
 * The tenant-stacks layout (tenant-stacks.ts) on a copy of dev with `tenantStacks`, deletion
 * protection on and hosting through a wildcard alias in a Route 53 zone, each on its own moto:
 *   - `tenant-stacks`: deployed as tenant stacks from nothing (the platform, then tenants in
 *     waves), then onboarding, a tenant retired, the environment taken down with `run destroy`;
 *   - `migration`: with a shared tenant in a second shard (`shared-01`), deployed as one stack,
 *     released with `sharedTenantClients`, migrated into tenant stacks; every stack's plan
 *     clean, read back and deploy records checked.
 * Split so that a deploy of the layout from nothing is rehearsed too; side by side they take
 * about as long as the one serial path did (the rehearsal is CPU-bound on 2 cores).
 */
async function rehearseLayout(name: string, workdir: string, cliConfig: string): Promise<Rehearsal> {
  const dev = JSON.parse(readFileSync(join(workdir, 'environments', 'dev.json'), 'utf8'));
  const { hosting, ...rest } = dev;
  const file = join(workdir, 'environments', `${name}.json`);
  const migration = name === MIGRATION;
  // Hosting as tenant stacks take it: one wildcard alias in a Route 53 zone.
  const hosted = {
    hosting: {
      ...hosting,
      wildcardAlias: '*.dev.example.com',
      appHosts: ['app.dev.example.com'],
      certificate: { route53ZoneId: REHEARSAL_ZONE_ID },
    },
  };
  // The migration moves two shards of the shared pool: dev's last shared tenant in shared-01.
  type RawTenant = { id: string; pattern: string };
  const lastShared = (dev.tenants as RawTenant[]).findLast((t) => t.pattern === 'shared')?.id;
  if (migration && lastShared === undefined)
    throw new StepError(`${name}: dev.json has no shared tenant to put in a second shard`);
  const tenants = (dev.tenants as RawTenant[]).map((t) =>
    migration && t.id === lastShared ? { ...t, sharedPool: 'shared-01' } : t,
  );
  // Protected, as production is: taking the dedicated tenant out must unprotect its pool alone.
  writeFileSync(
    file,
    JSON.stringify({ ...rest, ...hosted, tenants, tenantStacks: true, deletionProtection: true }, null, 2),
  );
  const result = await phase(name, migration ? 'migration rehearsal' : 'layout rehearsal', () =>
    rehearseTenantStacks({
      file,
      out: join(workdir, `cdktf.out-${name}`),
      label: name,
      cliConfig,
      addTenants: addRehearsalTenants,
      readBack: true,
      migrate: migration,
      prepare: migration,
      onboard: !migration,
      log: (message) => log(name, message),
    }),
  );
  const budgets = { dedicated: 12, shared: 8 } as Record<string, number>;
  const over = result.newStacks.filter((s) => s.planned > (budgets[s.pattern] ?? 0));
  if (over.length > 0)
    throw new StepError(
      `${name}: onboarding plans more than #21 allows: ${over.map((s) => `${s.stack} ${s.planned}`).join(', ')}`,
    );
  if (!migration && result.newStacks.length === 0) throw new StepError(`${name}: no tenant was onboarded`);
  return { environment: name, resources: [result.resources], readBack: result.readBack ?? {} };
}

async function main(): Promise<void> {
  const started = performance.now();
  const workdir = mkdtempSync(join(tmpdir(), 'ct-rehearsal-'));
  try {
    const [build, buildArgs] = ciCommand('build', '');
    await phase('all', 'build', () =>
      run(build, buildArgs, { cwd: REPO, env: process.env, label: 'pnpm run build' }),
    );
    log('all', 'pnpm run build');
    // Copies of the files (and their metadata), so the rehearsal can edit them.
    cpSync(ENVIRONMENTS_DIR, join(workdir, 'environments'), { recursive: true });
    const cliConfig = writeCliConfig(join(workdir, 'terraform-cli'), findProviderMirror(process.env));
    const chosen = process.argv.slice(2).filter((arg) => arg !== '--');
    const wanted = chosen.length > 0 ? chosen : REHEARSALS;
    const unknown = wanted.filter((name) => !REHEARSALS.includes(name));
    if (unknown.length > 0)
      throw new StepError(`unknown rehearsal ${unknown.join(', ')}: choose from ${REHEARSALS.join(', ')}`);
    const results = await Promise.allSettled(
      wanted.map((name) =>
        name === TENANT_STACKS || name === MIGRATION
          ? rehearseLayout(name, workdir, cliConfig)
          : rehearse(name, workdir, cliConfig),
      ),
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    for (const failure of failures) process.stderr.write(`\n${failure.message}\n`);
    process.stdout.write('\nemulator gaps (infra/rehearsal/gaps.ts):\n');
    for (const gap of UNSUPPORTED_RESOURCES) process.stdout.write(`  - ${gap.type}: ${gap.reason}\n`);
    process.stdout.write(`  - state bucket policy: ${STATE_BUCKET_POLICY_GAP}\n`);
    for (const gap of PLAN_DRIFT) {
      const what = gap.replaced ? 'replaced' : gap.attributes.join(', ');
      process.stdout.write(`  - ${gap.type} (${what}): ${gap.reason}\n`);
    }
    process.stdout.write('rehearsal-only provider settings and waits:\n');
    for (const wait of PROVIDER_WAIT_SETTINGS)
      process.stdout.write(`  - ${wait.type} ${JSON.stringify(wait.settings)}: ${wait.reason}\n`);
    for (const wait of UNAVOIDABLE_WAITS) process.stdout.write(`  - ${wait}\n`);
    process.stdout.write(`phases:\n${timingTable()}\n`);
    for (const result of results) {
      if (result.status === 'fulfilled') {
        const r = result.value;
        process.stdout.write(
          `${r.environment}: resources per synth ${r.resources.join(' -> ')}; read back ${JSON.stringify(r.readBack)}\n`,
        );
      }
    }
    process.stdout.write(
      `deploy rehearsal: ${failures.length === 0 ? 'passed' : 'FAILED'} in ${seconds} s\n`,
    );
    process.exitCode = failures.length === 0 ? 0 : 1;
  } finally {
    rmSync(workdir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `deploy rehearsal failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
