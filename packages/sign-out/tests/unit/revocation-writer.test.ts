import { ConditionalCheckFailedException, DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { createRecordRevocation } from '../../src/revocation-writer';
import { subOf } from '../support/world';

const revocation = {
  tenantId: 'acme',
  sub: subOf('bob'),
  revokedBefore: 1_900_000_000,
  expiresAt: 1_900_090_000,
  revokedBy: subOf('alice'),
};

function setup() {
  const client = new DynamoDBClient({ region: 'eu-west-1' });
  return { client, mock: mockClient(client) };
}

describe('createRecordRevocation', () => {
  it('writes the cut-off with a condition that only moves it forward, and the TTL', async () => {
    const { client, mock } = setup();
    mock.on(UpdateItemCommand).resolves({});
    await createRecordRevocation(client, 'revocations-test')(revocation);
    const input = mock.commandCalls(UpdateItemCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      TableName: 'revocations-test',
      Key: { pk: { S: `acme#${subOf('bob')}` } },
      ConditionExpression: 'attribute_not_exists(#before) OR #before < :before',
      ExpressionAttributeNames: { '#before': 'revokedBefore', '#ttl': 'expiresAt', '#by': 'revokedBy' },
      ExpressionAttributeValues: {
        ':before': { N: '1900000000' },
        ':ttl': { N: '1900090000' },
        ':by': { S: subOf('alice') },
      },
    });
  });

  it('treats a later cut-off already stored as done', async () => {
    const { client, mock } = setup();
    mock
      .on(UpdateItemCommand)
      .rejects(
        new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }),
      );
    await expect(createRecordRevocation(client, 't1')(revocation)).resolves.toBeUndefined();
    const named = Object.assign(new Error('x'), { name: 'ConditionalCheckFailedException' });
    mock.on(UpdateItemCommand).rejects(named);
    await expect(createRecordRevocation(client, 't1')(revocation)).resolves.toBeUndefined();
  });

  it('passes any other failure on', async () => {
    const { client, mock } = setup();
    mock.on(UpdateItemCommand).rejects(new Error('ProvisionedThroughputExceeded'));
    await expect(createRecordRevocation(client, 't1')(revocation)).rejects.toThrow('ProvisionedThroughput');
  });

  it('never writes under a key built from unvalidated input', async () => {
    const { client, mock } = setup();
    await expect(createRecordRevocation(client, 't1')({ ...revocation, sub: 'x#y' })).rejects.toThrow(
      'invalid user sub',
    );
    expect(mock.commandCalls(UpdateItemCommand)).toHaveLength(0);
  });
});
