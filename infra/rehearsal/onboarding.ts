/**
 * `pnpm --filter @cognito-tenancy/infra run measure-onboarding [--tenants 10,100]`: what
 * onboarding one tenant costs in today's one-state-per-environment layout (issue #21's
 * baseline). For each size N it deploys the scale generator's environment of N tenants to a
 * moto server, adds one dedicated (then, separately, one shared) tenant to a copy of the file,
 * synthesizes and runs `terraform plan` with refresh through a request-counting proxy, and
 * prints the resources planned, the AWS calls the plan made (by service) and its wall time.
 * `--layout tenant-stacks` measures the same with a stack per tenant (tenant-stacks.ts);
 * with `--migrate` it deploys each size as one stack and migrates it (`migrate`) first, and
 * with `--prepare` as well it deploys the `sharedTenantClients` release in between;
 * `--onboard-only` times the onboarding commands alone at N (onboard-at-scale.ts).
 * Not part of CI: N = 100 takes minutes.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadEnvironmentFile } from '@cognito-tenancy/registry/environment';
import { nextSharedPool } from '@cognito-tenancy/registry/shared-pools';
import { ARTIFACTS_DIR_VARIABLE, artifactPath, DEFAULT_ARTIFACTS_DIR } from '../src/artifacts';
import { stateLocation } from '../src/backend';
import { LAMBDA_FUNCTIONS } from '../src/lambda-functions';
import { findProviderMirror, writeCliConfig } from '../src/terraform-cli-config';
import { writeScaleEnvironment } from '../tests/support/scale-environment';
import { ciCommand } from './ci-commands';
import { startMoto } from './moto';
import { type OnboardAtScale, onboardAtScale } from './onboard-at-scale';
import { dropStateBucketPolicy, emulatorProcessEnv, OVERRIDE_FILE, rehearsalOverride } from './override';
import { unexpectedDrift } from './plan-drift';
import { plan, run, StepError } from './process-run';
import { type RequestCounter, ssmReads, startRequestCounter } from './request-counter';
import { rehearseTenantStacks } from './tenant-stacks';

const REPO = resolve(import.meta.dirname, '..', '..');

interface OnboardingRow {
  readonly tenants: number;
  readonly resources: number;
  readonly kind: 'dedicated' | 'shared';
  readonly planned: number;
  /** Changes only the emulator's gaps explain (left out of `planned`). */
  readonly emulatorDrift: number;
  /** `<action> <resource type>` -> count, e.g. `update aws_lambda_function`. */
  readonly plannedBy: Readonly<Record<string, number>>;
  readonly requests: number;
  readonly ssmReads: number;
  readonly byService: Readonly<Record<string, number>>;
  readonly planSeconds: number;
}

function parseSizes(argv: readonly string[]): number[] {
  const at = argv.indexOf('--tenants');
  const value = at === -1 ? '10,100' : argv[at + 1];
  const sizes = (value ?? '').split(',').map(Number);
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 1000))
    throw new StepError(`--tenants: a comma-separated list of sizes from 1 to 1000, got '${value}'`);
  return sizes;
}

/** `sharedPool`: the shard `tenant add` would assign (at N = 1,000 shared-00 is full). */
function newTenant(kind: 'dedicated' | 'shared', sharedPool?: string): Record<string, unknown> {
  const common = {
    id: `new-${kind}`,
    displayName: `New ${kind} tenant`,
    emailDomains: [`new-${kind}.example`],
    idp: { name: `Idp-new-${kind}`, metadataUrl: `https://idp.new-${kind}.example/saml` },
    groups: { allow: ['Admins'], prefixes: ['app-'] },
  };
  return kind === 'shared'
    ? { ...common, pattern: 'shared', callbackUrls: ['https://app.scale.example.com/callback'], sharedPool }
    : {
        ...common,
        pattern: 'dedicated',
        hosts: ['new-dedicated.scale.example.com'],
        pool: { domainPrefix: 'ct-scale-new-dedicated' },
      };
}

function summarise(counts: ReadonlyMap<string, number>): {
  requests: number;
  ssmReads: number;
  byService: Record<string, number>;
} {
  const byService: Record<string, number> = {};
  let requests = 0;
  for (const [operation, count] of counts) {
    const service = operation.split(' ')[0] ?? operation;
    byService[service] = (byService[service] ?? 0) + count;
    requests += count;
  }
  return { requests, ssmReads: ssmReads(counts), byService };
}

/**
 * A snapshot of the built zips: every synth of the run uses the same bytes, so a rebuild in the
 * working tree meanwhile cannot show up as planned function updates.
 */
function snapshotArtifacts(dir: string): string {
  for (const name of LAMBDA_FUNCTIONS) {
    const target = artifactPath(dir, name);
    mkdirSync(join(target, '..'), { recursive: true });
    copyFileSync(artifactPath(DEFAULT_ARTIFACTS_DIR, name), target);
  }
  return dir;
}

async function measure(
  size: number,
  cliConfig: string,
  workdir: string,
  artifacts: string,
): Promise<OnboardingRow[]> {
  const dir = join(workdir, `n${size}`);
  const file = writeScaleEnvironment(dir, size);
  // moto 5.2 has no API Gateway client certificates (GenerateClientCertificate answers 404), which
  // an external serviceUrl brings: the measured file uses the pets Lambda instead, as dev does.
  const scale = JSON.parse(readFileSync(file, 'utf8'));
  delete scale.api.serviceUrl;
  writeFileSync(file, JSON.stringify(scale));
  const env = loadEnvironmentFile(file);
  const state = stateLocation(env);
  if (env.accountId === undefined || state === undefined)
    throw new StepError('the scale file needs accountId');
  const moto = await startMoto(env.accountId);
  let counter: RequestCounter | undefined;
  try {
    counter = await startRequestCounter(moto.endpoint);
    const processEnv: NodeJS.ProcessEnv = {
      ...emulatorProcessEnv(env.region, moto.endpoint),
      TF_CLI_CONFIG_FILE: cliConfig,
      [ARTIFACTS_DIR_VARIABLE]: artifacts,
    };
    const [bootstrap, bootstrapArgs] = ciCommand('bootstrap', file);
    await run(bootstrap, bootstrapArgs, { cwd: REPO, env: processEnv, label: `n=${size}: bootstrap` });
    await dropStateBucketPolicy(moto.endpoint, state);

    const synthInto = async (source: string, out: string, providerEndpoint: string) => {
      const [synth, synthArgs] = ciCommand('synth', source, out);
      await run(synth, synthArgs, { cwd: REPO, env: processEnv, label: `n=${size}: synth` });
      const stackDir = join(out, 'stacks', env.environment);
      const stack = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
      const override = rehearsalOverride(stack, { endpoint: providerEndpoint, state }) as {
        terraform: { backend: { s3: { endpoints: Record<string, string> } } };
      };
      // State reads go to moto directly: only the provider's calls are counted.
      override.terraform.backend.s3.endpoints = {
        s3: moto.endpoint,
        sts: moto.endpoint,
        dynamodb: moto.endpoint,
      };
      writeFileSync(join(stackDir, OVERRIDE_FILE), JSON.stringify(override));
      await run('terraform', ['init', '-input=false'], {
        cwd: stackDir,
        env: processEnv,
        label: `n=${size}: init`,
      });
      return {
        stackDir,
        blocks: stack.resource ?? {},
        resources: Object.values(stack.resource ?? {}).flatMap((r) => Object.keys(r as object)).length,
      };
    };

    const base = await synthInto(file, join(dir, 'out-base'), moto.endpoint);
    const applyStart = performance.now();
    await run('terraform', ['apply', '-input=false', '-auto-approve'], {
      cwd: base.stackDir,
      env: processEnv,
      label: `n=${size}: apply`,
    });
    process.stdout.write(
      `n=${size}: applied ${base.resources} resources in ${((performance.now() - applyStart) / 1000).toFixed(0)} s\n`,
    );

    const rows: OnboardingRow[] = [];
    for (const kind of ['dedicated', 'shared'] as const) {
      const raw = JSON.parse(readFileSync(file, 'utf8'));
      const grown = join(dir, `scale-${kind}.json`);
      const tenant = newTenant(kind, kind === 'shared' ? nextSharedPool(raw.tenants) : undefined);
      writeFileSync(grown, JSON.stringify({ ...raw, tenants: [...raw.tenants, tenant] }));
      const next = await synthInto(grown, join(dir, `out-${kind}`), counter.endpoint);
      counter.reset();
      const start = performance.now();
      const all = await plan(next.stackDir, processEnv, `n=${size}: plan +1 ${kind}`);
      // What the emulator's gaps plan on every resource (gaps.ts PLAN_DRIFT) is not onboarding's cost.
      const changes = unexpectedDrift(all, next.blocks);
      const planSeconds = (performance.now() - start) / 1000;
      const destructive = changes.filter((c) => c.actions.some((a) => a === 'delete'));
      if (destructive.length > 0)
        throw new StepError(
          `n=${size} +1 ${kind}: the plan replaces or destroys ${destructive.map((c) => c.address).join(', ')}`,
        );
      rows.push({
        tenants: size,
        resources: base.resources,
        kind,
        planned: changes.length,
        emulatorDrift: all.length - changes.length,
        plannedBy: changes.reduce<Record<string, number>>((by, c) => {
          const what = c.actions.join() === 'update' ? ` (${c.changed.join(', ')})` : '';
          const key = `${c.actions.join('+')} ${c.type}${what}`;
          by[key] = (by[key] ?? 0) + 1;
          return by;
        }, {}),
        planSeconds,
        ...summarise(counter.counts()),
      });
      process.stdout.write(
        `n=${size} +1 ${kind}: ${changes.length} planned (+${all.length - changes.length} emulator drift), ${planSeconds.toFixed(1)} s\n`,
      );
    }
    return rows;
  } finally {
    await counter?.stop();
    await moto.stop();
  }
}

function report(rows: readonly OnboardingRow[]): string {
  const lines = [
    '| tenants | resources in state | new tenant | resources planned (and emulator drift, left out) | AWS calls in the plan | SSM parameter reads | plan wall time | calls by service |',
    '|---:|---:|---|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.tenants} | ${r.resources} | ${r.kind} | ${r.planned} (${r.emulatorDrift}) | ${r.requests} | ${r.ssmReads} | ${r.planSeconds.toFixed(1)} s | ${Object.entries(
          r.byService,
        )
          .sort((a, b) => b[1] - a[1])
          .map(([service, count]) => `${service} ${count}`)
          .join(', ')} |`,
    ),
  ];
  const planned = rows.map(
    (r) =>
      `n=${r.tenants} +1 ${r.kind}: ${Object.entries(r.plannedBy)
        .sort()
        .map(([what, count]) => `${what} x${count}`)
        .join(', ')}`,
  );
  return [...lines, '', 'planned, by action and type:', ...planned].join('\n');
}

/**
 * The tenant-stacks layout (`--layout tenant-stacks`): the same scale file with
 * `tenantStacks`, deployed and onboarded by the layout's rehearsal (tenant-stacks.ts).
 */
async function measureTenantStacks(
  size: number,
  cliConfig: string,
  workdir: string,
  migrate: boolean,
  prepare: boolean,
): Promise<string> {
  const dir = join(workdir, `ts-n${size}`);
  const file = writeScaleEnvironment(dir, size);
  const scale = JSON.parse(readFileSync(file, 'utf8'));
  delete scale.api.serviceUrl;
  writeFileSync(file, JSON.stringify({ ...scale, tenantStacks: true }));
  const result = await rehearseTenantStacks({
    file,
    out: join(dir, 'out'),
    label: `n=${size}`,
    cliConfig,
    readBack: false,
    migrate,
    prepare,
    addTenants: (raw) => ({
      ...raw,
      tenants: [
        ...raw.tenants,
        newTenant('dedicated'),
        newTenant('shared', nextSharedPool(raw.tenants as Parameters<typeof nextSharedPool>[0])),
      ],
    }),
    log: (message) => process.stdout.write(`n=${size}: ${message}\n`),
  });
  const platform = result.platformPlan;
  if (platform === undefined) throw new Error(`n=${size}: no platform plan after onboarding`);
  const migrated = result.migration
    ? `| ${size} | migrated from one stack in ${result.deploySeconds.toFixed(0)} s | ${result.migration} | | | | | |\n`
    : '';
  return `${migrated}${result.newStacks
    .map(
      (s) =>
        `| ${size} | ${result.stacks} stacks, ${result.resources} resources | ${s.pattern} | ${s.planned} | ${s.requests} | ${s.ssmReads} | ${s.seconds.toFixed(1)} s | platform: 0 changes, ${platform.requests} calls, ${platform.seconds.toFixed(1)} s |`,
    )
    .join('\n')}`;
}

async function main(): Promise<void> {
  const sizes = parseSizes(process.argv.slice(2));
  const layoutAt = process.argv.indexOf('--layout');
  const layout = layoutAt === -1 ? 'one-stack' : process.argv[layoutAt + 1];
  if (layout !== 'one-stack' && layout !== 'tenant-stacks')
    throw new StepError(`--layout: one-stack or tenant-stacks, got '${layout}'`);
  if (process.argv.includes('--migrate') && layout !== 'tenant-stacks')
    throw new StepError('--migrate goes with --layout tenant-stacks (it migrates into that layout)');
  if (process.argv.includes('--prepare') && !process.argv.includes('--migrate'))
    throw new StepError('--prepare goes with --migrate (the release before the migration)');
  if (process.argv.includes('--onboard-only')) {
    if (layout !== 'tenant-stacks' || process.argv.includes('--migrate'))
      throw new StepError('--onboard-only goes with --layout tenant-stacks, without --migrate');
    const workdir = mkdtempSync(join(tmpdir(), 'ct-onboarding-'));
    try {
      const rows: OnboardAtScale[] = [];
      for (const size of sizes)
        rows.push(
          await onboardAtScale(
            size,
            join(workdir, `alone-n${size}`),
            (raw) => ({ ...raw, tenants: [...(raw.tenants as unknown[]), newTenant('dedicated')] }),
            (line) => process.stdout.write(`n=${size}: ${line}\n`),
          ),
        );
      const base = rows[0];
      const both = (row: OnboardAtScale) => row.synthSeconds + row.deploySeconds;
      const ratio = (row: OnboardAtScale) =>
        base === undefined ? '' : ` (${(both(row) / both(base)).toFixed(2)}x)`;
      process.stdout.write(
        `\nonboarding one dedicated tenant with synth --tenant and deploy --tenant (moto 5.2; N tenant states and the index seeded):\n| tenants | synth --tenant | deploy --tenant | both (vs first) | tool's AWS calls | tool's SSM reads | issuer index |\n|---:|---:|---:|---:|---|---:|---|\n${rows
          .map(
            (row) =>
              `| ${row.tenants} | ${row.synthSeconds.toFixed(1)} s | ${row.deploySeconds.toFixed(1)} s | ${both(row).toFixed(1)} s${ratio(row)} | ${Object.entries(
                row.toolCalls,
              )
                .map(([operation, count]) => `${operation} ${count}`)
                .join(', ')} | ${row.toolSsmReads} | ${row.index} |`,
          )
          .join('\n')}\n`,
      );
    } finally {
      rmSync(workdir, { recursive: true, force: true });
    }
    return;
  }
  if (layout === 'tenant-stacks') {
    const workdir = mkdtempSync(join(tmpdir(), 'ct-onboarding-'));
    try {
      const cliConfig = writeCliConfig(join(workdir, 'terraform-cli'), findProviderMirror(process.env));
      const rows: string[] = [];
      const migrate = process.argv.includes('--migrate');
      const prepare = process.argv.includes('--prepare');
      for (const size of sizes)
        rows.push(await measureTenantStacks(size, cliConfig, workdir, migrate, prepare));
      process.stdout.write(
        `\nonboarding one tenant, a stack per tenant (moto 5.2, refresh on):\n| tenants | deployed | new tenant | resources planned | AWS calls in its plan | SSM reads | plan wall time | other states |\n|---:|---|---|---:|---:|---:|---:|---|\n${rows.join('\n')}\n`,
      );
    } finally {
      rmSync(workdir, { recursive: true, force: true });
    }
    return;
  }
  const workdir = mkdtempSync(join(tmpdir(), 'ct-onboarding-'));
  try {
    const cliConfig = writeCliConfig(join(workdir, 'terraform-cli'), findProviderMirror(process.env));
    const rows: OnboardingRow[] = [];
    const artifacts = snapshotArtifacts(join(workdir, 'artifacts'));
    for (const size of sizes) rows.push(...(await measure(size, cliConfig, workdir, artifacts)));
    process.stdout.write(
      `\nonboarding one tenant, one state per environment (moto 5.2, refresh on):\n${report(rows)}\n`,
    );
  } finally {
    rmSync(workdir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `measure-onboarding failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
