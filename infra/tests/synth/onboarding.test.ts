/**
 * Issue #21's first requirement, on the synthesized stack: adding a tenant creates that
 * tenant's resources and changes no platform resource. Each environment file is synthesized
 * as it is and with one dedicated and one shared tenant added; every resource of the first
 * must come out of the second with the same JSON, except the couplings of
 * `rehearsal/couplings.ts` (each with its reason, removed by the slice of #21 that cuts it;
 * the deploy rehearsal checks its tenant round's plan against the same list).
 */
import { describe, expect, it } from '@jest/globals';
import { coreCouplings, couplingsOf } from '../../rehearsal/couplings';
import { resourceNames } from '../../src/names';
import { type RawEnvironment, withNewTenants } from '../support/new-tenants';
import { type Body, type StackJson, synthRecord } from '../support/synthesized';
import { rawEnvironment, synthVariant } from '../support/variant-stack';

/** Every resource as `type.name` -> [type, body]. */
function byAddress(s: StackJson): Map<string, [string, Body]> {
  const out = new Map<string, [string, Body]>();
  for (const [type, byName] of Object.entries(s.resource)) {
    for (const [name, body] of Object.entries(byName)) out.set(`${type}.${name}`, [type, body]);
  }
  return out;
}

/** Top-level attributes whose JSON differs. */
function changedAttributes(before: Body, after: Body): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).sort();
}

const environments = synthRecord().environments;

describe.each(environments)('adding a dedicated and a shared tenant to %s', (environment) => {
  const raw = rawEnvironment(environment) as RawEnvironment;
  const before = byAddress(synthVariant(raw));
  const afterStack = synthVariant(withNewTenants(raw));
  const after = byAddress(afterStack);
  const registryPrefix = String(raw.registryPrefix ?? `/cognito-tenancy/${environment}`);
  const core = coreCouplings(environment, registryPrefix);
  const couplings = couplingsOf({ environment, registryPrefix, hosting: raw.hosting });

  it('leaves every other resource as it was, but for the listed couplings', () => {
    const unexplained: string[] = [];
    const seen = new Set<string>();
    for (const [address, [type, old]] of before) {
      const now = after.get(address);
      if (now === undefined) {
        unexplained.push(`${address}: removed`);
        continue;
      }
      const changed = changedAttributes(old, now[1]);
      if (changed.length === 0) continue;
      const coupling = couplings.find(
        (c) => c.matches(type, old) && changed.every((attribute) => c.attributes.includes(attribute)),
      );
      if (coupling === undefined) unexplained.push(`${address}: ${changed.join(', ')}`);
      else seen.add(coupling.label);
    }
    expect(unexplained).toEqual([]);
    // A coupling a later slice cuts must leave this list too: each listed one still happens.
    expect(core.filter((c) => !seen.has(c.label)).map((c) => c.label)).toEqual([]);
    for (const c of couplings) expect(c.reason.length).toBeGreaterThan(20);
  });

  it('adds only resources of the new tenants', () => {
    const added = [...after.keys()].filter((address) => !before.has(address));
    expect(added.filter((address) => !/newco|sharedco/i.test(address))).toEqual([]);
    const types = new Set(added.map((address) => address.split('.')[0]));
    for (const type of [
      'aws_cognito_user_pool',
      'aws_cognito_user_pool_client',
      'aws_cognito_user_pool_domain',
      'aws_cognito_identity_provider',
      'aws_ssm_parameter',
      'aws_dynamodb_table_item',
    ]) {
      expect(types).toContain(type);
    }
    // No invoke permission, role policy or function per tenant.
    for (const type of ['aws_lambda_permission', 'aws_iam_role_policy', 'aws_lambda_function']) {
      expect(types).not.toContain(type);
    }
  });

  it('keeps the trigger grant, sign-out’s policy and the authorizer’s environment free of pools', () => {
    const authorizer = Object.values(afterStack.resource.aws_lambda_function ?? {}).find(
      (fn) => fn.function_name === resourceNames(environment).lambda('authorizer'),
    );
    expect(authorizer?.environment.variables.TRUSTED_USER_POOL_IDS).toBeUndefined();
    const grants = Object.values(afterStack.resource.aws_lambda_permission ?? {}).filter(
      (p) => p.principal === 'cognito-idp.amazonaws.com',
    );
    expect(grants.map((g) => g.source_arn)).toEqual([expect.stringMatching(/:userpool\/\*$/)]);
    const policies = Object.values(afterStack.resource.aws_iam_role_policy ?? {}).map((p) =>
      String(p.policy),
    );
    expect(policies.filter((policy) => policy.includes('aws_cognito_user_pool.'))).toEqual([]);
  });
});
