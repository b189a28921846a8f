/**
 * A regional API Gateway custom domain per tenant host, mapped to the stage, so the
 * request's `domainName` is the tenant host (config-resolver and the authorizer key on it).
 * With a hosted zone, an alias record per host too; otherwise the outputs list the targets.
 */
import { ApiGatewayBasePathMapping } from '@cdktf/provider-aws/lib/api-gateway-base-path-mapping/index.js';
import { ApiGatewayDomainName } from '@cdktf/provider-aws/lib/api-gateway-domain-name/index.js';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record/index.js';
import { Construct } from 'constructs';

export interface CustomDomainsProps {
  readonly hosts: readonly string[];
  readonly certificateArn: string;
  readonly route53ZoneId?: string;
  readonly restApiId: string;
  readonly stageName: string;
}

export class CustomDomains extends Construct {
  /** Host -> the regional domain name its DNS record must point at. */
  readonly targets: ReadonlyMap<string, string>;

  constructor(scope: Construct, id: string, props: CustomDomainsProps) {
    super(scope, id);
    const targets = new Map<string, string>();
    for (const host of props.hosts) {
      const cid = host.replace(/[^A-Za-z0-9-]/g, '_');
      const domain = new ApiGatewayDomainName(this, `domain-${cid}`, {
        domainName: host,
        regionalCertificateArn: props.certificateArn,
        endpointConfiguration: { types: ['REGIONAL'] },
        securityPolicy: 'TLS_1_2',
      });
      new ApiGatewayBasePathMapping(this, `mapping-${cid}`, {
        apiId: props.restApiId,
        stageName: props.stageName,
        domainName: domain.domainName,
      });
      if (props.route53ZoneId !== undefined) {
        new Route53Record(this, `record-${cid}`, {
          zoneId: props.route53ZoneId,
          name: host,
          type: 'A',
          alias: {
            name: domain.regionalDomainName,
            zoneId: domain.regionalZoneId,
            evaluateTargetHealth: false,
          },
        });
      }
      targets.set(host, domain.regionalDomainName);
    }
    this.targets = targets;
  }
}
