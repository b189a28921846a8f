import { GetParameterCommand, GetParametersCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { createSsmClient, SsmParameterStore } from '../../src/ssm-store';

describe('SsmParameterStore', () => {
  it('returns the value of a parameter', async () => {
    const ssm = mockClient(SSMClient);
    ssm.on(GetParameterCommand, { Name: '/p/issuers/x' }).resolves({ Parameter: { Value: '{"a":1}' } });

    expect(await new SsmParameterStore(new SSMClient({})).getParameter('/p/issuers/x')).toBe('{"a":1}');
    ssm.restore();
  });

  it('returns undefined for ParameterNotFound', async () => {
    const ssm = mockClient(SSMClient);
    ssm.on(GetParameterCommand).rejects(new ParameterNotFound({ message: 'not found', $metadata: {} }));

    expect(await new SsmParameterStore(new SSMClient({})).getParameter('/p/x')).toBeUndefined();
    ssm.restore();
  });

  it('recognises ParameterNotFound by name too (errors from another SDK copy)', async () => {
    const ssm = mockClient(SSMClient);
    ssm.on(GetParameterCommand).rejects(Object.assign(new Error('nope'), { name: 'ParameterNotFound' }));

    expect(await new SsmParameterStore(new SSMClient({})).getParameter('/p/x')).toBeUndefined();
    ssm.restore();
  });

  it('propagates every other error', async () => {
    const ssm = mockClient(SSMClient);
    ssm
      .on(GetParameterCommand)
      .rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));

    await expect(new SsmParameterStore(new SSMClient({})).getParameter('/p/x')).rejects.toThrow('slow down');
    ssm.restore();
  });

  it('returns the found parameters of a batch by name', async () => {
    const ssm = mockClient(SSMClient);
    ssm.on(GetParametersCommand).resolves({
      Parameters: [{ Name: '/p/a', Value: '1' }, { Name: '/p/b' }],
      InvalidParameters: ['/p/c'],
    });

    const values = await new SsmParameterStore(new SSMClient({})).getParameters(['/p/a', '/p/b', '/p/c']);

    expect([...values]).toEqual([['/p/a', '1']]);
    expect(ssm.commandCalls(GetParametersCommand)[0]?.args[0].input).toEqual({
      Names: ['/p/a', '/p/b', '/p/c'],
    });
    ssm.restore();
  });

  it('handles a batch answer without parameters', async () => {
    const ssm = mockClient(SSMClient);
    ssm.on(GetParametersCommand).resolves({});

    expect((await new SsmParameterStore(new SSMClient({})).getParameters(['/p/a'])).size).toBe(0);
    ssm.restore();
  });
});

describe('createSsmClient', () => {
  it('bounds retries to two attempts', async () => {
    const client = createSsmClient({ timeoutMs: 700 });
    expect(await client.config.maxAttempts()).toBe(2);
    client.destroy();
  });
});
