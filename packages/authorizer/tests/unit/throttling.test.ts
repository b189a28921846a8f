import { SSMServiceException } from '@aws-sdk/client-ssm';
import { describe, expect, it } from '@jest/globals';
import { SSM_THROTTLED } from '../../src/create-handler';
import { isThrottled } from '../../src/throttling';
import { ACME_POOL, bearerEvent, decide, tokenOf, world } from '../support/world';

/** What the SDK throws when SSM refuses a call for its rate (after its own retries). */
function ssmError(name: string, throttling: boolean): SSMServiceException {
  const error = new SSMServiceException({ name, $fault: 'client', $metadata: {}, message: 'Rate exceeded' });
  if (throttling) Object.assign(error, { $retryable: { throttling: true } });
  return error;
}

describe('isThrottled', () => {
  it('recognises the SDK throttle marker, the name, and either one a few causes down', () => {
    expect(isThrottled(ssmError('ThrottlingException', true))).toBe(true);
    expect(isThrottled(ssmError('SomethingElse', true))).toBe(true);
    expect(isThrottled(ssmError('ThrottlingException', false))).toBe(true);
    expect(isThrottled(Object.assign(new Error('x'), { name: 'TooManyRequestsException' }))).toBe(true);
    const wrapped = new Error('registry read failed', {
      cause: new Error('batch', { cause: ssmError('ThrottlingException', true) }),
    });
    expect(isThrottled(wrapped)).toBe(true);
  });

  it('says no for other failures, non-errors, and a throttle buried too deep', () => {
    expect(isThrottled(ssmError('AccessDeniedException', false))).toBe(false);
    expect(isThrottled(ssmError('InternalServerError', false))).toBe(false);
    expect(isThrottled(Object.assign(new Error('t'), { name: 'TimeoutError' }))).toBe(false);
    expect(isThrottled('ThrottlingException')).toBe(false);
    expect(isThrottled(undefined)).toBe(false);
    let deep: Error = ssmError('ThrottlingException', true);
    for (let i = 0; i < 4; i++) deep = new Error('wrap', { cause: deep });
    expect(isThrottled(deep)).toBe(false);
  });
});

describe('the handler logs SSM throttling distinctly', () => {
  it('adds detail ssm-throttled to the registry-unavailable line when SSM throttles', async () => {
    const w = world();
    w.store.failWith = ssmError('ThrottlingException', true);

    expect((await decide(w.handler, bearerEvent(tokenOf(ACME_POOL)))).kind).toBe('unauthorized');

    const line = w.logger.lines.at(-1);
    expect(line?.level).toBe('error');
    expect(line?.fields).toMatchObject({ reason: 'registry-unavailable', detail: SSM_THROTTLED });
  });

  it('leaves detail out for other registry failures', async () => {
    const w = world();
    w.store.failWith = ssmError('AccessDeniedException', false);

    expect((await decide(w.handler, bearerEvent(tokenOf(ACME_POOL)))).kind).toBe('unauthorized');

    const line = w.logger.lines.at(-1);
    expect(line?.fields.reason).toBe('registry-unavailable');
    expect(line?.fields).not.toHaveProperty('detail');
  });
});
