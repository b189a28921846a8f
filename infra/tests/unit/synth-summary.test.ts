import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ENVIRONMENTS_DIR, loadEnvironments } from '../../src/environments';
import { isPlaceholderAccount, synthSummary } from '../../src/synth-summary';

const [dev, demo] = loadEnvironments(['dev', 'demo']);
const ROOT = join(ENVIRONMENTS_DIR, '..', '..');
const options = { cwd: ROOT, environmentsDir: ENVIRONMENTS_DIR, run: './scripts/pnpmw' };
const stack = (loaded: NonNullable<typeof dev>) => ({
  loaded,
  dir: join(ROOT, 'infra', 'cdktf.out', 'stacks', loaded.environment.environment),
  resources: 42,
});

describe('synth summary', () => {
  it('recognises example account ids and no real-looking one', () => {
    expect(isPlaceholderAccount('111111111111')).toBe(true);
    expect(isPlaceholderAccount('123456789012')).toBe(true);
    expect(isPlaceholderAccount('384756102938')).toBe(false);
  });

  it('names state, account, region, tenant counts, output folder and next command of an AWS environment', () => {
    const text = synthSummary([stack(dev!)], options);
    const env = dev!.environment;
    const dedicated = env.tenants.filter((t) => t.pattern === 'dedicated').length;
    expect(text).toContain('dev (infra/environments/dev.json)');
    expect(text).toContain(`region     ${env.region}`);
    expect(text).toContain(
      `tenants    ${env.tenants.length} (${dedicated} dedicated, ${env.tenants.length - dedicated} shared)`,
    );
    expect(text).toContain('output     infra/cdktf.out/stacks/dev');
    expect(text).toMatch(/state {6}s3:\/\/\S+\/cognito-tenancy\/dev\/terraform\.tfstate/);
    // dev.json ships the placeholder account.
    expect(text).toContain('111111111111  <- a placeholder: set "accountId" in infra/environments/dev.json');
    expect(text).toContain('next       set accountId, then: ./scripts/pnpmw run diff dev');
  });

  it('says a local environment keeps local state and is run with start', () => {
    const text = synthSummary([stack(demo!)], options);
    expect(text).toContain('state      local (terraform.demo.tfstate in infra/)');
    expect(text).toContain('next       ./scripts/pnpmw start --env demo');
  });

  it('writes folders relative to where the command was typed', () => {
    const text = synthSummary([stack(dev!)], { ...options, cwd: join(ROOT, 'packages') });
    expect(text).toContain('output     ../infra/cdktf.out/stacks/dev');
  });
});
