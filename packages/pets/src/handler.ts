/**
 * Lambda entry point: configuration is validated once at cold start (a bad variable fails
 * the init, not a request), then the real, bounded DynamoDB client is wired in.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { awsClientOptions } from '@cognito-tenancy/kit/aws-client';
import { loadConfig } from './config';
import { createHandler } from './create-handler';
import { createPetsStore } from './pets-store';

const config = loadConfig(process.env);

// No endpoint here: the SDK honours AWS_ENDPOINT_URL_DYNAMODB (the local stack sets it).
const dynamodb = new DynamoDBClient(awsClientOptions(config.aws));

/** The function's handler (`index.handler` in the bundle): a middy handler, `.use()` to extend. */
export const handler = createHandler({
  config,
  tenantTable: dynamodb,
  pets: createPetsStore({ client: dynamodb, tableName: config.petsTableName }),
  logger: new Logger({ serviceName: 'pets' }),
});
