import {
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { createFindUsers, createGlobalSignOut, identityProviders } from '../../src/user-directory';
import { subOf } from '../support/world';

function setup() {
  const client = new CognitoIdentityProviderClient({ region: 'eu-west-1' });
  return { client, mock: mockClient(client) };
}

describe('createFindUsers', () => {
  it('asks for the exact sub in that pool, and reads only sub and identities', async () => {
    const { client, mock } = setup();
    mock.on(ListUsersCommand).resolves({
      Users: [
        {
          Username: 'GlobexEntra_frank@globex.example',
          Attributes: [
            { Name: 'sub', Value: subOf('frank') },
            { Name: 'identities', Value: '[{"providerName":"GlobexEntra","userId":"frank"}]' },
          ],
        },
      ],
    });
    const users = await createFindUsers(client)('eu-west-1_S1', subOf('frank'));
    expect(users).toEqual([
      { username: 'GlobexEntra_frank@globex.example', sub: subOf('frank'), providerNames: ['GlobexEntra'] },
    ]);
    expect(mock.commandCalls(ListUsersCommand)[0]?.args[0].input).toEqual({
      UserPoolId: 'eu-west-1_S1',
      Filter: `sub = "${subOf('frank')}"`,
      AttributesToGet: ['sub', 'identities'],
      Limit: 2,
    });
  });

  it('reads a user without attributes as one with no sub and no identities', async () => {
    const { client, mock } = setup();
    mock.on(ListUsersCommand).resolves({ Users: [{}] });
    expect(await createFindUsers(client)('p_1', subOf('x'))).toEqual([
      { username: '', sub: '', providerNames: undefined },
    ]);
    mock.on(ListUsersCommand).resolves({});
    expect(await createFindUsers(client)('p_1', subOf('x'))).toEqual([]);
  });

  it('never sends a filter built from anything but a UUID', async () => {
    const { client, mock } = setup();
    await expect(createFindUsers(client)('p_1', '" or sub ^= "')).rejects.toThrow('not a user sub');
    expect(mock.commandCalls(ListUsersCommand)).toHaveLength(0);
  });

  it('passes Cognito failures on', async () => {
    const { client, mock } = setup();
    mock.on(ListUsersCommand).rejects(new Error('throttled'));
    await expect(createFindUsers(client)('p_1', subOf('x'))).rejects.toThrow('throttled');
  });
});

describe('identityProviders', () => {
  it('lists the provider of each identity', () => {
    expect(identityProviders('[{"providerName":"A"},{"providerName":"B"}]')).toEqual(['A', 'B']);
    expect(identityProviders(undefined)).toBeUndefined();
  });

  it.each(['not json', '{"providerName":"A"}', '[{"providerName":1}]', '[null]', '["A"]'])(
    'reads %j as unreadable (null)',
    (raw) => {
      expect(identityProviders(raw)).toBeNull();
    },
  );
});

describe('createGlobalSignOut', () => {
  it('signs the user out of the given pool', async () => {
    const { client, mock } = setup();
    mock.on(AdminUserGlobalSignOutCommand).resolves({});
    await createGlobalSignOut(client)('eu-west-1_A1', 'AcmeOkta_bob');
    expect(mock.commandCalls(AdminUserGlobalSignOutCommand)[0]?.args[0].input).toEqual({
      UserPoolId: 'eu-west-1_A1',
      Username: 'AcmeOkta_bob',
    });
  });

  it('passes a failure on (the caller reports the sign-out incomplete)', async () => {
    const { client, mock } = setup();
    mock
      .on(AdminUserGlobalSignOutCommand)
      .rejects(new UserNotFoundException({ message: 'gone', $metadata: {} }));
    await expect(createGlobalSignOut(client)('p_1', 'u')).rejects.toBeInstanceOf(UserNotFoundException);
  });
});
