import { describe, expect, it } from '@jest/globals';

describe('handler module (cold start)', () => {
  it('fails at import, naming every bad variable, when the environment is misconfigured', async () => {
    process.env.REGISTRY_PREFIX = 'no-leading-slash';
    process.env.CACHE_TTL_SECONDS = 'soon';
    await expect(import('../../src/handler')).rejects.toThrow(
      /config-resolver configuration: REGISTRY_PREFIX must be .*; CACHE_TTL_SECONDS must be an integer/,
    );
  });
});
