/**
 * Lambda entry point: configuration is validated once at cold start (a bad variable
 * fails the init, not the thousandth request), then the real clients are wired in.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { awsClientOptions } from '@cognito-tenancy/kit/aws-client';
import { loadConfig } from './config';
import { createHandler } from './create-handler';

const config = loadConfig(process.env);

// No endpoint here: the SDK honours AWS_ENDPOINT_URL_DYNAMODB (the local stack sets it).
const dynamodb = new DynamoDBClient(awsClientOptions(config.dynamodb));

/** The function's handler (`index.handler` in the bundle): a middy handler, `.use()` to extend. */
export const handler = createHandler({
  config,
  dynamodb,
  logger: new Logger({ serviceName: 'tenant-match' }),
});
