import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { type StackJson, stack, stackDir, synthRecord } from '../support/synthesized';
import { expectSuccess, planOverride, terraform, terraformSetup } from '../support/terraform';

const ENVIRONMENTS = synthRecord().environments;

function resourceCount(s: StackJson): number {
  return Object.values(s.resource).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
}

/** Data sources are read during plan; with placeholder credentials they would call AWS. */
function awsLookups(s: StackJson): string[] {
  return Object.keys(s.data ?? {});
}

describe.each(ENVIRONMENTS)('terraform on the %s stack', (environment) => {
  it('initialises offline from the provider mirror, validates, and plans without calling AWS', async () => {
    const dir = stackDir(environment);
    const setup = terraformSetup(join(dir, '..', '..', `terraform-config-${environment}`));
    const init = expectSuccess(
      await terraform(setup, dir, ['init', '-backend=false', '-input=false']),
      'terraform init -backend=false',
    );
    const validate = expectSuccess(await terraform(setup, dir, ['validate', '-json']), 'terraform validate');
    const result = JSON.parse(validate.stdout) as {
      valid: boolean;
      error_count: number;
      diagnostics: unknown[];
    };
    expect(result).toMatchObject({ valid: true, error_count: 0 });

    const s = stack(environment);
    const timings = [`init ${init.seconds.toFixed(1)} s`, `validate ${validate.seconds.toFixed(1)} s`];
    if (awsLookups(s).length === 0) {
      const override = join(dir, 'zz_plan_override.tf.json');
      const aliases = s.provider.aws.flatMap((p) => (typeof p.alias === 'string' ? [p.alias] : []));
      writeFileSync(override, JSON.stringify(planOverride(aliases)));
      try {
        expectSuccess(
          await terraform(setup, dir, ['init', '-input=false', '-reconfigure']),
          'terraform init (plan)',
        );
        const plan = expectSuccess(
          await terraform(setup, dir, ['plan', '-input=false', '-lock=false', '-refresh=false']),
          'terraform plan',
        );
        expect(plan.stdout).toContain(`Plan: ${resourceCount(s)} to add, 0 to change, 0 to destroy.`);
        timings.push(`plan ${plan.seconds.toFixed(1)} s`);
      } finally {
        rmSync(override, { force: true });
      }
    } else {
      // Without accountId in the file the stack looks up the caller identity: plan would call STS.
      expect(awsLookups(s)).toEqual(['aws_caller_identity']);
      timings.push('plan skipped (no accountId in the file: the caller identity lookup needs AWS)');
    }
    console.log(`terraform ${environment}: ${resourceCount(s)} resources; ${timings.join(', ')}`);
  }, 180_000);
});
