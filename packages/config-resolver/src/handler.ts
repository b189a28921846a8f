/**
 * The Lambda entry point: configuration is validated at cold start (a misconfigured
 * function fails at init, listing every problem), then the handler is wired to the real
 * SSM client and Powertools Logger. The logic lives in create-handler.ts.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { loadConfig } from './config';
import { createHandler } from './create-handler';
import { createSsmClient } from './ssm-client';

const config = loadConfig(process.env);

/** `GET /config` for API Gateway REST (v1) and HTTP API (v2) proxy integrations. */
export const handler = createHandler({
  config,
  ssm: createSsmClient(config.ssm),
  // The service name is fixed here; POWERTOOLS_LOG_LEVEL (read by Powertools) still applies.
  logger: new Logger({ serviceName: 'config-resolver' }),
});
