/**
 * prod moving from `api.customDomains` to `hosting` on a live environment: the old stack has
 * an API Gateway alias record `A <host>` in the zone, the new one a CloudFront alias record of
 * the same zone, name and type. Terraform may create the new record before it destroys the
 * old one, and Route 53 refuses to CREATE an existing record, so the new records UPSERT
 * (`allow_overwrite`); the old record's delete then finds other values, which the AWS
 * provider treats as already gone (hashicorp/terraform-provider-aws#37850).
 */
import { describe, expect, it } from '@jest/globals';
import { type Body, resources } from '../support/synthesized';
import { rawEnvironment, synthVariant } from '../support/variant-stack';

const prod = rawEnvironment('prod');
const hosting = prod.hosting as { appHosts: string[]; certificate: { route53ZoneId: string } };
const zone = hosting.certificate.route53ZoneId;
// The file as it was before hosting: tenant hosts as regional custom domains in the same zone.
const { hosting: _dropped, ...rest } = prod;
const before = synthVariant({
  ...rest,
  api: {
    ...(prod.api as object),
    customDomains: {
      certificateArn:
        'arn:aws:acm:eu-central-1:222222222222:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
      route53ZoneId: zone,
    },
  },
});
const after = synthVariant(prod);

const aliasRecords = (s: ReturnType<typeof synthVariant>) =>
  resources(s, 'aws_route53_record')
    .map(([, record]) => record as Body)
    .filter((record) => record.alias !== undefined);
const id = (record: Body) => `${record.zone_id} ${record.name} ${record.type}`;

describe('moving prod from api.customDomains to hosting', () => {
  it('meets records of the same zone, name and type (the conflict is real)', () => {
    const old = new Set(aliasRecords(before).map(id));
    const shared = aliasRecords(after).filter((record) => old.has(id(record)));
    expect(shared.length).toBeGreaterThan(0);
  });

  it('overwrites them instead of failing on "already exists"', () => {
    for (const record of aliasRecords(after)) {
      expect(record).toMatchObject({ zone_id: zone, allow_overwrite: true });
    }
  });
});
