import { describe, expect, it } from '@jest/globals';
import { hydrate } from '../../src/hydrate';
import { jwksUri } from '../../src/issuer';
import { RecordingLogger } from '../support/logger';
import { ACME_POOL, issuerOf, issuerRecord, ROGUE_POOL, SHARED_POOL, world } from '../support/world';

const options = (userPoolIds: string[] | undefined, logger = new RecordingLogger()) => ({
  userPoolIds,
  localIssuerOrigin: undefined,
  timeoutMs: 500,
  logger,
});

describe('hydrate', () => {
  it('loads the listed issuers and their key sets, so first requests need no I/O', async () => {
    const w = world();
    const logger = new RecordingLogger();

    const result = await hydrate(w.parts, options([ACME_POOL, SHARED_POOL, ROGUE_POOL], logger));

    expect(result).toEqual({ issuers: 2, keySets: 2, timedOut: false });
    expect(w.fetcher.requests.sort()).toEqual(
      [jwksUri(issuerOf(ACME_POOL)), jwksUri(issuerOf(SHARED_POOL))].sort(),
    );
    expect(logger.lines).toEqual([
      {
        level: 'info',
        message: 'hydrated',
        fields: { reason: 'hydrated', issuers: 2, keySets: 2, timedOut: false },
      },
    ]);
    const calls = w.store.calls.length;
    await w.parts.tokens.trustedIssuer(issuerOf(ACME_POOL));
    expect(w.store.calls.length).toBe(calls);
  });

  it('does nothing without a pool list', async () => {
    const w = world();
    expect(await hydrate(w.parts, options(undefined))).toEqual({ issuers: 0, keySets: 0, timedOut: false });
    expect(await hydrate(w.parts, options([]))).toEqual({ issuers: 0, keySets: 0, timedOut: false });
    expect(w.store.calls).toEqual([]);
  });

  it('never fetches keys for a registered record whose issuer is not in canonical form', async () => {
    const w = world();
    w.store.putIssuer({ ...issuerRecord(ACME_POOL), issuer: 'https://evil.example/eu-west-1_AcmePool1' });

    const result = await hydrate(w.parts, options([ACME_POOL]));

    expect(result).toEqual({ issuers: 1, keySets: 0, timedOut: false });
    expect(w.fetcher.requests).toEqual([]);
  });

  it('counts key sets that failed to load', async () => {
    const w = world();
    w.fetcher.fail(jwksUri(issuerOf(ACME_POOL)));

    expect(await hydrate(w.parts, options([ACME_POOL]))).toEqual({ issuers: 1, keySets: 0, timedOut: false });
  });

  it('gives up after its timeout and lets requests load lazily', async () => {
    const w = world();
    w.fetcher.hang(jwksUri(issuerOf(ACME_POOL)));
    const started = Date.now();

    const result = await hydrate(w.parts, { ...options([ACME_POOL]), timeoutMs: 100 });

    expect(result.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('survives a failing store and logs a warning', async () => {
    const w = world();
    w.store.failWith = new Error('AccessDenied');
    const logger = new RecordingLogger();

    expect(await hydrate(w.parts, options([ACME_POOL], logger))).toEqual({
      issuers: 0,
      keySets: 0,
      timedOut: false,
    });
    expect(logger.lines[0]).toMatchObject({
      level: 'warn',
      fields: { reason: 'hydration-failed', errorName: 'Error' },
    });
  });
});
