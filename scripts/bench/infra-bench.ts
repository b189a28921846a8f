/**
 * Section 5: infra at 10, 100 and 1,000 generated tenants (infra's own scale generator:
 * 70% dedicated pools, 30% in the shared pool). Synth is timed as `pnpm synth` runs it (a
 * fresh `node --import tsx src/main.ts` process, wall time), then `terraform init` and
 * `terraform validate` run offline with the local provider mirror. The 10-tenant run is
 * the baseline for the scaling ratios.
 */
import { spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { artifactPath } from '../../infra/src/artifacts';
import { LAMBDA_FUNCTIONS } from '../../infra/src/lambda-functions';
import { findProviderMirror, writeCliConfig } from '../../infra/src/terraform-cli-config';
import { writeScaleEnvironment } from '../../infra/tests/support/scale-environment';
import { median } from './measure';

export interface InfraRow {
  readonly tenants: number;
  readonly resources: number;
  /** Median wall seconds of the synth process. */
  readonly synthSeconds: number;
  readonly initSeconds: number | undefined;
  readonly validateSeconds: number | undefined;
  readonly runs: number;
  /**
   * Median wall seconds of the synth `deploy --tenant` runs (issue #21): the same tenants in
   * the tenant-stacks layout, `--tenant` one dedicated tenant. Undefined when not measured.
   */
  readonly onboardingSynthSeconds?: number;
}

export interface InfraResults {
  readonly rows: readonly InfraRow[];
  /** Why terraform was not run, or why some sizes were left out. */
  readonly notes: readonly string[];
}

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  /** stdout and stderr. */
  readonly output: string;
  readonly seconds: number;
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', fail);
    child.on('close', (status) =>
      done({ status, stdout, output, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

function findTerraform(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'terraform');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** The line of a failed run's output that says what went wrong (an error line, else the last line). */
export function errorLine(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at ') && !/^Node\.js v/.test(line));
  return (
    lines.find((line) => /^(\w*Error\b|Error:|error:|│ Error)/.test(line)) ?? lines.at(-1) ?? '(no output)'
  );
}

function check(result: Run, what: string): Run {
  if (result.status !== 0)
    throw new Error(`${what} failed (exit ${result.status}): ${errorLine(result.output)}`);
  return result;
}

function resourceCount(stackDir: string): number {
  const stack = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as {
    resource?: Record<string, Record<string, unknown>>;
  };
  return Object.values(stack.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
}

interface Context {
  readonly root: string;
  readonly work: string;
  readonly synthEnv: NodeJS.ProcessEnv;
  /** Terraform binary and environment, when terraform and the provider mirror are present. */
  readonly terraform: { readonly binary: string; readonly env: NodeJS.ProcessEnv } | undefined;
  readonly progress: (line: string) => void;
}

/** The tenant `deploy --tenant` onboards in the bench: dedicated (t0000..t0002 are shared). */
export const ONBOARDED_TENANT = 't0003';
/** Onboarding synths per size: about a second each, and the ratio needs a steady median. */
const ONBOARDING_RUNS = 3;

/** Wall seconds of one `node --import tsx src/main.ts <args>` synth. */
async function timeSynth(ctx: Context, args: readonly string[]): Promise<number> {
  const argv = ['--disable-warning=DEP0044', '--import', 'tsx', 'src/main.ts', ...args];
  return check(await run(process.execPath, argv, join(ctx.root, 'infra'), ctx.synthEnv), 'synth').seconds;
}

/** Median seconds of the synth `deploy --tenant` runs at this size (tenant-stacks layout). */
async function measureOnboardingSynth(ctx: Context, tenants: number): Promise<number> {
  const file = writeScaleEnvironment(join(ctx.work, `stacks-env-${tenants}`), tenants, {
    tenantStacks: true,
  });
  const times: number[] = [];
  for (let i = 0; i < ONBOARDING_RUNS; i++) {
    ctx.progress(
      `infra: synth for deploy --tenant at ${tenants} tenant stacks (${i + 1}/${ONBOARDING_RUNS})`,
    );
    const out = join(ctx.work, `stacks-out-${tenants}-${i}`);
    times.push(await timeSynth(ctx, [file, '--out', out, '--tenant', ONBOARDED_TENANT]));
    rmSync(out, { recursive: true, force: true });
  }
  return median(times);
}

/** Synthesizes `tenants` tenants `runs` times, then inits and validates the last stack. */
async function measureSize(ctx: Context, tenants: number, runs: number): Promise<InfraRow> {
  const file = writeScaleEnvironment(join(ctx.work, `env-${tenants}`), tenants);
  const synthTimes: number[] = [];
  let stackDir = '';
  for (let i = 0; i < runs; i++) {
    ctx.progress(`infra: synth of ${tenants} tenants (${i + 1}/${runs})`);
    const out = join(ctx.work, `out-${tenants}-${i}`);
    synthTimes.push(await timeSynth(ctx, [file, '--out', out]));
    stackDir = join(out, 'stacks', 'scale');
  }
  const onboardingSynthSeconds = await measureOnboardingSynth(ctx, tenants);
  let initSeconds: number | undefined;
  let validateSeconds: number | undefined;
  const tf = ctx.terraform;
  if (tf) {
    ctx.progress(`infra: terraform init + validate of ${tenants} tenants`);
    const initArgs = ['init', '-backend=false', '-input=false', '-no-color'];
    initSeconds = check(await run(tf.binary, initArgs, stackDir, tf.env), 'terraform init').seconds;
    const validate = check(
      await run(tf.binary, ['validate', '-json', '-no-color'], stackDir, tf.env),
      'terraform validate',
    );
    if (JSON.parse(validate.stdout).valid !== true) throw new Error('terraform validate: not valid');
    validateSeconds = validate.seconds;
  }
  return {
    tenants,
    resources: resourceCount(stackDir),
    synthSeconds: median(synthTimes),
    initSeconds,
    validateSeconds,
    runs,
    onboardingSynthSeconds,
  };
}

/** Runs section 5 for `sizes`, synthesizing each size `runsFor(size)` times. */
export async function benchInfra(
  root: string,
  sizes: readonly number[],
  runsFor: (tenants: number) => number,
  progress: (line: string) => void,
): Promise<InfraResults> {
  const notes: string[] = [];
  const work = mkdtempSync(join(tmpdir(), 'ct-bench-infra-'));
  try {
    // Private copies of the zips: synth hashes them, and a concurrent `pnpm build` empties dist/.
    const artifacts = join(work, 'artifacts');
    for (const name of LAMBDA_FUNCTIONS) {
      const target = artifactPath(artifacts, name);
      mkdirSync(join(target, '..'), { recursive: true });
      const built = artifactPath(join(root, 'packages'), name);
      if (existsSync(built)) copyFileSync(built, target);
      else {
        // Synth only hashes the zip: a Lambda not built yet must not stop the infra timings.
        writeFileSync(target, '');
        notes.push(`${name}: no zip at ${relative(root, built)}; synthesized with an empty placeholder`);
      }
    }
    const binary = findTerraform();
    const mirror = findProviderMirror(process.env);
    if (!binary) notes.push('terraform is not on PATH: validate was not timed');
    if (!mirror) notes.push('no local provider mirror (/opt/tf-plugins): validate was not timed');
    const cliConfig = writeCliConfig(join(work, 'terraform-config'), mirror);
    const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
    const tfEnv = {
      ...process.env,
      TF_CLI_CONFIG_FILE: cliConfig,
      TF_IN_AUTOMATION: '1',
      CHECKPOINT_DISABLE: '1',
      TF_INPUT: '0',
    };
    const ctx: Context = {
      root,
      work,
      synthEnv: { ...inherited, COGNITO_TENANCY_ARTIFACTS_DIR: artifacts },
      terraform: binary && mirror ? { binary, env: tfEnv } : undefined,
      progress,
    };
    const rows: InfraRow[] = [];
    for (const tenants of sizes) {
      try {
        rows.push(await measureSize(ctx, tenants, runsFor(tenants)));
      } catch (error) {
        // A broken synth or validate is reported, not fatal: the other sections still stand.
        const first = error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
        notes.push(`${tenants} tenants not measured: ${first}`);
      }
    }
    return { rows, notes };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
