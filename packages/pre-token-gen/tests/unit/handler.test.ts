import { afterAll, describe, expect, it } from '@jest/globals';
import { SignInFailedError } from '../../src/errors';
import { cognitoEvent } from './fixtures';

const saved = { ...process.env };
afterAll(() => {
  process.env = saved;
});

describe('handler (module wiring)', () => {
  it('reads its configuration at import and answers with the generic error when it cannot bind', async () => {
    process.env = {
      ...saved,
      TENANT_TABLE_NAME: 'tenants',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      AWS_REGION: 'eu-west-1',
    };
    const { handler } = await import('../../src/handler');
    // A native user of the (unconfigured) shared pool is refused before any I/O.
    await expect(handler(cognitoEvent({ version: '3' }))).rejects.toBeInstanceOf(SignInFailedError);
    await expect(handler(null)).rejects.toBeInstanceOf(SignInFailedError);
  });
});
