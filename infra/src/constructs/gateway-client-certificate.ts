/**
 * The certificate API Gateway presents to an HTTP service (`api.serviceUrl`) on every
 * proxied call, so the service can prove a request came through the gateway: the tenant
 * headers the gateway sets are only as trustworthy as that proof. The service verifies the
 * presented client certificate against the PEM in the `client_certificate_pem` output
 * (infra/README.md, External services). API Gateway generates the key pair and never
 * reveals the private key; the certificate is valid for 365 days: rotate it before then.
 */
import { ApiGatewayClientCertificate } from '@cdktf/provider-aws/lib/api-gateway-client-certificate/index.js';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';

export interface GatewayClientCertificateProps {
  readonly apiName: string;
}

export class GatewayClientCertificate extends Construct {
  readonly certificate: ApiGatewayClientCertificate;

  constructor(scope: Construct, id: string, props: GatewayClientCertificateProps) {
    super(scope, id);
    this.certificate = new ApiGatewayClientCertificate(this, 'certificate', {
      description: `${props.apiName}: presented to the service behind {proxy+}`,
    });
  }

  /** The stack output the service's operators read (public: a certificate, no key). */
  output(scope: Construct): TerraformOutput {
    return new TerraformOutput(scope, 'client_certificate_pem', {
      description: 'PEM of the certificate API Gateway presents to the service (verify it there)',
      value: this.certificate.pemEncodedCertificate,
    });
  }
}
