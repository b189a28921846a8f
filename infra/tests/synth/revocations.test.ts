import { REVOCATION_TTL_ATTRIBUTE } from '@cognito-tenancy/registry/keys';
import { describe, expect, it } from '@jest/globals';
import { resourceNames } from '../../src/names';
import { environmentOf, ref, resourceWhere, stack, synthRecord } from '../support/synthesized';

const ENVIRONMENTS = synthRecord().environments;

describe.each(ENVIRONMENTS)('revocations table of %s', (environment) => {
  const s = stack(environment);
  const env = environmentOf(environment);
  const [key, table] = resourceWhere(
    s,
    'aws_dynamodb_table',
    'name',
    resourceNames(environment).revocationTable,
  );

  it('is keyed by tenant and user, on demand, with a TTL, point-in-time recovery and KMS encryption', () => {
    expect(table).toMatchObject({
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'pk',
      attribute: [{ name: 'pk', type: 'S' }],
      ttl: { attribute_name: REVOCATION_TTL_ATTRIBUTE, enabled: true },
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
      deletion_protection_enabled: env.deletionProtection,
    });
    expect(table).not.toHaveProperty('range_key');
  });

  it('is named in the outputs', () => {
    expect(s.output.revocation_table_name?.value).toBe(ref('aws_dynamodb_table', key, 'name'));
  });
});
