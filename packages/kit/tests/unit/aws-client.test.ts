import { describe, expect, it } from '@jest/globals';
import { awsCallSpecs, awsClientOptions, callTimeoutMs } from '../../src/aws-client';
import { readEnv } from '../../src/read-env';

describe('AWS call bounds', () => {
  it('reads the three variables with the Lambda’s defaults and prefix', () => {
    const specs = awsCallSpecs({ requestTimeoutMs: 1000, connectionTimeoutMs: 500, maxAttempts: 2 }, 'SSM_');
    expect(Object.keys(specs)).toEqual([
      'SSM_REQUEST_TIMEOUT_MS',
      'SSM_CONNECTION_TIMEOUT_MS',
      'SSM_MAX_ATTEMPTS',
    ]);
    expect(readEnv('x', specs, { SSM_MAX_ATTEMPTS: '3' })).toEqual({
      SSM_REQUEST_TIMEOUT_MS: 1000,
      SSM_CONNECTION_TIMEOUT_MS: 500,
      SSM_MAX_ATTEMPTS: 3,
    });
    expect(() => readEnv('x', specs, { SSM_MAX_ATTEMPTS: '4' })).toThrow(
      'SSM_MAX_ATTEMPTS must be an integer from 1 to 3',
    );
  });

  it('takes narrower or wider limits for a Lambda with its own budget', () => {
    const specs = awsCallSpecs(
      { requestTimeoutMs: 1000, connectionTimeoutMs: 500, maxAttempts: 2 },
      'DYNAMODB_',
      {
        minTimeoutMs: 50,
        maxTimeoutMs: 30_000,
        maxAttempts: 5,
      },
    );
    expect(
      readEnv('x', specs, { DYNAMODB_REQUEST_TIMEOUT_MS: '50', DYNAMODB_MAX_ATTEMPTS: '5' }),
    ).toMatchObject({
      DYNAMODB_REQUEST_TIMEOUT_MS: 50,
      DYNAMODB_MAX_ATTEMPTS: 5,
    });
    expect(() => readEnv('x', specs, { DYNAMODB_CONNECTION_TIMEOUT_MS: '30001' })).toThrow(
      'DYNAMODB_CONNECTION_TIMEOUT_MS must be an integer from 50 to 30000',
    );
  });

  it('turns bounds into SDK options that throw on a request timeout, and a total bound', () => {
    const bounds = { requestTimeoutMs: 800, connectionTimeoutMs: 300, maxAttempts: 3 };
    expect(awsClientOptions(bounds)).toEqual({
      maxAttempts: 3,
      requestHandler: { requestTimeout: 800, connectionTimeout: 300, throwOnRequestTimeout: true },
    });
    expect(callTimeoutMs(bounds)).toBe(3300);
  });
});
