import { describe, expect, it } from '@jest/globals';
import { GENERIC_ERROR_MESSAGE, RegistryError, SignInFailedError } from '../../src/errors';
import { TRIGGER_SOURCES } from '../../src/event';
import { ACME, acmeUser, cognitoEvent, fakeLookup, handlerSetup, identities, SHARED_POOL } from './fixtures';

const ACME_GROUPS = [`${SHARED_POOL}_AcmeIdP`, 'Admins', 'app-reader'];

describe('createHandler', () => {
  it.each(TRIGGER_SOURCES)(
    'V1 %s: returns the event with the ID token claims and group override',
    async (source) => {
      const { handler } = handlerSetup();
      const event = cognitoEvent({ version: '1', triggerSource: source });
      const result = await handler(event);
      expect(result).toEqual({
        ...event,
        response: {
          claimsOverrideDetails: {
            claimsToAddOrOverride: { 'custom:tenantName': 'acme', 'custom:domainName': 'acme.com' },
            claimsToSuppress: [],
            groupOverrideDetails: { groupsToOverride: ACME_GROUPS, iamRolesToOverride: [] },
          },
        },
      });
    },
  );

  it.each(TRIGGER_SOURCES)('V2 %s: customises both tokens', async (source) => {
    const { handler } = handlerSetup();
    const result = await handler(cognitoEvent({ version: '2', triggerSource: source }));
    const claims = { 'custom:tenantName': 'acme', 'custom:domainName': 'acme.com' };
    expect(result.response).toEqual({
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: claims, claimsToSuppress: [] },
        accessTokenGeneration: { claimsToAddOrOverride: claims, claimsToSuppress: [] },
        groupOverrideDetails: { groupsToOverride: ACME_GROUPS, iamRolesToOverride: [] },
      },
    });
  });

  it('logs the outcome with a reason code, tenant and counts only', async () => {
    const { handler, logger } = handlerSetup();
    await handler(cognitoEvent());
    expect(logger.lines).toEqual([
      {
        level: 'info',
        message: 'tenant bound',
        attributes: {
          version: 1,
          triggerSource: 'TokenGeneration_HostedAuth',
          userPoolId: SHARED_POOL,
          reason: 'tenant-bound',
          tenantId: 'acme',
          providerName: 'AcmeIdP',
          groupCount: 3,
          flags: [],
        },
      },
    ]);
  });

  it('flags a foreign email domain in flag mode and still binds the IdP tenant', async () => {
    const { handler, logger } = handlerSetup({ EMAIL_DOMAIN_CHECK: 'flag' });
    const result = await handler(cognitoEvent({ attributes: acmeUser({ email: 'bob@globex.com' }) }));
    expect(result.response).toMatchObject({
      claimsOverrideDetails: {
        claimsToAddOrOverride: { 'custom:tenantName': 'acme' },
        claimsToSuppress: ['custom:domainName'],
      },
    });
    expect(logger.lines[0]?.attributes).toMatchObject({
      reason: 'tenant-bound-domain-flagged',
      flags: ['email-domain-mismatch'],
    });
  });

  it('fails closed with the generic error and logs why', async () => {
    const { handler, logger } = handlerSetup();
    const attempt = handler(cognitoEvent({ attributes: acmeUser({ identities: identities('UnknownIdP') }) }));
    await expect(attempt).rejects.toBeInstanceOf(SignInFailedError);
    await expect(attempt).rejects.toThrow(GENERIC_ERROR_MESSAGE);
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        message: 'sign-in rejected',
        attributes: {
          version: 1,
          triggerSource: 'TokenGeneration_HostedAuth',
          userPoolId: SHARED_POOL,
          reason: 'unknown-tenant',
        },
      },
    ]);
  });

  it('logs store failures as errors', async () => {
    const { handler, logger } = handlerSetup({}, async () => {
      throw new RegistryError('registry-unavailable');
    });
    await expect(handler(cognitoEvent())).rejects.toBeInstanceOf(SignInFailedError);
    expect(logger.lines).toEqual([
      {
        level: 'error',
        message: 'sign-in rejected',
        attributes: expect.objectContaining({ reason: 'registry-unavailable' }),
      },
    ]);
  });

  it('issues tokens without tenant claims when configured, for an unknown tenant', async () => {
    const { handler, logger } = handlerSetup({ ALLOW_TOKENS_WITHOUT_TENANT: 'true' });
    const result = await handler(
      cognitoEvent({ version: '2', attributes: acmeUser({ identities: identities('UnknownIdP') }) }),
    );
    const suppressed = {
      claimsToAddOrOverride: {},
      claimsToSuppress: ['custom:tenantName', 'custom:domainName'],
    };
    expect(result.response).toEqual({
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: suppressed,
        accessTokenGeneration: suppressed,
        groupOverrideDetails: { groupsToOverride: [], iamRolesToOverride: [] },
      },
    });
    expect(logger.lines[0]).toMatchObject({
      level: 'warn',
      attributes: { reason: 'no-tenant:unknown-tenant' },
    });
  });

  it('still rejects store failures and email mismatches when tokens without tenant are allowed', async () => {
    const failing = handlerSetup({ ALLOW_TOKENS_WITHOUT_TENANT: 'true' }, async () => {
      throw new Error('down');
    });
    await expect(failing.handler(cognitoEvent())).rejects.toBeInstanceOf(SignInFailedError);
    const spoof = handlerSetup({ ALLOW_TOKENS_WITHOUT_TENANT: 'true' });
    await expect(
      spoof.handler(cognitoEvent({ attributes: acmeUser({ email: 'bob@globex.com' }) })),
    ).rejects.toBeInstanceOf(SignInFailedError);
  });

  it('fails closed on an unknown event version', async () => {
    const { handler, logger } = handlerSetup();
    await expect(handler(cognitoEvent({ version: '3' }))).rejects.toBeInstanceOf(SignInFailedError);
    expect(logger.lines[0]?.attributes).toEqual({ reason: 'unsupported-version' });
  });

  it('answers cognito-local events in compatibility mode only', async () => {
    const local = cognitoEvent({ version: '0', region: 'local', userPoolId: 'local_AbCd1234' });
    await expect(handlerSetup().handler(local)).rejects.toBeInstanceOf(SignInFailedError);
    const { lookup } = fakeLookup({ 'IDP#local_AbCd1234#AcmeIdP': ACME });
    const { handler } = handlerSetup(
      { COGNITO_LOCAL_COMPAT: 'true', SHARED_USER_POOL_IDS: 'local_AbCd1234' },
      lookup,
    );
    const result = await handler(local);
    expect(result.response).toMatchObject({
      claimsOverrideDetails: {
        claimsToAddOrOverride: { 'custom:tenantName': 'acme', 'cognito:groups': ['Admins', 'app-reader'] },
      },
    });
  });
});

describe('the handler skeleton', () => {
  it('logs one line per sign-in with the Lambda request id, bound or rejected', async () => {
    const { handler, logger } = handlerSetup();

    await handler(cognitoEvent(), { awsRequestId: '0b9e1c2d-0000-4000-8000-00000000beef' });
    await expect(handler(null, { awsRequestId: 'rejected-1' })).rejects.toBeInstanceOf(SignInFailedError);

    expect(
      logger.lines.map((line) => [line.message, line.attributes.reason, line.attributes.requestId]),
    ).toEqual([
      ['tenant bound', 'tenant-bound', '0b9e1c2d-0000-4000-8000-00000000beef'],
      ['sign-in rejected', 'unsupported-event', 'rejected-1'],
    ]);
  });

  it('is a middy handler a team can extend with .use()', async () => {
    const { handler } = handlerSetup();
    const seen: string[] = [];
    handler.use({
      before: () => {
        seen.push('before');
      },
    });

    await handler(cognitoEvent());

    expect(seen).toEqual(['before']);
  });
});
