import { describe, expect, it } from '@jest/globals';

describe('handler (the wired Lambda entry point)', () => {
  it('loads its configuration at import and answers a request without a token with Unauthorized', async () => {
    process.env.REGISTRY_PREFIX = '/cognito-tenancy/unit';
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    process.env.AWS_REGION = 'eu-west-1';

    const { handler } = await import('../../src/handler');

    await expect(handler({ type: 'TOKEN', methodArn: 'x', authorizationToken: '' })).rejects.toEqual(
      new Error('Unauthorized'),
    );
    await expect(
      handler({ type: 'REQUEST', methodArn: 'x', headers: { Authorization: 'Bearer a.b' } }),
    ).rejects.toEqual(new Error('Unauthorized'));
  });
});
