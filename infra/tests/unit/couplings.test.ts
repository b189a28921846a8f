import { describe, expect, it } from '@jest/globals';
import { couplingsOf, uncoupledUpdates } from '../../rehearsal/couplings';
import type { PlannedChange } from '../../rehearsal/plan-drift';
import { resourceNames } from '../../src/names';
import { resources, stack } from '../support/synthesized';

// dev: hosting without a certificate, two shared tenants (the shared client), two dedicated pools.
const dev = stack('dev');
const devCouplings = couplingsOf({ environment: 'dev', registryPrefix: '/cognito-tenancy/dev', hosting: {} });

function update(type: string, name: string, changed: string[] = ['value']): PlannedChange {
  return { address: `${type}.${name}`, type, actions: ['update'], changed };
}

function named(type: string, where: (body: Record<string, unknown>) => boolean): string {
  const found = resources(dev, type).find(([, body]) => where(body));
  if (found === undefined) throw new Error(`dev has no ${type} of that kind`);
  return found[0];
}

describe("uncoupledUpdates (the deploy rehearsal's tenant round)", () => {
  it('accepts updates of the listed couplings: issuer index, shared client, CSP and bucket policy', () => {
    const changes = [
      update(
        'aws_ssm_parameter',
        named('aws_ssm_parameter', (b) => String(b.name).includes('/issuer-index/')),
        ['value', 'insecure_value', 'version'],
      ),
      update(
        'aws_cognito_user_pool_client',
        named('aws_cognito_user_pool_client', (b) => b.name === `${resourceNames('dev').sharedPool}-web`),
        ['supported_identity_providers'],
      ),
      ...resources(dev, 'aws_cloudfront_response_headers_policy').map(([name]) =>
        update('aws_cloudfront_response_headers_policy', name, ['security_headers_config']),
      ),
      ...resources(dev, 'aws_s3_bucket_policy').map(([name]) =>
        update('aws_s3_bucket_policy', name, ['policy']),
      ),
    ];
    expect(changes.length).toBeGreaterThan(3);
    expect(uncoupledUpdates(changes, dev.resource, devCouplings)).toEqual([]);
  });

  it("reports an update of the authorizer's environment or sign-out's policy: what slice 1 cut", () => {
    const authorizer = update(
      'aws_lambda_function',
      named('aws_lambda_function', (b) => b.function_name === resourceNames('dev').lambda('authorizer')),
      ['environment'],
    );
    const policy = update(
      'aws_iam_role_policy',
      named('aws_iam_role_policy', () => true),
      ['policy'],
    );
    expect(uncoupledUpdates([authorizer, policy], dev.resource, devCouplings)).toEqual([authorizer, policy]);
  });

  it('reports a registry parameter other than an index shard, and a dedicated pool client', () => {
    const host = update(
      'aws_ssm_parameter',
      named('aws_ssm_parameter', (b) => String(b.name).includes('/hosts/')),
    );
    const dedicatedClient = update(
      'aws_cognito_user_pool_client',
      named('aws_cognito_user_pool_client', (b) => b.name !== `${resourceNames('dev').sharedPool}-web`),
      ['callback_urls'],
    );
    expect(uncoupledUpdates([host, dedicatedClient], dev.resource, devCouplings)).toEqual([
      host,
      dedicatedClient,
    ]);
  });

  it('reports an update of a resource the synthesized stack does not have, and ignores creates', () => {
    const ghost = update('aws_ssm_parameter', 'not_in_the_stack');
    const created: PlannedChange = { ...ghost, actions: ['create'] };
    expect(uncoupledUpdates([ghost, created], dev.resource, devCouplings)).toEqual([ghost]);
  });

  it('lists the hosting couplings only for an environment with hosting', () => {
    const without = couplingsOf({ environment: 'dev', registryPrefix: '/cognito-tenancy/dev' });
    const csp = resources(dev, 'aws_cloudfront_response_headers_policy').map(([name]) =>
      update('aws_cloudfront_response_headers_policy', name, ['security_headers_config']),
    );
    expect(csp.length).toBeGreaterThan(0);
    expect(uncoupledUpdates(csp, dev.resource, without)).toEqual(csp);
  });
});
