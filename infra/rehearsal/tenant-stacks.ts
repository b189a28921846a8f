/**
 * The deploy rehearsal of the tenant-stacks layout (`tenantStacks`, issue #21), against its
 * own moto server: the README's CI commands bootstrap, synthesize and deploy every stack
 * (the platform first, tenants in waves, then the issuer index); each stack's refreshed plan
 * is clean; the registry is read back. Then tenants are added: the platform's refreshed plan
 * and every existing tenant stack's plan must be empty, each new stack's plan creates only
 * (its AWS calls counted through a proxy), and `deploy --tenant` applies them. Also the
 * engine of `measure-onboarding --layout tenant-stacks`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadEnvironmentFile, type ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { sharedPoolShards } from '@cognito-tenancy/registry/shared-pools';
import { stateLocation } from '../src/backend';
import { resourceNames } from '../src/names';
import { stackNames, tenantOfStack, tenantStackName } from '../src/stack-layout';
import { configHash, readStackRecord } from '../src/stack-records';
import { ciRunner } from './ci-runner';
import { checkHostRecords, createHostedZone } from './hosted-zone';
import { startMoto } from './moto';
import {
  dropStateBucketPolicy,
  emulatorProcessEnv,
  emulatorS3,
  OVERRIDE_FILE,
  rehearsalOverride,
} from './override';
import { type PlannedChange, unexpectedDrift, unexpectedMigrationUpdates } from './plan-drift';
import { plan, run, StepError } from './process-run';
import { readBack } from './read-back';
import { type RequestCounter, ssmReads, startRequestCounter } from './request-counter';
import { type TeardownSteps, tearDown } from './teardown';
import { inWaves } from './waves';

const REPO = resolve(import.meta.dirname, '..', '..');
/** Terraform processes at once on a 2-core machine. */
const LOCAL_WAVES = 2;
/** Issue #21: registry reads of one onboarding, at any number of tenants. */
const ONBOARDING_REGISTRY_READS = 3;

export interface NewStackPlan {
  readonly stack: string;
  readonly pattern: string;
  readonly planned: number;
  readonly requests: number;
  readonly ssmReads: number;
  readonly byOperation: Readonly<Record<string, number>>;
  readonly seconds: number;
}

export interface TenantStacksResult {
  readonly stacks: number;
  readonly resources: number;
  readonly deploySeconds: number;
  /** The platform's plan after tenants were added (not with `onboard: false`). */
  readonly platformPlan?: { readonly changes: number; readonly requests: number; readonly seconds: number };
  readonly newStacks: readonly NewStackPlan[];
  readonly readBack?: Record<string, number>;
  /** With `migrate`: the migration plans' totals (`plans of N stacks: 0 to destroy, ...`). */
  readonly migration?: string;
}

export interface TenantStacksOptions {
  readonly file: string;
  readonly out: string;
  readonly label: string;
  /** The Terraform CLI configuration with the provider mirror (terraform-cli-config.ts). */
  readonly cliConfig: string;
  /** The file with tenants added (a new object; the file on disk is rewritten with it). */
  readonly addTenants: (raw: { tenants: unknown[] } & Record<string, unknown>) => typeof raw;
  /** Read the registry back after each deploy (the rehearsal; the measurement skips it). */
  readonly readBack: boolean;
  /**
   * Deploy the file as one stack first, then move it into tenant stacks with
   * `migrate` (plan, then `--apply`) instead of deploying the layout from nothing.
   */
  readonly migrate?: boolean;
  /**
   * With `migrate`: after the plain one-stack deploy and a first migration plan (which must
   * create the shared tenants' clients), deploy the one-stack release with
   * `sharedTenantClients` and plan again: that plan must create nothing.
   */
  readonly prepare?: boolean;
  /**
   * After the deploy (or migration), its second plan and read back: add tenants, onboard them
   * with `deploy --tenant`, retire one and take the environment down (default true). Without
   * it the rehearsal ends after checking every stack's deploy record, and moto goes with it.
   */
  readonly onboard?: boolean;
  readonly log: (message: string) => void;
}

type Resources = Parameters<typeof unexpectedDrift>[1];

function stackJson(out: string, stack: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
}

function countOf(changes: readonly PlannedChange[], counter: RequestCounter) {
  const counts = counter.counts();
  let requests = 0;
  const byOperation: Record<string, number> = {};
  for (const [operation, count] of counts) {
    requests += count;
    byOperation[operation] = count;
  }
  return { planned: changes.length, requests, ssmReads: ssmReads(counts), byOperation };
}

/** Runs the layout's rehearsal for one file; throws {@link StepError} on the first broken promise. */
export async function rehearseTenantStacks(options: TenantStacksOptions): Promise<TenantStacksResult> {
  const { file, out, label, log } = options;
  let env: ResolvedEnvironment = loadEnvironmentFile(file);
  if (!env.tenantStacks || env.accountId === undefined)
    throw new StepError(`${label}: needs "tenantStacks": true and an accountId`);
  const moto = await startMoto(env.accountId);
  let counter: RequestCounter | undefined;
  try {
    counter = await startRequestCounter(moto.endpoint);
    // Hosting's zone (tenant stacks make their hosts' alias records in it).
    const zoneIds = await createHostedZone(env, moto.endpoint);
    const processEnv = emulatorProcessEnv(env.region, moto.endpoint);
    const ci = ciRunner(file, out, env.region, moto.endpoint, label);
    const stateOf = (stack: string) => {
      const state = stateLocation(env, tenantOfStack(env, stack));
      if (state === undefined) throw new StepError(`${label}: ${stack} has no remote state`);
      return state;
    };
    /** The emulator override in each stack's folder; `counted` stacks talk to AWS through the counter. */
    const writeOverrides = (stacks: readonly string[], counted: ReadonlySet<string> = new Set()) => {
      for (const stack of stacks) {
        const override = rehearsalOverride(stackJson(out, stack), {
          endpoint: counted.has(stack) ? (counter as RequestCounter).endpoint : moto.endpoint,
          state: stateOf(stack),
          zoneIds,
        }) as { terraform: { backend: { s3: { endpoints: Record<string, string> } } } };
        // State always goes to moto directly: only the provider's calls are counted, and the
        // backend block stays the one `init` saw.
        override.terraform.backend.s3.endpoints = {
          s3: moto.endpoint,
          sts: moto.endpoint,
          dynamodb: moto.endpoint,
        };
        writeFileSync(join(out, 'stacks', stack, OVERRIDE_FILE), JSON.stringify(override, null, 1));
      }
    };
    // Direct terraform runs get the CLI configuration the README commands write (src/cdktf-cli.ts).
    const terraformEnv = { ...processEnv, TF_CLI_CONFIG_FILE: options.cliConfig };
    const planOf = (stack: string, what: string, args: readonly string[] = []) =>
      plan(join(out, 'stacks', stack), terraformEnv, `${label}: ${what} ${stack}`, args);
    const resourcesOf = (stack: string) => (stackJson(out, stack).resource ?? {}) as Resources;

    /** `deploy --tenant` left the platform out: its record matches its configuration. */
    const platformLeftOut = (output: string) =>
      new RegExp(`platform ${env.environment}: unchanged since its deploy of .*, not planned`).test(output);
    /**
     * Offboarding a tenant added (the dedicated one: its pool goes too). With the file's
     * deletion protection on, its pool alone is unprotected first (`pool.deletionProtection`):
     * that deploy changes one resource and leaves the platform out. Taken out of the file,
     * `deploy` must refuse (its state still holds a live sign-in); listed in `retiredTenants`,
     * `deploy --tenant <id>` destroys its stack's resources, and the read back (which flags every
     * client, parameter and item the file does not have) must pass without them.
     */
    const retireTenant = async (gone: string) => {
      type RawTenant = { id: string; pattern: string; pool?: Record<string, unknown> };
      const raw = JSON.parse(readFileSync(file, 'utf8')) as {
        deletionProtection?: boolean;
        tenants: RawTenant[];
      };
      const tenant = raw.tenants.find((t) => t.id === gone);
      const kept = raw.tenants.filter((t) => t.id !== gone);
      let unprotected = '';
      if (tenant?.pattern === 'dedicated' && raw.deletionProtection !== false) {
        const tenants = raw.tenants.map((t) =>
          t.id === gone ? { ...t, pool: { ...t.pool, deletionProtection: false } } : t,
        );
        writeFileSync(file, JSON.stringify({ ...raw, tenants }, null, 2));
        await ci('synth', `synth (${gone}'s pool unprotected)`);
        writeOverrides(stackNames(env));
        const output = await ci('deploy', `deploy --tenant ${gone} (pool unprotected)`, ['--tenant', gone]);
        if (!/Resources: 0 added, 1 changed, 0 destroyed/.test(output) || !platformLeftOut(output))
          throw new StepError(
            `${label}: unprotecting ${gone}'s pool was not one change with the platform left out:\n${output.slice(-2000)}`,
          );
        unprotected = 'its pool unprotected alone (1 changed, platform left out); ';
      }
      writeFileSync(file, JSON.stringify({ ...raw, tenants: kept }, null, 2));
      await ci('synth', `synth (${gone} taken out of the file)`);
      const refused = await ci('deploy', `deploy (${gone} taken out of the file)`).then(
        (output) => `exit 0:\n${output.slice(-2000)}`,
        (error: Error) => error.message,
      );
      if (!refused.includes('deploy refused:') || !refused.includes(`"retiredTenants": ["${gone}"]`))
        throw new StepError(`${label}: deploy without ${gone} in the file was not refused:\n${refused}`);
      // diff shows only the file's stacks: it must say first what deploy would refuse.
      const diffed = await run(
        'pnpm',
        [
          ...['--filter', '@cognito-tenancy/infra', 'run', 'diff', file, '--output', out, '--skip-synth'],
          ...['--tenant', kept[0]?.id as string],
        ],
        { cwd: REPO, env: processEnv, label: `${label}: diff (${gone} taken out of the file)` },
      );
      if (!diffed.includes('diff: deploy would refuse:') || !diffed.includes(`"retiredTenants": ["${gone}"]`))
        throw new StepError(
          `${label}: diff without ${gone} did not say what deploy refuses:\n${diffed.slice(-2000)}`,
        );
      writeFileSync(file, JSON.stringify({ ...raw, tenants: kept, retiredTenants: [gone] }, null, 2));
      env = loadEnvironmentFile(file);
      await ci('synth', `synth (${gone} retired)`);
      writeOverrides(stackNames(env));
      const retired = await ci('deploy', `deploy --tenant ${gone} (retired)`, ['--tenant', gone]);
      const destroyed = /Resources: 0 added, 0 changed, (\d+) destroyed/.exec(retired)?.[1];
      if (destroyed === undefined || Number(destroyed) === 0)
        throw new StepError(
          `${label}: deploy of retired ${gone} destroyed nothing:\n${retired.slice(-2000)}`,
        );
      // Its record beside its own state; the platform's untouched (still its configuration's).
      await checkRecords(env, stackNames(env), out, moto.endpoint);
      const checked = await readBack(env, moto.endpoint, released);
      if (checked.problems.length > 0)
        throw new StepError(
          `${label}: read back after retiring ${gone}:\n${checked.problems.map((p) => `  - ${p}`).join('\n')}`,
        );
      // Its hosts' alias records went with its stack.
      const dns =
        Object.keys(zoneIds).length > 0 ? `; DNS: ${await checkHostRecords(env, moto.endpoint)}` : '';
      log(
        `${gone} taken out: ${unprotected}deploy refused, diff said so; retired: ${destroyed} destroyed; read back ${JSON.stringify(checked.counts)}${dns}`,
      );
    };
    /** `pnpm --filter @cognito-tenancy/infra run migrate <file> --output <out> [extra]`. */
    const migrate = (what: string, extra: readonly string[]) =>
      run('pnpm', ['--filter', '@cognito-tenancy/infra', 'run', 'migrate', file, '--output', out, ...extra], {
        cwd: REPO,
        env: processEnv,
        label: `${label}: ${what}`,
      });
    /** The file as one stack, deployed by the README's commands; then the migration's plan (checked, not applied). */
    let migration: string | undefined;
    const deployOneStack = async (what: string, raw: string, extra: Record<string, unknown>) => {
      writeFileSync(file, JSON.stringify({ ...JSON.parse(raw), tenantStacks: false, ...extra }, null, 2));
      await ci('synth', `synth (${what})`);
      writeOverrides([env.environment]);
      const output = await ci('deploy', `deploy (${what})`);
      writeFileSync(file, raw);
      // migrate synthesizes both layouts itself; the override files must be there for its terraform runs.
      await ci('synth', 'synth (tenant stacks)');
      writeOverrides(stackNames(env));
      return output;
    };
    const planMigration = async (what: string, mustCreate: 'some' | 'none') => {
      const planned = await migrate(what, []);
      const report = /plans of \d+ stacks: [^\n]*/.exec(planned)?.[0];
      const creates = Number(/ (\d+) to create/.exec(report ?? '')?.[1] ?? Number.NaN);
      if (
        report === undefined ||
        !report.includes(' 0 to destroy') ||
        (mustCreate === 'none') !== (creates === 0)
      )
        throw new StepError(`${label}: ${what}: ${mustCreate} to create expected:\n${planned.slice(-3000)}`);
      if (mustCreate === 'some' && !planned.includes('"sharedTenantClients": true first'))
        throw new StepError(`${label}: ${what}: no hint at sharedTenantClients:\n${planned.slice(-3000)}`);
      const updated = /updated in place, by type \(attributes\): [^\n]*/.exec(planned)?.[0];
      // After the release: nothing but the shards' issuer records changes beyond tags (and moto's gaps).
      const beyondTags = /updated beyond tags: [^\n]*/.exec(planned)?.[0] ?? '';
      const unexpected = unexpectedMigrationUpdates(beyondTags, env.environment);
      if (mustCreate === 'none' && unexpected.length > 0)
        throw new StepError(`${label}: ${what}: updates beyond tags:\n  ${unexpected.join('\n  ')}`);
      return updated === undefined ? report : `${report}\n    ${updated}\n    ${beyondTags}`;
    };
    const deployOneStackThenPlanMigration = async () => {
      const raw = readFileSync(file, 'utf8');
      await deployOneStack('one stack', raw, {});
      // The flag flipped and `deploy` run instead of `migrate`: refused before anything is planned.
      const refused = await ci('deploy', 'deploy over the one-stack state').then(
        (output) => `exit 0:\n${output.slice(-2000)}`,
        (error: Error) => error.message,
      );
      if (!refused.includes('deploy refused:') || !refused.includes('Migrate first'))
        throw new StepError(`${label}: deploy over the one-stack state was not refused:\n${refused}`);
      migration = await planMigration('migrate (plan only)', 'some');
      log(`one stack deployed; deploy of the flipped file refused; migration ${migration}`);
      if (!options.prepare) return;
      // The release before the migration: own clients beside the common one, over the state the
      // first plan already wrote into (published shard ids, partly filled tenant states).
      const expand = await deployOneStack('one stack, sharedTenantClients', raw, {
        sharedTenantClients: true,
      });
      if (!/ 0 destroyed/.test(expand))
        throw new StepError(
          `${label}: the sharedTenantClients release destroyed something:\n${expand.slice(-2000)}`,
        );
      migration = await planMigration('migrate (plan only, after sharedTenantClients)', 'none');
      log(
        `sharedTenantClients release deployed (${/\d+ added, \d+ changed, \d+ destroyed/.exec(expand)?.[0]}); migration ${migration}`,
      );
    };

    await ci('bootstrap', 'bootstrap');
    const state = stateOf(env.environment);
    await dropStateBucketPolicy(moto.endpoint, state);

    const stacks = stackNames(env);
    // The one-stack layout's common client of each shard: migrate releases it (kept in AWS).
    const released = new Set(
      options.migrate
        ? [...sharedPoolShards(env.tenants).keys()].map(
            (shard) => `${resourceNames(env.environment).sharedPoolShard(shard)}-web`,
          )
        : [],
    );
    const deployStart = performance.now();
    if (options.migrate) await deployOneStackThenPlanMigration();
    const synthOutput = await ci('synth', 'synth');
    const resources =
      Number(/: (\d+) resources ->/.exec(synthOutput)?.[1] ?? 0) +
      Number(/tenant stacks of [a-z0-9-]+: (\d+) resources/.exec(synthOutput)?.[1] ?? 0);
    writeOverrides(stacks);
    const deployOutput = options.migrate
      ? await migrate('migrate --apply', ['--apply'])
      : await ci('deploy', 'deploy (every stack)');
    const deploySeconds = (performance.now() - deployStart) / 1000;
    if (!/issuer index: \d+ pools/.test(deployOutput))
      throw new StepError(
        `${label}: the deploy did not rebuild the issuer index:\n${deployOutput.slice(-2000)}`,
      );
    log(
      `${stacks.length} stacks (${resources} resources) ${options.migrate ? 'deployed as one stack and migrated' : 'deployed'} in ${deploySeconds.toFixed(0)} s; ${/issuer index: [^\n]*/.exec(deployOutput)?.[0]}`,
    );

    // Refreshed plans: what the emulator holds equals every stack's configuration.
    await inWaves(stacks, LOCAL_WAVES, async (stack) => {
      const drift = unexpectedDrift(await planOf(stack, 'second plan'), resourcesOf(stack));
      if (drift.length > 0)
        throw new StepError(
          `${label}: second plan of ${stack} is not clean: ${drift.map((c) => c.address).join(', ')}`,
        );
    });
    log('second plan of every stack: no changes');
    let counts: Record<string, number> | undefined;
    if (options.readBack) {
      const checked = await readBack(env, moto.endpoint, released);
      if (checked.problems.length > 0)
        throw new StepError(`${label}: read back:\n${checked.problems.map((p) => `  - ${p}`).join('\n')}`);
      counts = checked.counts;
      log(`read back: ${JSON.stringify(counts)}`);
    }
    const inZone = Object.keys(zoneIds).length > 0;
    if (inZone) log(`DNS: ${await checkHostRecords(env, moto.endpoint)}`);
    if (options.onboard === false) {
      await checkRecords(env, stacks, out, moto.endpoint);
      log(`deploy records: ${stacks.length} stacks, each its configuration's`);
      return {
        stacks: stacks.length,
        resources,
        deploySeconds,
        newStacks: [],
        ...(counts ? { readBack: counts } : {}),
        ...(migration ? { migration } : {}),
      };
    }

    // Onboarding: the grown file, synthesized as always.
    writeFileSync(file, JSON.stringify(options.addTenants(JSON.parse(readFileSync(file, 'utf8'))), null, 2));
    env = loadEnvironmentFile(file);
    await ci('synth', 'synth (tenants added)');
    const grown = stackNames(env);
    const added = grown.filter((stack) => !stacks.includes(stack));
    writeOverrides(grown, new Set([env.environment, ...added]));
    counter.reset();
    const platformStart = performance.now();
    const platformChanges = unexpectedDrift(
      await planOf(env.environment, 'onboarding plan'),
      resourcesOf(env.environment),
    );
    const platformPlan = {
      changes: platformChanges.length,
      requests: countOf(platformChanges, counter).requests,
      seconds: (performance.now() - platformStart) / 1000,
    };
    if (platformChanges.length > 0)
      throw new StepError(
        `${label}: adding tenants changes the platform stack: ${platformChanges.map((c) => c.address).join(', ')}`,
      );
    // Every other tenant's state: its configuration is byte-identical, so its plan must be empty.
    await inWaves(stacks.slice(1), LOCAL_WAVES, async (stack) => {
      // Without a refresh the emulator's known gaps (gaps.ts PLAN_DRIFT) show again: left out.
      const changes = unexpectedDrift(
        await planOf(stack, 'plan (tenants added)', ['-refresh=false']),
        resourcesOf(stack),
      );
      if (changes.length > 0)
        throw new StepError(
          `${label}: adding tenants changes ${stack}: ${changes.map((c) => c.address).join(', ')}`,
        );
    });
    const newStacks: NewStackPlan[] = [];
    for (const stack of added) {
      // A new stack's folder was never initialised (cdktf deploy does that): backend and provider only.
      await run('terraform', ['init', '-input=false'], {
        cwd: join(out, 'stacks', stack),
        env: terraformEnv,
        label: `${label}: init ${stack}`,
      });
      counter.reset();
      const start = performance.now();
      const changes = await planOf(stack, 'plan of the new stack');
      const seconds = (performance.now() - start) / 1000;
      const other = changes.filter((c) => c.actions.join() !== 'create');
      if (other.length > 0)
        throw new StepError(
          `${label}: ${stack} plans more than creates: ${other.map((c) => c.address).join(', ')}`,
        );
      const tenant = env.tenants.find((t) => tenantStackName(env.environment, t.id) === stack);
      newStacks.push({ stack, pattern: tenant?.pattern ?? '?', seconds, ...countOf(changes, counter) });
    }
    log(
      `tenants added: platform plan empty (${platformPlan.requests} AWS calls), ${stacks.length - 1} other tenant stacks empty; new: ${newStacks
        .map((s) => `${s.stack} ${s.planned} to create, ${s.requests} AWS calls`)
        .join('; ')}`,
    );
    // Only the new tenants, the way an operator onboards them: synth --tenant (the platform and
    // the new tenants, not every stack of the file), then deploy --tenant from that synth.
    const tenantArgs = added.flatMap((stack) => ['--tenant', stack.slice(env.environment.length + 2)]);
    const subset = await ci('synth', `synth ${tenantArgs.join(' ')}`, tenantArgs);
    if (!new RegExp(`synthesized ${added.length} tenant stacks of \\S+ \\(only --tenant `).test(subset))
      throw new StepError(
        `${label}: synth --tenant did not build only its ${added.length} tenants:\n${subset}`,
      );
    writeOverrides(grown);
    // The tool's own calls (state listing, deploy records, the issuer index) through the counter;
    // Terraform's go to moto directly (the overrides just written).
    counter.reset();
    const onboarded = await ci('deploy', `deploy ${tenantArgs.join(' ')}`, tenantArgs, counter.endpoint);
    const registryReads = ssmReads(counter.counts());
    if (!/issuer index: \d+ pools.*\(added the pools of /.test(onboarded))
      throw new StepError(`${label}: deploy --tenant did not add its pools to the issuer index`);
    if (registryReads > ONBOARDING_REGISTRY_READS)
      throw new StepError(
        `${label}: deploy --tenant read the registry ${registryReads} times (at most ${ONBOARDING_REGISTRY_READS}): ${JSON.stringify(Object.fromEntries(counter.counts()))}`,
      );
    // The platform ran the recorded configuration: deploy --tenant left it out.
    if (!platformLeftOut(onboarded))
      throw new StepError(
        `${label}: deploy --tenant planned the unchanged platform:\n${onboarded.slice(-1500)}`,
      );
    await checkRecords(env, grown, out, moto.endpoint);
    log(
      `deploy --tenant: platform left out (its record matches); ${grown.length} stacks recorded; issuer index added to with ${registryReads} SSM reads`,
    );
    if (options.readBack) {
      const again = await readBack(env, moto.endpoint, released);
      if (again.problems.length > 0)
        throw new StepError(
          `${label}: read back after onboarding:\n${again.problems.map((p) => `  - ${p}`).join('\n')}`,
        );
      log(`deploy --tenant: read back ${JSON.stringify(again.counts)}`);
      if (inZone) log(`deploy --tenant: DNS: ${await checkHostRecords(env, moto.endpoint)}`);
      const dedicated = added
        .map((stack) => stack.slice(env.environment.length + 2))
        .find((id) => env.tenants.find((t) => t.id === id)?.pattern === 'dedicated');
      await retireTenant(dedicated ?? (added.at(-1) as string).slice(env.environment.length + 2));
      const teardown: TeardownSteps = {
        label,
        endpoint: moto.endpoint,
        rewrite: async (what, change) => {
          writeFileSync(file, JSON.stringify(change(JSON.parse(readFileSync(file, 'utf8'))), null, 2));
          env = loadEnvironmentFile(file);
          await ci('synth', `synth (${what})`);
          writeOverrides(stackNames(env));
          return env;
        },
        deploy: (what, extra = []) => ci('deploy', what, extra),
        destroy: (what, extra) =>
          run(
            'pnpm',
            [
              '--filter',
              '@cognito-tenancy/infra',
              'run',
              'destroy',
              file,
              '--output',
              out,
              '--skip-synth',
              ...extra,
            ],
            { cwd: REPO, env: processEnv, label: `${label}: ${what}` },
          ).catch((error: Error) => error.message),
      };
      log(
        await tearDown(
          teardown,
          env.tenants.map((t) => t.id),
        ),
      );
    }
    return {
      stacks: stacks.length,
      resources,
      deploySeconds,
      platformPlan,
      newStacks,
      ...(counts ? { readBack: counts } : {}),
      ...(migration ? { migration } : {}),
    };
  } finally {
    await counter?.stop();
    await moto.stop();
  }
}

/** Every stack has a deploy record (stack-records.ts) whose hash is its synthesized configuration's. */
async function checkRecords(
  env: ResolvedEnvironment,
  stacks: readonly string[],
  out: string,
  endpoint: string,
) {
  const s3 = emulatorS3(endpoint, env.region);
  try {
    const problems: string[] = [];
    for (const stack of stacks) {
      const state = stateLocation(env, tenantOfStack(env, stack));
      const record = state === undefined ? undefined : await readStackRecord(s3, state);
      if (record?.stack !== stack || record.configHash !== configHash(out, stack))
        problems.push(`${stack}: record ${JSON.stringify(record)}`);
    }
    if (problems.length > 0) throw new StepError(`deploy records:\n  ${problems.join('\n  ')}`);
  } finally {
    s3.destroy();
  }
}
