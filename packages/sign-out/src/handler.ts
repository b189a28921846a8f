/**
 * Lambda entry point: configuration is validated once at cold start (a bad variable
 * fails the init, not a request), then the real, bounded clients are wired in.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { awsClientOptions } from '@cognito-tenancy/kit/aws-client';
import { loadConfig } from './config';
import { createHandler } from './create-handler';
import { createRecordRevocation } from './revocation-writer';
import { createFindUsers, createGlobalSignOut } from './user-directory';

const config = loadConfig(process.env);

// No endpoints here: the SDK honours AWS_ENDPOINT_URL_DYNAMODB and
// AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER (the local stack sets them).
const dynamodb = new DynamoDBClient(awsClientOptions(config.aws));
const cognito = new CognitoIdentityProviderClient(awsClientOptions(config.aws));

/** The function's handler (`index.handler` in the bundle): a middy handler, `.use()` to extend. */
export const handler = createHandler({
  config,
  tenantTable: dynamodb,
  findUsers: createFindUsers(cognito),
  globalSignOut: createGlobalSignOut(cognito),
  recordRevocation: createRecordRevocation(dynamodb, config.revocationTableName),
  logger: new Logger({ serviceName: 'sign-out' }),
});
