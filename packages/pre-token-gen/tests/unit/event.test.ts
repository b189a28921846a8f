import { describe, expect, it } from '@jest/globals';
import { UnsupportedEventError } from '../../src/errors';
import { parseEvent, TRIGGER_SOURCES } from '../../src/event';
import { cognitoEvent, SHARED_POOL } from './fixtures';

const strict = { cognitoLocalCompat: false };
const compat = { cognitoLocalCompat: true };

function rejection(raw: unknown, options = strict): string | undefined {
  try {
    parseEvent(raw, options);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(UnsupportedEventError);
    return (error as UnsupportedEventError).reason;
  }
}

describe('parseEvent', () => {
  it.each(TRIGGER_SOURCES)('reads a V1 %s event', (triggerSource) => {
    const event = parseEvent(cognitoEvent({ triggerSource }), strict);
    expect(event).toMatchObject({ version: 1, local: false, triggerSource, userPoolId: SHARED_POOL });
    expect(event.attributes.email).toBe('bob@acme.com');
    expect(event.cognitoGroups).toEqual([`${SHARED_POOL}_AcmeIdP`]);
  });

  it.each(TRIGGER_SOURCES)('reads a V2 %s event', (triggerSource) => {
    expect(parseEvent(cognitoEvent({ version: '2', triggerSource }), strict)).toMatchObject({
      version: 2,
      triggerSource,
    });
  });

  it.each([['3'], ['0'], [''], [1], [2], [null], [undefined], ['1.0'], ['2 ']])(
    'fails closed on version %p',
    (version) => {
      const event = { ...cognitoEvent(), version };
      expect(rejection(event)).toBe('unsupported-version');
    },
  );

  it('accepts cognito-local version "0" only in compatibility mode and only from region local', () => {
    const local = cognitoEvent({ version: '0', region: 'local', userPoolId: 'local_AbCd1234' });
    expect(rejection(local)).toBe('unsupported-version');
    expect(parseEvent(local, compat)).toMatchObject({ version: 1, local: true });
    expect(rejection(cognitoEvent({ version: '0', region: 'eu-west-1' }), compat)).toBe(
      'unsupported-version',
    );
    expect(parseEvent(cognitoEvent({ version: '1', region: 'local' }), compat).local).toBe(false);
  });

  it.each([
    ['a client-credentials (V3) source', { triggerSource: 'TokenGeneration_ClientCredentials' }],
    ['another trigger', { triggerSource: 'PreSignUp_SignUp' }],
    ['a missing pool id', { userPoolId: '' }],
    ['a pool id that could escape a key', { userPoolId: 'eu-west-1_abc#IDP' }],
  ])('refuses %s', (_name, options) => {
    expect(rejection(cognitoEvent(options))).toBe('unsupported-event');
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['a string', 'event'],
    ['no request', { ...cognitoEvent(), request: undefined }],
    ['no user attributes', { ...cognitoEvent(), request: {} }],
    ['user attributes as an array', { ...cognitoEvent(), request: { userAttributes: [] } }],
  ])('refuses %s', (_name, raw) => {
    expect(rejection(raw)).toBe('unsupported-event');
  });

  it('keeps only string attributes, with no prototype to pollute', () => {
    const raw = cognitoEvent();
    const request = raw.request as Record<string, unknown>;
    request.userAttributes = JSON.parse('{"email":"a@acme.com","n":1,"__proto__":"x","o":{"a":1}}');
    const event = parseEvent(raw, strict);
    expect(Object.keys(event.attributes).sort()).toEqual(['__proto__', 'email']);
    expect(Object.getPrototypeOf(event.attributes)).toBeNull();
  });

  it('treats a missing or odd group configuration as no groups', () => {
    const raw = cognitoEvent();
    (raw.request as Record<string, unknown>).groupConfiguration = {};
    expect(parseEvent(raw, strict).cognitoGroups).toEqual([]);
    (raw.request as Record<string, unknown>).groupConfiguration = { groupsToOverride: ['a', 3, null, 'b'] };
    expect(parseEvent(raw, strict).cognitoGroups).toEqual(['a', 'b']);
  });

  it('ignores inherited properties', () => {
    const raw = Object.create(cognitoEvent());
    expect(rejection(raw)).toBe('unsupported-version');
  });
});
