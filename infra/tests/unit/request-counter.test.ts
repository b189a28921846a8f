import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { awsOperation, ssmReads, startRequestCounter } from '../../rehearsal/request-counter';

const signed = (service: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=AKID/20261205/eu-west-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
});

describe('awsOperation', () => {
  it('names JSON-protocol calls by their X-Amz-Target operation', () => {
    expect(
      awsOperation('POST', '/', { ...signed('ssm'), 'x-amz-target': 'AmazonSSM.GetParameter' }, '{}'),
    ).toBe('ssm GetParameter');
    expect(
      awsOperation(
        'POST',
        '/',
        { ...signed('cognito-idp'), 'x-amz-target': 'AWSCognitoIdentityProviderService.DescribeUserPool' },
        '{}',
      ),
    ).toBe('cognito-idp DescribeUserPool');
  });

  it('names query-protocol calls by Action, in the query or in the form body', () => {
    expect(awsOperation('GET', '/?Action=GetRole&Version=2010-05-08', signed('iam'), '')).toBe('iam GetRole');
    expect(awsOperation('POST', '/', signed('monitoring'), 'Version=2010-08-01&Action=DescribeAlarms')).toBe(
      'monitoring DescribeAlarms',
    );
  });

  it('names REST calls by method and first path segment that is not a version date', () => {
    expect(awsOperation('GET', '/restapis/abc/resources', signed('apigateway'), '')).toBe(
      'apigateway GET /restapis',
    );
    expect(awsOperation('GET', '/2015-03-31/functions/ct-dev-authorizer', signed('lambda'), '')).toBe(
      'lambda GET /functions',
    );
  });

  it('counts a request without a signature as unsigned', () => {
    expect(awsOperation('GET', '/', {}, '')).toBe('unsigned GET /');
  });
});

describe('ssmReads', () => {
  it('counts the SSM parameter reads, listings included, and nothing else', () => {
    const counts = new Map([
      ['ssm GetParameter', 2],
      ['ssm GetParametersByPath', 1],
      ['ssm DescribeParameters', 1],
      ['ssm PutParameter', 5],
      ['s3 GET /bucket', 3],
    ]);
    expect(ssmReads(counts)).toBe(4);
    expect(ssmReads(new Map())).toBe(0);
  });
});

describe('startRequestCounter', () => {
  it('forwards requests unchanged and counts them until reset', async () => {
    const seen: string[] = [];
    const upstream = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${body}`);
        res.writeHead(201, { 'x-upstream': 'yes' });
        res.end('answer');
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const counter = await startRequestCounter(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
    const send = (path: string, body: string) =>
      new Promise<{ status: number; text: string; header: string | undefined }>((resolve, reject) => {
        const req = request(
          `${counter.endpoint}${path}`,
          { method: 'POST', headers: signed('sns') },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => {
              text += c.toString();
            });
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, text, header: res.headers['x-upstream'] as string }),
            );
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      expect(await send('/', 'Action=ListTopics')).toEqual({ status: 201, text: 'answer', header: 'yes' });
      await send('/', 'Action=ListTopics');
      await send('/', 'Action=GetTopicAttributes');
      expect(seen).toEqual([
        'POST / Action=ListTopics',
        'POST / Action=ListTopics',
        'POST / Action=GetTopicAttributes',
      ]);
      expect(Object.fromEntries(counter.counts())).toEqual({
        'sns ListTopics': 2,
        'sns GetTopicAttributes': 1,
      });
      counter.reset();
      expect(counter.counts().size).toBe(0);
    } finally {
      await counter.stop();
      await new Promise((r) => upstream.close(r));
    }
  });
});
