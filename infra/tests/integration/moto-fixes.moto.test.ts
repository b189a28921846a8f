/**
 * The gaps `rehearsal/moto_server_fixed.py` closes in moto 5.2, checked against the server
 * the deploy rehearsal starts (startMoto): a protected user pool cannot be deleted until its
 * protection is off, as in Cognito; UpdateItem's legacy AttributeUpdates keeps a BOOL a BOOL,
 * as in DynamoDB; and an ACM certificate has the key algorithm it was requested with. Without
 * the wrapper each test fails. Missing moto fails with the
 * install hint; it is never skipped.
 */
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Moto, startMoto } from '../../rehearsal/moto';
import { FAKE_CREDENTIALS, motoHeaders } from '../../rehearsal/override';

const REGION = 'eu-west-1';
let moto: Moto | undefined;
let cognito: CognitoIdentityProviderClient;
let dynamodb: DynamoDBClient;

beforeAll(async () => {
  try {
    moto = await startMoto('111111111111');
  } catch (error) {
    throw new Error(`the moto fixes test needs moto: ${(error as Error).message}`);
  }
  const client = { region: REGION, endpoint: moto.endpoint, credentials: FAKE_CREDENTIALS };
  cognito = new CognitoIdentityProviderClient(client);
  dynamodb = new DynamoDBClient(client);
}, 40_000);

afterAll(async () => {
  cognito?.destroy();
  dynamodb?.destroy();
  await moto?.stop();
}, 30_000);

describe('moto_server_fixed.py', () => {
  it('refuses to delete a user pool while its deletion protection is active, as Cognito does', async () => {
    const { UserPool } = await cognito.send(
      new CreateUserPoolCommand({ PoolName: 'ct-test-protected', DeletionProtection: 'ACTIVE' }),
    );
    const id = UserPool?.Id as string;

    const refused = cognito.send(new DeleteUserPoolCommand({ UserPoolId: id }));

    await expect(refused).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('deletion protection is activated'),
    });
    await expect(cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }))).resolves.toBeDefined();
    // Unprotected (the rehearsal's `pool.deletionProtection: false` deploy), it goes.
    await cognito.send(new UpdateUserPoolCommand({ UserPoolId: id, DeletionProtection: 'INACTIVE' }));
    await cognito.send(new DeleteUserPoolCommand({ UserPoolId: id }));
    await expect(cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  }, 30_000);

  it('deletes an unprotected user pool at once', async () => {
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'ct-test-open' }));

    await cognito.send(new DeleteUserPoolCommand({ UserPoolId: UserPool?.Id as string }));

    await expect(
      cognito.send(new DescribeUserPoolCommand({ UserPoolId: UserPool?.Id as string })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  }, 30_000);

  it("keeps a BOOL written through UpdateItem's AttributeUpdates a BOOL", async () => {
    await dynamodb.send(
      new CreateTableCommand({
        TableName: 'ct-test-items',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const Key = { pk: { S: 'DOMAIN#acme.example' } };
    await dynamodb.send(
      new PutItemCommand({
        TableName: 'ct-test-items',
        Item: { ...Key, includeSubdomains: { BOOL: false } },
      }),
    );

    // The legacy form the AWS provider uses to update a table item.
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: 'ct-test-items',
        Key,
        AttributeUpdates: { includeSubdomains: { Action: 'PUT', Value: { BOOL: true } } },
      }),
    );

    const { Item } = await dynamodb.send(new GetItemCommand({ TableName: 'ct-test-items', Key }));
    expect(Item?.includeSubdomains).toEqual({ BOOL: true });
  }, 30_000);

  it('issues an ACM certificate with the requested key algorithm, as ACM does', async () => {
    // No ACM client in the project: its JSON protocol by hand (moto reads the service from the scope).
    const acm = async (target: string, body: object) => {
      const response = await fetch(moto?.endpoint as string, {
        method: 'POST',
        headers: motoHeaders('acm', {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `CertificateManager.${target}`,
        }),
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as Record<string, unknown>;
    };
    const algorithms: string[] = [];
    for (const KeyAlgorithm of ['EC_prime256v1', undefined]) {
      const { CertificateArn } = await acm('RequestCertificate', {
        DomainName: '*.app.example.com',
        ValidationMethod: 'DNS',
        ...(KeyAlgorithm === undefined ? {} : { KeyAlgorithm }),
      });
      const described = await acm('DescribeCertificate', { CertificateArn });
      algorithms.push((described.Certificate as { KeyAlgorithm: string }).KeyAlgorithm);
    }
    expect(algorithms).toEqual(['EC_prime256v1', 'RSA_2048']);
  });
});
