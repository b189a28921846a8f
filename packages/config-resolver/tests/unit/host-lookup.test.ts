import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { HostRecord } from '@cognito-tenancy/registry/records';
import { deferred } from '@cognito-tenancy/registry/testing/ttl-cache';
import { TokenBucket } from '@cognito-tenancy/registry/token-bucket';
import { TtlCache } from '@cognito-tenancy/registry/ttl-cache';
import { describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { RegistryUnavailableError } from '../../src/errors';
import { createHostLookup, unavailableReason } from '../../src/host-lookup';
import { tenantHost } from '../../src/tenant-host';
import { hostRecord, notFound, PREFIX, sdkError } from '../helpers';

function setup(options: { rate?: number; maxConcurrentLoads?: number; loadTimeoutMs?: number } = {}) {
  const ssm = new SSMClient({ region: 'eu-west-1' });
  const mock = mockClient(ssm);
  const cache = new TtlCache<HostRecord>({
    ttlMs: 1000,
    negativeTtlMs: 1000,
    staleIfErrorMs: 0,
    maxEntries: 10,
    maxConcurrentLoads: options.maxConcurrentLoads ?? 10,
    ...(options.loadTimeoutMs === undefined ? {} : { loadTimeoutMs: options.loadTimeoutMs }),
  });
  const lookup = createHostLookup({ ssm, cache, budget: new TokenBucket(options.rate ?? 100) });
  return { lookup, mock };
}

const acme = tenantHost('acme.app.example.com', PREFIX);
const value = (v: unknown) => ({ Parameter: { Value: typeof v === 'string' ? v : JSON.stringify(v) } });

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryUnavailableError);
  return (error as RegistryUnavailableError).reason;
}

describe('createHostLookup', () => {
  it('calls GetParameter on the host parameter only, and parses the record', async () => {
    const { lookup, mock } = setup();
    mock.on(GetParameterCommand).resolves(value(hostRecord('acme')));
    const result = await lookup(acme);
    expect(result.value?.tenantId).toBe('acme');
    expect(mock.calls()).toHaveLength(1);
    expect(mock.commandCalls(GetParameterCommand)[0]?.args[0].input).toEqual({
      Name: '/cognito-tenancy/test/hosts/acme.app.example.com',
    });
  });

  it('maps ParameterNotFound to an unknown host', async () => {
    const { lookup, mock } = setup();
    mock.on(GetParameterCommand).rejects(notFound());
    expect(await lookup(acme)).toEqual({ value: undefined, source: 'load' });
  });

  it.each([
    ['not JSON', '{tenantId'],
    ['a record without a pool', JSON.stringify({ ...hostRecord('acme'), userPoolId: undefined })],
    ['a tenant id that could escape', JSON.stringify(hostRecord('../globex'))],
    ['an oversized value', JSON.stringify({ ...hostRecord('acme'), pad: 'x'.repeat(9000) })],
  ])('treats %s as a damaged record', async (_, raw) => {
    const { lookup, mock } = setup();
    mock.on(GetParameterCommand).resolves(value(raw));
    expect(await reasonOf(lookup(acme))).toBe('record-invalid');
  });

  it('treats a parameter without a value as a damaged record', async () => {
    const { lookup, mock } = setup();
    mock.on(GetParameterCommand).resolves({});
    expect(await reasonOf(lookup(acme))).toBe('record-invalid');
  });

  it.each([
    [sdkError('ThrottlingException'), 'ssm-throttled'],
    [sdkError('SomethingElse', { $retryable: { throttling: true } }), 'ssm-throttled'],
    [sdkError('TimeoutError'), 'ssm-timeout'],
    [sdkError('AbortError'), 'ssm-timeout'],
    [Object.assign(new Error('socket'), { code: 'ETIMEDOUT' }), 'ssm-timeout'],
    [sdkError('AccessDeniedException'), 'ssm-error'],
    [sdkError('InternalServerError'), 'ssm-error'],
  ])('classifies %s as %s', async (error, reason) => {
    const { lookup, mock } = setup();
    mock.on(GetParameterCommand).rejects(error);
    expect(await reasonOf(lookup(acme))).toBe(reason);
  });

  it('classifies a thrown non-error as an SSM error', () => {
    expect(unavailableReason('boom')).toBe('ssm-error');
    expect(unavailableReason(undefined)).toBe('ssm-error');
  });

  it('does not call SSM once the lookup budget is spent', async () => {
    const { lookup, mock } = setup({ rate: 1 });
    mock.on(GetParameterCommand).rejects(notFound());
    await lookup(tenantHost('a.example.com', PREFIX));
    expect(await reasonOf(lookup(tenantHost('b.example.com', PREFIX)))).toBe('lookup-rate-limited');
    expect(mock.calls()).toHaveLength(1);
  });

  it('fails fast when too many hosts are loading at once', async () => {
    const { lookup, mock } = setup({ maxConcurrentLoads: 1 });
    const gate = deferred<unknown>();
    mock.on(GetParameterCommand).callsFake(() => gate.promise);
    const first = lookup(tenantHost('a.example.com', PREFIX));
    expect(await reasonOf(lookup(tenantHost('b.example.com', PREFIX)))).toBe('lookup-busy');
    gate.reject(notFound());
    await expect(first).resolves.toEqual({ value: undefined, source: 'load' });
  });

  it('gives up on a lookup that outlives its timeout', async () => {
    const { lookup, mock } = setup({ loadTimeoutMs: 20 });
    mock.on(GetParameterCommand).callsFake(() => new Promise(() => {}));
    expect(await reasonOf(lookup(acme))).toBe('ssm-timeout');
  });
});
