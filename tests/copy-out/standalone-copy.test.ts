/**
 * `pnpm copy-out` proven for every Lambda: each is copied to a temporary folder outside the
 * workspace, installed there offline from the workspace's pnpm store, typechecked, its unit
 * tests run and its zip built, all with the copy's own scripts; the emitted Terraform JSON
 * passes `terraform init` + `validate` against the offline provider mirror.
 *
 * The six copies run two at a time (this machine has two cores) from one pool started
 * before the first test, and each test waits for its own Lambda's result.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { findLambdaPackages } from '@cognito-tenancy/build/lambda-packages';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { findProviderMirror, writeCliConfig } from '../../infra/src/terraform-cli-config';

const ROOT = realpathSync(join(import.meta.dirname, '..', '..'));
const LAMBDAS = findLambdaPackages(ROOT).map((p) => p.name);
const PARALLEL = 2;

interface Run {
  readonly code: number | null;
  readonly output: string;
  readonly seconds: number;
}

function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, CI: '1', NODE_OPTIONS: '', ...env },
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
    child.on('close', (code) => resolve({ code, output, seconds: (Date.now() - started) / 1000 }));
  });
}

/** pnpm as the workspace runs it: the same binary that started this test run, else PATH. */
function pnpm(args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<Run> {
  const execPath = process.env.npm_execpath;
  return execPath?.includes('pnpm')
    ? run(process.execPath, [execPath, ...args], cwd, env)
    : run('pnpm', args, cwd, env);
}

interface Steps {
  readonly dir: string;
  readonly steps: Readonly<Record<string, Run>>;
}

let temp: string;
let store: string;
let cliConfig: string;
const results = new Map<string, Promise<Steps>>();

async function copyAndProve(name: string): Promise<Steps> {
  const dir = join(temp, name);
  const steps: Record<string, Run> = {};
  const step = async (label: string, make: () => Promise<Run>): Promise<boolean> => {
    steps[label] = await make();
    return steps[label].code === 0;
  };
  const tf = (args: string[]) =>
    run('terraform', [...args, '-no-color'], join(dir, 'terraform'), {
      TF_CLI_CONFIG_FILE: cliConfig,
      TF_IN_AUTOMATION: '1',
      CHECKPOINT_DISABLE: '1',
      TF_INPUT: '0',
    });
  // Each step runs only when the one before it passed; the first failure is reported.
  (await step('copy-out', () =>
    run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'copy-out', 'main.ts'), name, dir], ROOT),
  )) &&
    (await step('install', () => pnpm(['install', '--offline', '--store-dir', store], dir))) &&
    (await step('typecheck', () => pnpm(['run', 'typecheck'], dir))) &&
    (await step('test', () => pnpm(['run', 'test', '--maxWorkers=1'], dir))) &&
    (await step('build', () => pnpm(['run', 'build'], dir))) &&
    (await step('terraform init', () => tf(['init', '-backend=false']))) &&
    (await step('terraform validate', () => tf(['validate'])));
  return { dir, steps };
}

function failure(steps: Steps): string {
  const failed = Object.entries(steps.steps).find(([, r]) => r.code !== 0);
  return failed === undefined
    ? ''
    : `${failed[0]} exited ${failed[1].code}:\n${failed[1].output.slice(-4000)}`;
}

beforeAll(async () => {
  temp = realpathSync(mkdtempSync(join(tmpdir(), 'ct-copy-out-')));
  if (!relative(ROOT, temp).startsWith('..'))
    throw new Error(`${temp} is inside the workspace; set TMPDIR elsewhere`);
  const mirror = findProviderMirror(process.env);
  if (mirror === undefined)
    throw new Error('no Terraform provider mirror (see infra/src/terraform-cli-config.ts)');
  cliConfig = writeCliConfig(join(temp, '.terraform-cli'), mirror);
  const storePath = await pnpm(['store', 'path'], ROOT);
  if (storePath.code !== 0) throw new Error(`pnpm store path failed: ${storePath.output}`);
  store = storePath.output.trim().split('\n').at(-1) as string;
  // A pool of PARALLEL lanes over the Lambdas, in order.
  const queue = [...LAMBDAS];
  const settle = new Map<string, (steps: Steps) => void>();
  for (const name of LAMBDAS) results.set(name, new Promise((resolve) => settle.set(name, resolve)));
  const lane = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      settle.get(name)?.(await copyAndProve(name));
    }
  };
  for (let i = 0; i < PARALLEL; i += 1) void lane();
}, 60_000);

afterAll(() => {
  if (temp !== undefined) rmSync(temp, { recursive: true, force: true });
});

describe('pnpm copy-out', () => {
  it('knows the six Lambdas from their manifests', () => {
    expect(LAMBDAS).toEqual(
      expect.arrayContaining([
        'authorizer',
        'config-resolver',
        'pets',
        'pre-token-gen',
        'sign-out',
        'tenant-match',
      ]),
    );
  });

  it.each(LAMBDAS)(
    'copies %s so it installs offline, typechecks, passes its unit tests, builds and validates outside the workspace',
    async (name) => {
      const result = (await results.get(name)) as Steps;
      expect(failure(result)).toBe('');
      const { dir, steps } = result;
      // Standalone: no workspace protocol or catalog left, no tsconfig reaching outside.
      const manifest = readFileSync(join(dir, 'package.json'), 'utf8');
      expect(manifest).not.toMatch(/catalog:|workspace:/);
      expect(readFileSync(join(dir, 'tsconfig.json'), 'utf8')).not.toContain('extends');
      expect(readFileSync(join(dir, 'jest.config.mjs'), 'utf8')).not.toMatch(/\.\.\//);
      // The unit tests really ran, and the zip exists.
      expect(steps.test?.output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
      expect(existsSync(join(dir, 'dist', `${name}.zip`))).toBe(true);
      expect(steps['terraform validate']?.output).toContain('The configuration is valid');
      const timing = Object.entries(steps)
        .map(([label, r]) => `${label} ${r.seconds.toFixed(1)}s`)
        .join(', ');
      process.stderr.write(`copy-out ${name}: ${timing}\n`);
    },
    900_000,
  );
});
