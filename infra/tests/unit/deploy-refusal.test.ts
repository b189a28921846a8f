/**
 * The checks `deploy` makes before it plans and `diff` reports (deploy-refusal.ts), on local
 * states: the one-stack layout's leftovers come first, then tenant states no tenant owns, and a
 * damaged tenant state refuses too; a clean environment passes.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { deployRefusal } from '../../src/deploy-refusal';
import { tenantStacksEnvironment } from '../support/tenant-stacks-environment';

const state = (...types: string[]) =>
  JSON.stringify({
    version: 4,
    resources: types.map((type, i) => ({ mode: 'managed', type, name: `r${i}`, instances: [] })),
  });

/** Local states (no account): `<root>/terraform.<stack>.tfstate` beside `<root>/cdktf.out`. */
function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ct-deploy-refusal-'));
  mkdirSync(join(root, 'cdktf.out', 'stacks', 'dev'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return join(root, 'cdktf.out');
}

describe('deployRefusal', () => {
  const env = tenantStacksEnvironment(['globex']);

  it('lets a deploy run when every state belongs to the file', async () => {
    const out = workspace({
      'terraform.dev.tfstate': state('aws_cognito_user_pool', 'aws_ssm_parameter'),
      'terraform.dev--globex.tfstate': state('aws_cognito_identity_provider'),
    });
    expect(await deployRefusal(env, out)).toBeUndefined();
    expect(await deployRefusal(env, workspace({}))).toBeUndefined();
  });

  it('names migrate while the platform state holds the one-stack layout, before anything else', async () => {
    const out = workspace({
      'terraform.dev.tfstate': state('aws_cognito_identity_provider', 'aws_dynamodb_table_item'),
      'terraform.dev--hooli.tfstate': state('aws_cognito_user_pool'),
    });
    expect(await deployRefusal(env, out)).toMatch(/still holds 2 tenant resources[\s\S]*migrate dev/);
  });

  it('names retiredTenants for a tenant taken out of the file whose state is live', async () => {
    const out = workspace({
      'terraform.dev.tfstate': state('aws_cognito_user_pool'),
      'terraform.dev--hooli.tfstate': state('aws_cognito_user_pool', 'aws_cognito_identity_provider'),
    });
    expect(await deployRefusal(env, out)).toMatch(
      /hooli \(2 resources\)[\s\S]*users can still sign in[\s\S]*"retiredTenants": \["hooli"\]/,
    );
    const retired = tenantStacksEnvironment(['globex'], { retiredTenants: ['hooli'] });
    expect(await deployRefusal(retired, out)).toBeUndefined();
  });

  it('refuses when an unlisted tenant state is damaged, instead of counting it empty', async () => {
    const out = workspace({ 'terraform.dev--hooli.tfstate': '{"resources": [' });
    expect(await deployRefusal(env, out)).toMatch(
      /could not be checked[\s\S]*damaged state must be repaired/,
    );
  });
});
