/**
 * `measure-onboarding --layout tenant-stacks --onboard-only [--tenants 10,1000]`: the
 * operator's onboarding commands (`synth <env> --tenant <id>`, then `deploy <env> --tenant <id>
 * --skip-synth --auto-approve`) timed at N tenants, without applying the N tenants first (a
 * fleet of 1,000 takes hours on moto). A tenant's stack plans only its own state (measured at
 * N = 10 and 100 by `--layout tenant-stacks`: 1 AWS call either way), so what can grow with N
 * is the work around it, and that is made as large as N makes it:
 *   - the file holds N tenants (synth and every load of the file read all of them);
 *   - the state bucket holds a state for each of them (the deploy lists them: unlisted live
 *     states are refused), empty except the one tenant applied for real;
 *   - the issuer index lists a pool per dedicated tenant (the deploy adds to it).
 * Then one new dedicated tenant is onboarded, with the tool's own AWS calls counted.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { loadEnvironmentFile, type ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { issuerIndexParameterName, registryPrefix } from '@cognito-tenancy/registry/keys';
import { stateLocation } from '../src/backend';
import { listedPools } from '../src/issuer-index-add';
import { currentIssuerIndex, writeIssuerIndex } from '../src/issuer-index-sync';
import { tenantOfStack, tenantStackName } from '../src/stack-layout';
import { writeScaleEnvironment } from '../tests/support/scale-environment';
import { ciRunner } from './ci-runner';
import { startMoto } from './moto';
import {
  dropStateBucketPolicy,
  emulatorS3,
  FAKE_CREDENTIALS,
  OVERRIDE_FILE,
  rehearsalOverride,
} from './override';
import { StepError } from './process-run';
import { type RequestCounter, ssmReads, startRequestCounter } from './request-counter';
import { inWaves } from './waves';

/** Applied for real first, with the platform (t0000..t0002 are shared). */
const FIRST = 't0003';

export interface OnboardAtScale {
  readonly tenants: number;
  /** Wall seconds of `synth --tenant` and of `deploy --tenant` for the new tenant. */
  readonly synthSeconds: number;
  readonly deploySeconds: number;
  /** The deploy tool's own AWS calls (state listing, records, issuer index), by operation. */
  readonly toolCalls: Readonly<Record<string, number>>;
  readonly toolSsmReads: number;
  /** The deploy's issuer index line. */
  readonly index: string;
}

/** A pool id per dedicated tenant, as the index would list them (fake, well formed). */
function fakePools(env: ResolvedEnvironment): string[] {
  return env.tenants
    .filter((tenant) => tenant.pattern === 'dedicated' && tenant.id !== FIRST)
    .map(
      (tenant) =>
        `${env.region}_${tenant.id
          .replace(/[^A-Za-z0-9]/g, '')
          .padEnd(9, 'X')
          .slice(0, 9)}`,
    );
}

/** Empty tenant states, as Terraform writes them after a destroy: listed, never read. */
async function seedTenantStates(env: ResolvedEnvironment, endpoint: string): Promise<number> {
  const s3 = emulatorS3(endpoint, env.region);
  try {
    const others = env.tenants.filter((tenant) => tenant.id !== FIRST);
    await inWaves(others, 16, async (tenant) => {
      const state = stateLocation(env, tenant.id) as { bucket: string; key: string };
      const body = JSON.stringify({
        version: 4,
        terraform_version: '1.10.0',
        serial: 1,
        lineage: tenant.id,
        outputs: {},
        resources: [],
      });
      await s3.send(new PutObjectCommand({ Bucket: state.bucket, Key: state.key, Body: body }));
    });
    return others.length;
  } finally {
    s3.destroy();
  }
}

async function seedIssuerIndex(env: ResolvedEnvironment, endpoint: string): Promise<void> {
  const ssm = new SSMClient({ region: env.region, endpoint, credentials: FAKE_CREDENTIALS });
  try {
    const root = registryPrefix(env.registryPrefix);
    const current = await currentIssuerIndex(ssm, root);
    const listed = listedPools(current, (shard) => issuerIndexParameterName(root, shard));
    if (!Array.isArray(listed))
      throw new StepError(`the issuer index after the first deploy: ${listed.problem}`);
    await writeIssuerIndex(ssm, env.registryPrefix, [...listed, ...fakePools(env)].sort(), current, () => {});
  } finally {
    ssm.destroy();
  }
}

/** Onboards one new dedicated tenant into an environment of `size` tenants (see the module comment). */
export async function onboardAtScale(
  size: number,
  dir: string,
  addTenant: (raw: Record<string, unknown>) => Record<string, unknown>,
  log: (line: string) => void,
): Promise<OnboardAtScale> {
  const file = writeScaleEnvironment(dir, size, { tenantStacks: true });
  // moto has no API Gateway client certificates, which an external serviceUrl brings.
  const scale = JSON.parse(readFileSync(file, 'utf8'));
  delete scale.api.serviceUrl;
  writeFileSync(file, JSON.stringify(scale));
  let env = loadEnvironmentFile(file);
  const out = join(dir, 'out');
  const moto = await startMoto(env.accountId as string);
  let counter: RequestCounter | undefined;
  try {
    counter = await startRequestCounter(moto.endpoint);
    const ci = ciRunner(file, out, env.region, moto.endpoint, `n=${size}`);
    /** Emulator overrides for the stacks a `synth --tenant` just wrote. */
    const overrides = (stacks: readonly string[]) => {
      for (const stack of stacks) {
        const json = JSON.parse(readFileSync(join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
        const state = stateLocation(env, tenantOfStack(env, stack));
        if (state === undefined) throw new StepError(`n=${size}: ${stack} has no remote state`);
        writeFileSync(
          join(out, 'stacks', stack, OVERRIDE_FILE),
          JSON.stringify(rehearsalOverride(json, { endpoint: moto.endpoint, state })),
        );
      }
    };
    await ci('bootstrap', 'bootstrap');
    await dropStateBucketPolicy(moto.endpoint, stateLocation(env) as { bucket: string; region: string });

    // The platform and one tenant for real; the platform's deploy record makes the next onboarding leave it out.
    const started = performance.now();
    await ci('synth', `synth --tenant ${FIRST}`, ['--tenant', FIRST]);
    overrides([env.environment, tenantStackName(env.environment, FIRST)]);
    await ci('deploy', `deploy --tenant ${FIRST}`, ['--tenant', FIRST]);
    const states = await seedTenantStates(env, moto.endpoint);
    await seedIssuerIndex(env, moto.endpoint);
    log(
      `platform and ${FIRST} applied, ${states} tenant states and the issuer index seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );

    writeFileSync(file, JSON.stringify(addTenant(JSON.parse(readFileSync(file, 'utf8')))));
    env = loadEnvironmentFile(file);
    const added = env.tenants.at(-1)?.id as string;
    const synthStart = performance.now();
    const synth = await ci('synth', `synth --tenant ${added}`, ['--tenant', added]);
    const synthSeconds = (performance.now() - synthStart) / 1000;
    if (!/synthesized 1 tenant stacks of \S+ \(only --tenant /.test(synth))
      throw new StepError(`n=${size}: synth --tenant built more than the new tenant:\n${synth}`);
    overrides([env.environment, tenantStackName(env.environment, added)]);
    counter.reset();
    const deployStart = performance.now();
    const deployed = await ci('deploy', `deploy --tenant ${added}`, ['--tenant', added], counter.endpoint);
    const deploySeconds = (performance.now() - deployStart) / 1000;
    if (!/unchanged since its deploy of .*, not planned/.test(deployed))
      throw new StepError(`n=${size}: deploy --tenant planned the platform:\n${deployed.slice(-1500)}`);
    const index = /issuer index: [^\n]*/.exec(deployed)?.[0] ?? '';
    if (!index.includes('(added the pools of '))
      throw new StepError(
        `n=${size}: deploy --tenant did not add to the issuer index:\n${deployed.slice(-1500)}`,
      );
    const toolCalls = Object.fromEntries(counter.counts());
    const toolSsmReads = ssmReads(counter.counts());
    log(
      `onboarded ${added}: synth ${synthSeconds.toFixed(1)} s, deploy ${deploySeconds.toFixed(1)} s, ${toolSsmReads} SSM reads by the tool; ${index}`,
    );
    return { tenants: size, synthSeconds, deploySeconds, toolCalls, toolSsmReads, index };
  } finally {
    await counter?.stop();
    await moto.stop();
  }
}
