/**
 * Route 53 alias records (A and AAAA) that point hosts at a CloudFront distribution. The
 * platform stack makes them for its hosts; in the tenant-stacks layout each tenant stack
 * makes its own hosts' records, so the distribution (a wildcard alias) lists no tenant.
 * The construct ids are the same in both places: migration adopts the records by path.
 */
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record/index.js';
import type { Construct } from 'constructs';

/** CloudFront's hosted zone for alias records (the same in every partition's commercial regions). */
export const CLOUDFRONT_HOSTED_ZONE_ID = 'Z2FDTNDATAQYW2';

export interface DistributionRecordsProps {
  readonly zoneId: string;
  readonly hosts: readonly string[];
  /** The distribution's `d<id>.cloudfront.net` name. */
  readonly domainName: string;
  /**
   * UPSERT a record that exists (the platform: moving from api.customDomains to hosting in one
   * apply, README *Hosting*). Off in tenant stacks: there a second claimant of a name (a host
   * moved between tenants in one deploy) must fail, not take the record from a stack that
   * would then delete it.
   */
  readonly allowOverwrite: boolean;
}

/** `alias-<type>-<host>`: the records' construct ids (see the migration map). */
export function aliasRecordId(type: 'A' | 'AAAA', host: string): string {
  return `alias-${type}-${host.replace(/[^a-z0-9-]/g, '_')}`;
}

export function distributionAliasRecords(scope: Construct, props: DistributionRecordsProps): Route53Record[] {
  return props.hosts.flatMap((host) =>
    (['A', 'AAAA'] as const).map(
      (type) =>
        new Route53Record(scope, aliasRecordId(type, host), {
          zoneId: props.zoneId,
          name: host,
          type,
          allowOverwrite: props.allowOverwrite,
          alias: {
            name: props.domainName,
            zoneId: CLOUDFRONT_HOSTED_ZONE_ID,
            evaluateTargetHealth: false,
          },
        }),
    ),
  );
}
