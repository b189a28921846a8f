import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ARTIFACTS_DIR_VARIABLE } from '../../src/artifacts';
import { type ChildRun, runChild } from '../support/child-run';
import { INFRA_DIR } from '../support/synth-cli';
import { synthRecord } from '../support/synthesized';
import { expectSuccess, terraform, terraformSetup } from '../support/terraform';

const work = mkdtempSync(join(tmpdir(), 'ct-infra-hcl-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cdktfSynthHcl(outdir: string): Promise<ChildRun> {
  const cli = createRequire(join(INFRA_DIR, 'package.json')).resolve('cdktf-cli/bundle/bin/cdktf');
  const { NODE_OPTIONS: _jest, ...env } = process.env;
  return runChild(process.execPath, [cli, 'synth', '--hcl', '--output', outdir], {
    cwd: INFRA_DIR,
    env: { ...env, [ARTIFACTS_DIR_VARIABLE]: synthRecord().artifactsDir, CHECKPOINT_DISABLE: '1', CI: '1' },
  });
}

describe('the way out of CDKTF', () => {
  it('`cdktf synth --hcl` writes HCL that Terraform validates on its own', async () => {
    const out = join(work, 'out');
    const synth = await cdktfSynthHcl(out);
    if (synth.status !== 0) throw new Error(`cdktf synth --hcl failed:\n${synth.stdout}\n${synth.stderr}`);
    const dir = join(out, 'stacks', 'dev');
    const hcl = readFileSync(join(dir, 'cdk.tf'), 'utf8');
    expect(hcl).toMatch(/^resource "aws_cognito_user_pool" /m);
    expect(hcl).toContain('jsonencode(');
    const setup = terraformSetup(join(work, 'terraform-config'));
    expectSuccess(await terraform(setup, dir, ['init', '-backend=false', '-input=false']), 'terraform init');
    const validate = expectSuccess(await terraform(setup, dir, ['validate', '-json']), 'terraform validate');
    expect(JSON.parse(validate.stdout)).toMatchObject({ valid: true, error_count: 0 });
  }, 180_000);
});
