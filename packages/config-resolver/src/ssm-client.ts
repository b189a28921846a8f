import { SSMClient } from '@aws-sdk/client-ssm';
import { awsClientOptions } from '@cognito-tenancy/kit/aws-client';
import type { SsmClientConfig } from './config';

/**
 * The SSM client, bounded so a slow Parameter Store cannot hold a request for long (the
 * kit's `awsClientOptions`). Region, credentials and endpoint come from the Lambda
 * environment (`AWS_REGION`, the role, and `AWS_ENDPOINT_URL_SSM` when pointed at a stand-in).
 */
export function createSsmClient(config: SsmClientConfig): SSMClient {
  return new SSMClient(awsClientOptions(config));
}
