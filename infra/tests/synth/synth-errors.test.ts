import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ARTIFACTS_DIR_VARIABLE, artifactPath } from '../../src/artifacts';
import { ENVIRONMENTS_DIR } from '../../src/environments';
import { createArtifactsFixture } from '../support/artifacts-fixture';
import { runSynth, type SynthRun } from '../support/synth-cli';

const work = mkdtempSync(join(tmpdir(), 'ct-infra-errors-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const dev = JSON.parse(readFileSync(join(ENVIRONMENTS_DIR, 'dev.json'), 'utf8'));
const fullArtifacts = createArtifactsFixture(join(work, 'artifacts'));
const partialArtifacts = createArtifactsFixture(join(work, 'partial'), ['config-resolver', 'tenant-match']);

function writeEnv(name: string, content: unknown): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'env.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

const duplicateHost = writeEnv('duplicate', {
  ...dev,
  tenants: [dev.tenants[0], { ...dev.tenants[1], hosts: [dev.tenants[0].hosts[0].toUpperCase()] }],
});
// A real metadata file, but outside the directory of the environment file that names it.
const outside = relative(join(work, 'escaping'), join(ENVIRONMENTS_DIR, 'metadata', 'initech-adfs.xml'));
const escapingMetadata = writeEnv('escaping', {
  ...dev,
  tenants: [{ ...dev.tenants[1], idp: { name: 'InitechADFS', metadataFile: outside } }],
});

const longDomain = `${'a'.repeat(33)}.example`;
const longDomainEnv = writeEnv('long-domain', {
  ...dev,
  tenants: [{ ...dev.tenants[0], emailDomains: ['acme.example', longDomain] }],
});

// The runs are independent: start them together, assert on each.
const runs = Promise.all([
  runSynth(['dev', '--out', join(work, 'out-missing')], { [ARTIFACTS_DIR_VARIABLE]: partialArtifacts }),
  runSynth([duplicateHost, '--out', join(work, 'out-dup')], { [ARTIFACTS_DIR_VARIABLE]: fullArtifacts }),
  runSynth([escapingMetadata, '--out', join(work, 'out-esc')], { [ARTIFACTS_DIR_VARIABLE]: fullArtifacts }),
  runSynth([longDomainEnv, '--out', join(work, 'out-long')], { [ARTIFACTS_DIR_VARIABLE]: fullArtifacts }),
]).then(([missing, duplicate, escaping, long]) => ({ missing, duplicate, escaping, long }));

const noStackTrace = (run: SynthRun) => expect(run.stderr).not.toMatch(/^\s+at /m);

describe('synth refuses to produce a stack', () => {
  it('when a Lambda zip is missing, naming every missing zip and the build command', async () => {
    const { missing } = await runs;
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(artifactPath(partialArtifacts, 'authorizer'));
    expect(missing.stderr).toContain(artifactPath(partialArtifacts, 'pre-token-gen'));
    expect(missing.stderr).not.toContain(artifactPath(partialArtifacts, 'tenant-match'));
    expect(missing.stderr).toContain('Run `./scripts/pnpmw build`');
    noStackTrace(missing);
  }, 60_000);

  it('when two tenants claim one host, naming the file, both tenants and the field', async () => {
    const { duplicate } = await runs;
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toContain(duplicateHost);
    expect(duplicate.stderr).toContain(
      "tenants[1] (tenant 'initech'): host 'acme.dev.example.com' is already used by tenants[0] (tenant 'acme')",
    );
    noStackTrace(duplicate);
  }, 60_000);

  it('when a metadata file points outside the environment directory', async () => {
    const { escaping } = await runs;
    expect(escaping.status).toBe(1);
    expect(escaping.stderr).toContain(
      `${escapingMetadata}: tenant 'initech' idp.metadataFile '${outside}': must be inside the environment file's directory`,
    );
    noStackTrace(escaping);
  }, 60_000);
});

describe('synth warns and goes on', () => {
  it('when an email domain is too long to be an IdP identifier', async () => {
    const { long } = await runs;
    expect(long.status).toBe(0);
    expect(long.stderr).toContain(
      `warning: ${longDomainEnv}: tenant 'acme': email domain '${longDomain}' is longer than 40 characters`,
    );
    const synthesized = JSON.parse(
      readFileSync(join(work, 'out-long', 'stacks', 'dev', 'cdk.tf.json'), 'utf8'),
    );
    const idps = Object.values(synthesized.resource.aws_cognito_identity_provider) as {
      idp_identifiers: string[];
    }[];
    expect(idps.map((idp) => idp.idp_identifiers)).toEqual([['acme.example']]);
  }, 60_000);
});
