import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteParameterCommand,
  DeleteParametersCommand,
  GetParameterCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  HierarchyLevelLimitExceededException,
  InvalidNextToken,
  ParameterAlreadyExists,
  ParameterNotFound,
  ParameterPatternMismatchException,
  ParameterVersionNotFound,
  PutParameterCommand,
  SSMClient,
  type SSMServiceException,
} from '@aws-sdk/client-ssm';
import {
  type SsmServer,
  type SsmServerOptions,
  startSsmServer,
} from '@cognito-tenancy/local-stack/ssm-server';
import { afterEach, describe, expect, it } from '@jest/globals';

const running: SsmServer[] = [];
const clients: SSMClient[] = [];

async function setup(options: SsmServerOptions = {}) {
  const server = await startSsmServer(options);
  running.push(server);
  const ssm = new SSMClient({
    endpoint: server.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  clients.push(ssm);
  return { server, ssm };
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** Raw JSON 1.1 call, to check the wire shapes the SDK hides. */
async function raw(url: string, target: string, body: string, contentType = 'application/x-amz-json-1.1') {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-amz-target': target },
    body,
  });
  const json = (await response.json()) as { __type?: string; message?: string };
  return { status: response.status, type: response.headers.get('content-type'), json };
}

const put = (ssm: SSMClient, Name: string, Value: string, extra: object = {}) =>
  ssm.send(new PutParameterCommand({ Name, Value, Type: 'String', ...extra }));

describe('SSM Parameter Store stand-in, through the real @aws-sdk/client-ssm', () => {
  it('listens on 127.0.0.1 on a free port by default, and closes idempotently', async () => {
    const { server } = await setup();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    await server.close();
    await server.close();
    await expect(fetch(server.url)).rejects.toThrow();
  });

  it('puts and gets a parameter with version, date, ARN and data type', async () => {
    const { ssm } = await setup({ region: 'eu-west-1', accountId: '123456789012' });
    const before = Date.now();
    expect(await put(ssm, '/ct/dev/hosts/acme.example.com', '{"a":1}')).toMatchObject({
      Version: 1,
      Tier: 'Standard',
    });
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/ct/dev/hosts/acme.example.com' }));
    expect(Parameter).toMatchObject({
      Name: '/ct/dev/hosts/acme.example.com',
      Type: 'String',
      Value: '{"a":1}',
      Version: 1,
      DataType: 'text',
      ARN: 'arn:aws:ssm:eu-west-1:123456789012:parameter/ct/dev/hosts/acme.example.com',
    });
    expect(Parameter?.LastModifiedDate).toBeInstanceOf(Date);
    expect(Parameter!.LastModifiedDate!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('answers an unknown name with ParameterNotFound', async () => {
    const { ssm } = await setup();
    const error = await ssm.send(new GetParameterCommand({ Name: '/missing' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParameterNotFound);
    expect((error as SSMServiceException).$metadata.httpStatusCode).toBe(400);
  });

  it('refuses to overwrite without Overwrite, and bumps the version with it', async () => {
    const { ssm } = await setup();
    await put(ssm, '/p', 'one');
    await expect(put(ssm, '/p', 'two')).rejects.toBeInstanceOf(ParameterAlreadyExists);
    expect(await put(ssm, '/p', 'two', { Overwrite: true })).toMatchObject({ Version: 2 });
    const current = await ssm.send(new GetParameterCommand({ Name: '/p' }));
    expect(current.Parameter).toMatchObject({ Value: 'two', Version: 2 });
    const first = await ssm.send(new GetParameterCommand({ Name: '/p:1' }));
    expect(first.Parameter).toMatchObject({ Name: '/p', Value: 'one', Version: 1, Selector: ':1' });
    await expect(ssm.send(new GetParameterCommand({ Name: '/p:9' }))).rejects.toBeInstanceOf(
      ParameterVersionNotFound,
    );
  });

  it('keeps the type on an overwrite without Type, and requires a type on create', async () => {
    const { ssm } = await setup();
    await ssm.send(new PutParameterCommand({ Name: '/list', Value: 'a,b', Type: 'StringList' }));
    await ssm.send(new PutParameterCommand({ Name: '/list', Value: 'a,b,c', Overwrite: true }));
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/list' }));
    expect(Parameter).toMatchObject({ Type: 'StringList', Value: 'a,b,c' });
    await expect(ssm.send(new PutParameterCommand({ Name: '/untyped', Value: 'x' }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('deletes, then reports the parameter as not found', async () => {
    const { ssm } = await setup();
    await put(ssm, '/gone', 'x');
    await ssm.send(new DeleteParameterCommand({ Name: '/gone' }));
    await expect(ssm.send(new GetParameterCommand({ Name: '/gone' }))).rejects.toBeInstanceOf(
      ParameterNotFound,
    );
    await expect(ssm.send(new DeleteParameterCommand({ Name: '/gone' }))).rejects.toBeInstanceOf(
      ParameterNotFound,
    );
  });

  it('deletes in bulk and names what did not exist', async () => {
    const { ssm } = await setup();
    await put(ssm, '/a', '1');
    const result = await ssm.send(new DeleteParametersCommand({ Names: ['/a', '/b'] }));
    expect(result.DeletedParameters).toEqual(['/a']);
    expect(result.InvalidParameters).toEqual(['/b']);
  });

  it('gets several parameters and lists the missing ones as invalid', async () => {
    const { ssm } = await setup();
    await put(ssm, '/x/one', '1');
    await put(ssm, '/x/two', '2');
    const result = await ssm.send(new GetParametersCommand({ Names: ['/x/one', '/x/none', '/x/two'] }));
    expect(result.Parameters?.map((p) => p.Value)).toEqual(['1', '2']);
    expect(result.InvalidParameters).toEqual(['/x/none']);
    const tooMany = Array.from({ length: 11 }, (_, i) => `/x/${i}`);
    await expect(ssm.send(new GetParametersCommand({ Names: tooMany }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('lists one level by path, or the whole subtree with Recursive', async () => {
    const { ssm } = await setup();
    for (const name of [
      '/env/hosts/a.example.com',
      '/env/hosts/b.example.com',
      '/env/issuers/p_1',
      '/envy/x',
    ]) {
      await put(ssm, name, name);
    }
    await put(ssm, '/env/hosts/deep/c.example.com', 'deep');
    const direct = await ssm.send(new GetParametersByPathCommand({ Path: '/env/hosts' }));
    expect(direct.Parameters?.map((p) => p.Name)).toEqual([
      '/env/hosts/a.example.com',
      '/env/hosts/b.example.com',
    ]);
    const all = await ssm.send(new GetParametersByPathCommand({ Path: '/env/', Recursive: true }));
    expect(all.Parameters?.map((p) => p.Name)).toEqual([
      '/env/hosts/a.example.com',
      '/env/hosts/b.example.com',
      '/env/hosts/deep/c.example.com',
      '/env/issuers/p_1',
    ]);
  });

  it('pages with MaxResults and NextToken until every parameter is seen once', async () => {
    const { ssm } = await setup();
    const names = Array.from({ length: 23 }, (_, i) => `/page/p${String(i).padStart(2, '0')}`);
    for (const name of names) await put(ssm, name, 'v');
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await ssm.send(
        new GetParametersByPathCommand({ Path: '/page', MaxResults: 5, NextToken }),
      );
      expect(page.Parameters!.length).toBeLessThanOrEqual(5);
      seen.push(...page.Parameters!.map((p) => p.Name!));
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    expect(pages).toBe(5);
    expect(seen).toEqual(names);
  });

  it('refuses a NextToken it did not issue for that query, and MaxResults over 10', async () => {
    const { ssm } = await setup();
    for (const n of ['/t/a', '/t/b']) await put(ssm, n, 'v');
    const first = await ssm.send(new GetParametersByPathCommand({ Path: '/t', MaxResults: 1 }));
    expect(first.NextToken).toBeDefined();
    await expect(
      ssm.send(new GetParametersByPathCommand({ Path: '/other', NextToken: first.NextToken })),
    ).rejects.toBeInstanceOf(InvalidNextToken);
    await expect(
      ssm.send(new GetParametersByPathCommand({ Path: '/t', NextToken: 'not-a-token' })),
    ).rejects.toBeInstanceOf(InvalidNextToken);
    await expect(
      ssm.send(new GetParametersByPathCommand({ Path: '/t', MaxResults: 11 })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it.each([
    ['not fully qualified', 'a/b'],
    ['an empty level', '/a//b'],
    ['a space', '/a/b c'],
    ['a percent sign', '/a/%2F'],
    ['a backslash', '/a\\b'],
    ['the reserved aws prefix', '/aws/x'],
    ['the reserved ssm prefix', 'ssm-thing'],
    ['more than 1011 characters', `/${'a'.repeat(1012)}`],
  ])('refuses to write a name with %s (ValidationException)', async (_, name) => {
    const { ssm } = await setup();
    await expect(put(ssm, name, 'v')).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('refuses a hierarchy deeper than 15 levels', async () => {
    const { ssm } = await setup();
    const deep = `/${Array.from({ length: 16 }, (_, i) => `l${i}`).join('/')}`;
    await expect(put(ssm, deep, 'v')).rejects.toBeInstanceOf(HierarchyLevelLimitExceededException);
  });

  it('enforces the value size of the tier and AllowedPattern', async () => {
    const { ssm } = await setup();
    await expect(put(ssm, '/big', 'x'.repeat(4097))).rejects.toMatchObject({ name: 'ValidationException' });
    expect(await put(ssm, '/big', 'x'.repeat(4097), { Tier: 'Advanced' })).toMatchObject({
      Tier: 'Advanced',
    });
    await expect(put(ssm, '/num', 'abc', { AllowedPattern: '\\d+' })).rejects.toBeInstanceOf(
      ParameterPatternMismatchException,
    );
  });

  it('does not hand out a SecureString in plaintext unless asked to decrypt', async () => {
    const { ssm } = await setup();
    await ssm.send(new PutParameterCommand({ Name: '/secret', Value: 's3cr3t', Type: 'SecureString' }));
    const hidden = await ssm.send(new GetParameterCommand({ Name: '/secret' }));
    expect(hidden.Parameter?.Value).not.toBe('s3cr3t');
    const shown = await ssm.send(new GetParameterCommand({ Name: '/secret', WithDecryption: true }));
    expect(shown.Parameter?.Value).toBe('s3cr3t');
  });
});

describe('SSM stand-in wire format', () => {
  it('answers errors as {"__type","message"} with HTTP 400 and the JSON 1.1 content type', async () => {
    const { server } = await setup();
    const response = await raw(server.url, 'AmazonSSM.GetParameter', '{"Name":"/nope"}');
    expect(response.status).toBe(400);
    expect(response.type).toBe('application/x-amz-json-1.1');
    expect(response.json).toEqual({ __type: 'ParameterNotFound', message: expect.any(String) });
  });

  it.each([
    ['AmazonSSM.SendCommand', '{}', 'UnknownOperationException'],
    ['AmazonSSM.__proto__', '{}', 'UnknownOperationException'],
    ['Other.GetParameter', '{}', 'UnknownOperationException'],
    ['AmazonSSM.GetParameter', '{not json', 'SerializationException'],
    ['AmazonSSM.GetParameter', '[1]', 'SerializationException'],
    ['AmazonSSM.GetParameter', '{"Name":7}', 'SerializationException'],
    ['AmazonSSM.GetParameter', '{}', 'ValidationException'],
  ])('answers target %s with body %s as %s', async (target, body, type) => {
    const { server } = await setup();
    const response = await raw(server.url, target, body);
    expect(response.status).toBe(400);
    expect(response.json.__type).toBe(type);
  });

  it('refuses another content type and non-POST methods', async () => {
    const { server } = await setup();
    const wrongType = await raw(server.url, 'AmazonSSM.GetParameter', '{"Name":"/a"}', 'application/json');
    expect(wrongType.json.__type).toBe('SerializationException');
    const get = await fetch(server.url);
    expect(get.status).toBe(405);
  });

  it('answers an oversized body with 413 instead of buffering it', async () => {
    const { server } = await setup();
    const body = JSON.stringify({ Name: '/a', Value: 'x'.repeat(2 * 1024 * 1024) });
    const response = await raw(server.url, 'AmazonSSM.PutParameter', body);
    expect(response.status).toBe(413);
    expect(server.store.get('/a')).toBeUndefined();
  });
});

describe('SSM stand-in persistence', () => {
  it('survives a restart when given a file, written atomically without leftovers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssm-'));
    const file = join(dir, 'nested', 'ssm.json');
    const first = await setup({ file });
    await put(first.ssm, '/keep', 'one');
    await put(first.ssm, '/keep', 'two', { Overwrite: true });
    await put(first.ssm, '/drop', 'x');
    await first.ssm.send(new DeleteParameterCommand({ Name: '/drop' }));
    expect(readdirSync(join(dir, 'nested'))).toEqual(['ssm.json']);
    expect(JSON.parse(readFileSync(file, 'utf8')).parameters.map((p: { name: string }) => p.name)).toEqual([
      '/keep',
    ]);

    const second = await setup({ file });
    const { Parameter } = await second.ssm.send(new GetParameterCommand({ Name: '/keep' }));
    expect(Parameter).toMatchObject({ Value: 'two', Version: 2 });
    expect((await second.ssm.send(new GetParameterCommand({ Name: '/keep:1' }))).Parameter?.Value).toBe(
      'one',
    );
  });

  it('refuses to start on a damaged file rather than emptying it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ssm-')), 'ssm.json');
    writeFileSync(file, '{"parameters": "nope"}');
    await expect(startSsmServer({ file })).rejects.toThrow(/not a Parameter Store stand-in file/);
    expect(readFileSync(file, 'utf8')).toBe('{"parameters": "nope"}');
  });

  it('keeps state in memory only when no file is given', async () => {
    const first = await setup();
    await put(first.ssm, '/mem', 'v');
    expect(first.server.store.get('/mem')?.versions).toHaveLength(1);
    const second = await setup();
    await expect(second.ssm.send(new GetParameterCommand({ Name: '/mem' }))).rejects.toBeInstanceOf(
      ParameterNotFound,
    );
  });
});
