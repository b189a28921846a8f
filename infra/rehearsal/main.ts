/**
 * `pnpm test:deploy`: the deploy rehearsal. For `dev` and `prod`, each against its own moto
 * server (one AWS account each), it runs the infra README's CI commands exactly
 * (`bootstrap`, `synth`, `deploy --skip-synth --auto-approve`), with the emulator settings in
 * an override file written only into the rehearsal's own output directory; then a second
 * plan must be clean (but for the gaps in gaps.ts), the deployed resources are read back and
 * checked (read-back.ts), dev gains a dedicated and a shared tenant (adds only), and both are
 * destroyed. Exit status 0 only when every step passed.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
import { PLAN_DRIFT, STATE_BUCKET_POLICY_GAP, UNSUPPORTED_RESOURCES } from './gaps';
import { type Moto, startMoto } from './moto';
import { FAKE_CREDENTIALS, OVERRIDE_FILE, rehearsalOverride } from './override';
import { readBack } from './read-back';
import { addRehearsalTenants } from './tenants';

const REPO = resolve(import.meta.dirname, '..', '..');
const INFRA = ['--filter', '@cognito-tenancy/infra', 'run'];

class StepError extends Error {}

const T0 = performance.now();

function log(environment: string, message: string): void {
  const seconds = ((performance.now() - T0) / 1000).toFixed(0).padStart(3);
  process.stdout.write(`${seconds} s [${environment}] ${message}\n`);
}

/** Runs a command; output is kept and shown only when it fails. */
async function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; label: string },
): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolvePromise(output);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: cdktf colours its output
      const plain = output.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
      reject(new StepError(`${options.label} failed (exit ${code}):\n${plain.slice(-6000)}`));
    });
  });
}

interface PlannedChange {
  readonly address: string;
  readonly type: string;
  readonly actions: string[];
  readonly changed: string[];
}

/** `terraform plan` in a synthesized stack directory, as resource changes. */
async function plan(dir: string, env: NodeJS.ProcessEnv, label: string): Promise<PlannedChange[]> {
  await run('terraform', ['plan', '-input=false', '-lock-timeout=60s', '-out=rehearsal.tfplan'], {
    cwd: dir,
    env,
    label,
  });
  const json = JSON.parse(
    await run('terraform', ['show', '-json', 'rehearsal.tfplan'], { cwd: dir, env, label }),
  );
  return (json.resource_changes ?? [])
    .filter((c: { change: { actions: string[] } }) => c.change.actions.join() !== 'no-op')
    .map(
      (c: {
        address: string;
        type: string;
        change: { actions: string[]; before: object; after: object };
      }) => ({
        address: c.address,
        type: c.type,
        actions: c.change.actions,
        changed: Object.keys({ ...c.change.before, ...c.change.after }).filter(
          (key) =>
            JSON.stringify((c.change.before as Record<string, unknown>)?.[key]) !==
            JSON.stringify((c.change.after as Record<string, unknown>)?.[key]),
        ),
      }),
    );
}

/** Changes a clean second plan may still show: the documented emulator gaps only. */
function unexpectedDrift(changes: readonly PlannedChange[]): PlannedChange[] {
  return changes.filter((change) => {
    const gap = PLAN_DRIFT.find((g) => g.type === change.type);
    if (gap?.replaced && change.actions.includes('create') && change.actions.includes('delete')) return false;
    return !(
      gap !== undefined &&
      change.actions.join() === 'update' &&
      change.changed.every((key) => gap.attributes.includes(key))
    );
  });
}

interface Rehearsal {
  readonly environment: string;
  readonly resources: number[];
  readonly readBack: Record<string, number>;
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
  const processEnv: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    AWS_REGION: env.region,
    AWS_ENDPOINT_URL: moto.endpoint,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
  };
  // The README commands configure Terraform themselves (src/cdktf-cli.ts); direct plan/destroy get the same.
  const pnpm = (args: string[], label: string) =>
    run('pnpm', [...INFRA, ...args], { cwd: REPO, env: processEnv, label });
  const terraformEnv = { ...processEnv, TF_CLI_CONFIG_FILE: cliConfig };
  const resources: number[] = [];
  try {
    // The README's CI section, verbatim but for --out/--output (the rehearsal's own directory).
    const state = stateLocation(env);
    if (state === undefined) throw new StepError(`${name}: no remote state`);
    const deploy = async (label: string) => {
      const synthOutput = await pnpm(['synth', file, '--out', out], `${name}: synth (${label})`);
      resources.push(Number(/: (\d+) resources/.exec(synthOutput)?.[1] ?? 0));
      const stack = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8'));
      const override = rehearsalOverride(stack, { endpoint: moto.endpoint, state, zoneIds });
      writeFileSync(join(dir, OVERRIDE_FILE), JSON.stringify(override, null, 1));
      return stack;
    };
    const apply = (label: string) =>
      pnpm(['deploy', file, '--skip-synth', '--auto-approve', '--output', out], `${name}: deploy (${label})`);

    await pnpm(['bootstrap', file], `${name}: bootstrap`);
    // The second bootstrap (idempotent) runs beside the first synth.
    await Promise.all([pnpm(['bootstrap', file], `${name}: bootstrap (again: idempotent)`), deploy('first')]);
    await checkStateBucket(moto.endpoint, state.bucket, state.region);
    log(name, `state bucket ${state.bucket} bootstrapped twice; synthesized`);

    await apply('first');
    log(name, `applied ${resources[0]} resources`);
    const drift = unexpectedDrift(await plan(dir, terraformEnv, `${name}: second plan`));
    if (drift.length > 0) {
      throw new StepError(
        `${name}: the second plan is not clean:\n${drift.map((c) => `  ${c.actions.join('+')} ${c.address} (${c.changed.join(', ')})`).join('\n')}`,
      );
    }
    log(name, 'second plan: no changes');
    const checked = await readBack(env, moto.endpoint);
    if (checked.problems.length > 0) {
      throw new StepError(`${name}: read back:\n${checked.problems.map((p) => `  - ${p}`).join('\n')}`);
    }
    log(name, `read back: ${JSON.stringify(checked.counts)}`);

    if (name === 'dev') {
      writeFileSync(
        file,
        JSON.stringify(addRehearsalTenants(JSON.parse(readFileSync(file, 'utf8'))), null, 2),
      );
      await deploy('two tenants added');
      const changes = await plan(dir, terraformEnv, `${name}: plan with two tenants added`);
      const destructive = changes.filter((c) => c.actions.includes('delete'));
      const added = changes.filter((c) => c.actions.join() === 'create');
      if (destructive.length > 0 || added.length === 0) {
        throw new StepError(
          `${name}: adding two tenants must add resources and replace or destroy none; plan: ${added.length} to add, ` +
            `destroying/replacing ${destructive.map((c) => c.address).join(', ') || 'none'}`,
        );
      }
      await apply('two tenants added');
      const again = await readBack(loadEnvironmentFile(file), moto.endpoint);
      if (again.problems.length > 0) {
        throw new StepError(
          `${name}: read back after adding tenants:\n${again.problems.map((p) => `  - ${p}`).join('\n')}`,
        );
      }
      log(name, `two tenants added: ${added.length} resources added, none replaced or destroyed`);
    }

    // Removal is documented as: turn deletion protection off in a deploy, then destroy.
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    if (raw.deletionProtection !== false) {
      writeFileSync(file, JSON.stringify({ ...raw, deletionProtection: false }, null, 2));
      await deploy('deletion protection off');
      await apply('deletion protection off');
    }
    await run('terraform', ['destroy', '-auto-approve', '-input=false', '-lock-timeout=60s'], {
      cwd: dir,
      env: terraformEnv,
      label: `${name}: destroy`,
    });
    log(name, 'destroyed');
    return { environment: name, resources, readBack: checked.counts };
  } finally {
    await moto.stop();
  }
}

/**
 * A file with `hosting.certificate.route53ZoneId` needs that zone (a prerequisite in the real
 * account): the rehearsal creates one in the emulator and maps the file's id to it in the
 * override (moto draws its own ids, which the schema's `Z...` form would refuse in the file).
 */
async function createHostedZone(env: ResolvedEnvironment, endpoint: string): Promise<Record<string, string>> {
  const certificate = env.hosting?.certificate;
  if (certificate === undefined || !('route53ZoneId' in certificate) || !certificate.route53ZoneId) return {};
  const body =
    '<?xml version="1.0" encoding="UTF-8"?><CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">' +
    `<Name>example.com.</Name><CallerReference>rehearsal-${Date.now()}</CallerReference></CreateHostedZoneRequest>`;
  const response = await fetch(`${endpoint}/2013-04-01/hostedzone`, {
    method: 'POST',
    body,
    // moto picks the service from the credential scope and the protocol from the content type.
    headers: {
      'content-type': 'text/xml',
      authorization: `AWS4-HMAC-SHA256 Credential=${FAKE_CREDENTIALS.accessKeyId}/20260101/us-east-1/route53/aws4_request, SignedHeaders=host, Signature=0`,
    },
  });
  const id = /<Id>\/hostedzone\/([^<]+)<\/Id>/.exec(await response.text())?.[1];
  if (!response.ok || id === undefined)
    throw new StepError(`creating the Route 53 zone in moto: ${response.status}`);
  return { [certificate.route53ZoneId]: id };
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

async function main(): Promise<void> {
  const started = performance.now();
  const workdir = mkdtempSync(join(tmpdir(), 'ct-rehearsal-'));
  try {
    await run('pnpm', ['run', 'build'], { cwd: REPO, env: process.env, label: 'pnpm run build' });
    log('all', 'pnpm run build');
    // Copies of the files (and their metadata), so the rehearsal can edit them.
    cpSync(ENVIRONMENTS_DIR, join(workdir, 'environments'), { recursive: true });
    const cliConfig = writeCliConfig(join(workdir, 'terraform-cli'), findProviderMirror(process.env));
    const results = await Promise.allSettled(
      ['dev', 'prod'].map((name) => rehearse(name, workdir, cliConfig)),
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    for (const failure of failures) process.stderr.write(`\n${failure.message}\n`);
    process.stdout.write('\nemulator gaps (infra/rehearsal/gaps.ts):\n');
    for (const gap of UNSUPPORTED_RESOURCES) process.stdout.write(`  - ${gap.type}: ${gap.reason}\n`);
    process.stdout.write(`  - state bucket policy: ${STATE_BUCKET_POLICY_GAP}\n`);
    for (const gap of PLAN_DRIFT)
      process.stdout.write(`  - ${gap.type} (${gap.attributes.join(', ')}): ${gap.reason}\n`);
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
