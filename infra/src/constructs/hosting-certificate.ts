/**
 * The distribution's certificate. CloudFront takes ACM certificates from us-east-1 only,
 * so this uses a second provider in that region. Either one certificate for every alias,
 * DNS-validated in the environment's Route 53 zone (the validation records are created
 * here and the distribution waits for validation), or an existing certificate by ARN.
 */
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate/index.js';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation/index.js';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record/index.js';
import { Construct } from 'constructs';

/** CloudFront's certificates live in this region only. */
export const CLOUDFRONT_CERTIFICATE_REGION = 'us-east-1';

export type CertificateSource = { readonly route53ZoneId: string } | { readonly certificateArn: string };

export interface HostingCertificateProps {
  /** Every alias of the distribution; the first is the certificate's domain name. */
  readonly hosts: readonly string[];
  readonly source: CertificateSource;
  /** The provider in us-east-1 (see {@link usEast1Provider}); needed to request a certificate. */
  readonly east?: AwsProvider;
  /** Name of the certificate, for the console. */
  readonly name: string;
}

/** The second AWS provider (alias `us-east-1`): CloudFront's certificates and web ACLs live there. */
export function usEast1Provider(
  scope: Construct,
  allowedAccountIds: readonly string[] | undefined,
  defaultTags: Readonly<Record<string, string>>,
): AwsProvider {
  return new AwsProvider(scope, 'aws-us-east-1', {
    alias: CLOUDFRONT_CERTIFICATE_REGION,
    region: CLOUDFRONT_CERTIFICATE_REGION,
    ...(allowedAccountIds === undefined ? {} : { allowedAccountIds: [...allowedAccountIds] }),
    defaultTags: [{ tags: { ...defaultTags } }],
  });
}

/**
 * The names that need a validation record of their own: ACM validates `*.app.example.com` and
 * `app.example.com` with the same CNAME, so the plain name is left to the wildcard's record
 * (two resources on one record name would delete it when either goes).
 */
export function validationHosts(hosts: readonly string[]): string[] {
  const names = new Set(hosts);
  return hosts.filter((host) => !names.has(`*.${host}`));
}

export class HostingCertificate extends Construct {
  /** ARN to put on the distribution (validated, when this construct requested it). */
  readonly certificateArn: string;

  constructor(scope: Construct, id: string, props: HostingCertificateProps) {
    super(scope, id);
    const [first, ...rest] = props.hosts;
    if (first === undefined) throw new Error('HostingCertificate: no host to certify');
    if ('certificateArn' in props.source) {
      this.certificateArn = props.source.certificateArn;
      return;
    }
    const zoneId = props.source.route53ZoneId;
    const east = props.east;
    if (east === undefined)
      throw new Error('HostingCertificate: a DNS-validated certificate needs the us-east-1 provider');
    const certificate = new AcmCertificate(this, 'certificate', {
      provider: east,
      domainName: first,
      subjectAlternativeNames: rest,
      validationMethod: 'DNS',
      keyAlgorithm: 'EC_prime256v1',
      tags: { Name: props.name },
      // A changed host list issues a new certificate before the old one is let go.
      lifecycle: { createBeforeDestroy: true },
    });
    // One record per host, keyed statically: a for_each over domain_validation_options cannot be
    // planned (its keys are unknown until the certificate exists). Each value picks the host's option.
    const options = `aws_acm_certificate.${certificate.friendlyUniqueId}.domain_validation_options`;
    const pick = (host: string, field: string) =>
      `\${one([for o in ${options} : o.${field} if o.domain_name == "${host}"])}`;
    const records = validationHosts(props.hosts).map(
      (host) =>
        // `*.x` is named after `x`, whose record it is: switching to the wildcard updates it in place.
        new Route53Record(this, `validation-${host.replace(/^\*\./, '').replace(/[^a-z0-9-]/g, '_')}`, {
          zoneId,
          name: pick(host, 'resource_record_name'),
          type: pick(host, 'resource_record_type'),
          records: [pick(host, 'resource_record_value')],
          ttl: 300,
          allowOverwrite: true,
        }),
    );
    const validation = new AcmCertificateValidation(this, 'validated', {
      provider: east,
      certificateArn: certificate.arn,
      validationRecordFqdns: records.map((record) => record.fqdn),
    });
    this.certificateArn = validation.certificateArn;
  }
}
