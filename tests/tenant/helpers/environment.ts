/**
 * Fixture environment files in a fresh temporary directory per test (never the real
 * infra/environments), plus an in-memory CliIo that records output.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '@cognito-tenancy/tenant-tool/cli';
import type { CliIo } from '@cognito-tenancy/tenant-tool/cli-io';
import { idpMetadata } from './metadata';
import { certificateAround } from './x509';

/** The clock every test uses. */
export const NOW = new Date('2026-06-01T12:00:00Z');

export const dedicatedTenant = (over: Record<string, unknown> = {}) => ({
  id: 'acme',
  displayName: 'Acme Corp',
  pattern: 'dedicated',
  hosts: ['acme.app.example.com'],
  emailDomains: ['acme.com'],
  idp: { name: 'AcmeOkta', metadataFile: 'metadata/acme.xml' },
  groups: { allow: ['Admins'], prefixes: ['app-'], admin: 'Admins' },
  pool: { domainPrefix: 'acme-dev' },
  ...over,
});

export const sharedTenant = (over: Record<string, unknown> = {}) => ({
  id: 'globex',
  displayName: 'Globex',
  pattern: 'shared',
  hosts: ['globex.app.example.com'],
  emailDomains: ['globex.com'],
  idp: { name: 'GlobexEntra', metadataFile: 'metadata/globex.xml' },
  groups: { allow: ['Staff'], prefixes: [] },
  ...over,
});

export const environment = (tenants: unknown[], over: Record<string, unknown> = {}) => ({
  environment: 'dev',
  region: 'eu-west-1',
  sharedPool: { domainPrefix: 'shared-dev' },
  tenants,
  ...over,
});

export interface Fixture {
  readonly dir: string;
  readonly file: string;
  /** Writes `metadata/<name>` next to the environment file. */
  metadata(name: string, xml: string | Buffer): string;
}

/** A temp dir holding `dev.json` (written as Biome would format it unless `text` is given). */
export function fixture(env: unknown, text?: string): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'tenant-'));
  mkdirSync(join(dir, 'metadata'));
  const file = join(dir, 'dev.json');
  writeFileSync(file, text ?? `${JSON.stringify(env, null, 2)}\n`);
  return {
    dir,
    file,
    metadata(name, xml) {
      const path = join(dir, 'metadata', name);
      writeFileSync(path, xml);
      return path;
    },
  };
}

/** Valid metadata with a signing certificate good for a year from {@link NOW}. */
export function goodMetadata(entityId = 'https://idp.example.com/entity'): string {
  return idpMetadata({ entityId, certificates: [certificateAround(NOW, -30, 365).base64] });
}

/** A fixture with acme (dedicated) and globex (shared), both with valid metadata files. */
export function twoTenantFixture(): Fixture {
  const fx = fixture(environment([dedicatedTenant(), sharedTenant()]));
  fx.metadata('acme.xml', goodMetadata('http://www.okta.com/acme'));
  fx.metadata('globex.xml', goodMetadata('https://sts.windows.net/globex/'));
  return fx;
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly tty?: boolean;
  /** Lines typed at the prompts. */
  readonly input?: readonly string[];
  readonly fetchMetadata?: CliIo['fetchMetadata'];
  readonly now?: Date;
}

/** Runs `tenant <argv>` in-process. */
export async function run(argv: readonly string[], options: RunOptions = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  if (options.input) stdin.end(`${options.input.join('\n')}\n`);
  else stdin.end();
  const code = await runCli(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    stdin,
    stdinIsTTY: options.tty ?? false,
    cwd: options.cwd ?? tmpdir(),
    root: join(tmpdir(), 'no-repo-root'),
    now: () => options.now ?? NOW,
    fetchMetadata:
      options.fetchMetadata ??
      (() => {
        throw new Error('no network in tests: pass fetchMetadata');
      }),
  });
  return { code, stdout, stderr };
}
