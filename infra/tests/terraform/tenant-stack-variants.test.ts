/**
 * Terraform itself on the tenant stacks no environment file in `environments/` has: a
 * dedicated tenant's stack with hosting in a Route 53 zone (its hosts' alias records), and one
 * with `api.customDomains` (domains, mappings, records), each read from a published parameter.
 * `terraform validate` against the pinned provider's schema, offline; the synth tests check
 * what the values are, this checks that the provider takes them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { tenantStackName } from '../../src/stack-layout';
import type { RawEnvironment } from '../support/new-tenants';
import type { Body } from '../support/synthesized';
import { expectSuccess, terraform, terraformSetup } from '../support/terraform';
import { rawEnvironment, synthVariantStacks } from '../support/variant-stack';

const { hosting: devHosting, ...dev } = rawEnvironment('dev') as RawEnvironment;
const api = { ...(dev.api as Body), corsOrigins: ['https://app.dev.example.com'] };
const VARIANTS: [string, RawEnvironment][] = [
  [
    'hosting with a wildcard alias',
    {
      ...dev,
      api,
      tenantStacks: true,
      hosting: {
        ...(devHosting as Body),
        wildcardAlias: '*.dev.example.com',
        appHosts: ['app.dev.example.com'],
        certificate: { route53ZoneId: 'Z0EXAMPLE1FICTION4L' },
      },
    },
  ],
  [
    'api.customDomains',
    {
      ...dev,
      tenantStacks: true,
      api: {
        ...api,
        customDomains: {
          certificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/abc-123',
          route53ZoneId: 'Z0EXAMPLE1FICTION4L',
        },
      },
    },
  ],
];

describe.each(VARIANTS)('terraform validate on a dedicated tenant stack with %s', (_name, raw) => {
  it('takes the records (and domains) the stack declares', async () => {
    const stacks = synthVariantStacks(raw);
    const dedicated = raw.tenants.find((t) => t.pattern === 'dedicated')?.id as string;
    const stack = stacks.get(tenantStackName('dev', dedicated));
    expect(Object.keys(stack?.resource.aws_route53_record ?? {}).length).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'ct-tenant-validate-'));
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(stack));
    const setup = terraformSetup(join(dir, 'cli'));
    expectSuccess(
      await terraform(setup, dir, ['init', '-backend=false', '-input=false']),
      'terraform init -backend=false',
    );
    const validate = expectSuccess(await terraform(setup, dir, ['validate', '-json']), 'terraform validate');
    expect(JSON.parse(validate.stdout)).toMatchObject({ valid: true, error_count: 0 });
  }, 120_000);
});
