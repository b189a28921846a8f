import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ARTIFACTS_DIR_VARIABLE } from '../../src/artifacts';
import { writeScaleEnvironment } from '../support/scale-environment';
import { runSynth } from '../support/synth-cli';
import { resources, type StackJson, synthRecord } from '../support/synthesized';
import { expectSuccess, terraform, terraformSetup } from '../support/terraform';

const TENANTS = 1000;
const work = mkdtempSync(join(tmpdir(), 'ct-infra-scale-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe(`an environment of ${TENANTS} tenants`, () => {
  it('synthesizes and validates, within the per-function and per-account limits', async () => {
    const file = writeScaleEnvironment(join(work, 'env'), TENANTS);
    const out = join(work, 'out');
    const synth = await runSynth([file, '--out', out], {
      [ARTIFACTS_DIR_VARIABLE]: synthRecord().artifactsDir,
    });
    if (synth.status !== 0) throw new Error(`synth failed:\n${synth.stderr}`);
    const dir = join(out, 'stacks', 'scale');
    const s = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')) as StackJson;
    const count = Object.values(s.resource).reduce((sum, byName) => sum + Object.keys(byName).length, 0);

    expect(resources(s, 'aws_cognito_user_pool')).toHaveLength(701);
    expect(resources(s, 'aws_cognito_identity_provider')).toHaveLength(TENANTS);
    // Hosts, issuer records, shared IdPs, and the issuer index (100 pool ids per shard).
    expect(resources(s, 'aws_ssm_parameter')).toHaveLength(700 + 701 + 300 + Math.ceil(701 / 100));
    // Per tenant: its email domain items (two), its IdP or pool claims item, its TENANT# item.
    expect(resources(s, 'aws_dynamodb_table_item')).toHaveLength(2 * TENANTS + TENANTS + TENANTS);
    // One account-scoped grant, as with one pool (701 per-pool statements would break the 20 KB policy).
    const triggers = resources(s, 'aws_lambda_permission').filter(
      ([, p]) => p.principal === 'cognito-idp.amazonaws.com',
    );
    expect(triggers.map(([, p]) => [p.source_arn, p.source_account])).toEqual([
      ['arn:aws:cognito-idp:eu-west-1:444444444444:userpool/*', '444444444444'],
    ]);
    // No pinned pool ids (701 would overflow the 4 KB Lambda environment): the registry decides.
    const [, authorizer] = resources(s, 'aws_lambda_function').find(
      ([, f]) => f.function_name === 'ct-scale-authorizer',
    )!;
    expect(authorizer.environment.variables.TRUSTED_USER_POOL_IDS).toBeUndefined();
    // This account's pools, as with one pool (701 ARNs would overflow the inline role policy).
    const signOutPolicy = resources(s, 'aws_iam_role_policy')
      .map(([, p]) => JSON.parse(p.policy) as { Statement: { Sid: string; Resource: string[] }[] })
      .flatMap((p) => p.Statement)
      .find((statement) => statement.Sid === 'SignOutPoolUsers');
    expect(signOutPolicy?.Resource).toEqual(['arn:aws:cognito-idp:eu-west-1:444444444444:userpool/*']);

    const setup = terraformSetup(join(work, 'terraform-config'));
    const init = expectSuccess(
      await terraform(setup, dir, ['init', '-backend=false', '-input=false']),
      'init',
    );
    const validate = expectSuccess(await terraform(setup, dir, ['validate', '-json']), 'validate');
    expect(JSON.parse(validate.stdout)).toMatchObject({ valid: true, error_count: 0 });
    console.log(
      `scale: ${TENANTS} tenants, ${count} resources: synth ${synth.seconds.toFixed(1)} s, ` +
        `terraform init ${init.seconds.toFixed(1)} s, validate ${validate.seconds.toFixed(1)} s`,
    );
  }, 300_000);
});
