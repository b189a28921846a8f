import { SSMClient } from '@aws-sdk/client-ssm';
import type { SsmClientConfig } from './config';

/**
 * The SSM client, bounded so a slow Parameter Store cannot hold a request for long: a
 * per-attempt socket timeout, a connect timeout and few attempts. Region, credentials and
 * endpoint come from the Lambda environment (`AWS_REGION`, the role, and
 * `AWS_ENDPOINT_URL_SSM` when pointed at a stand-in).
 */
export function createSsmClient(config: SsmClientConfig): SSMClient {
  return new SSMClient({
    maxAttempts: config.maxAttempts,
    requestHandler: {
      requestTimeout: config.requestTimeoutMs,
      connectionTimeout: config.connectionTimeoutMs,
      // Without this the SDK only logs a warning when requestTimeout passes and keeps waiting.
      throwOnRequestTimeout: true,
    },
  });
}
