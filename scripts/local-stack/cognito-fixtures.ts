/**
 * Setting up cognito-local with the real `@aws-sdk/client-cognito-identity-provider`: a
 * pool with the custom attributes this project maps (`groups`, `tenantName`,
 * `domainName`), an app client allowing USER_PASSWORD_AUTH, and demo users that look
 * federated the way Cognito stores them (`<IdP>_<id>` username, an `identities`
 * attribute, membership in Cognito's `<poolId>_<IdP>` group), with a password so a test
 * or a person can sign in without a SAML IdP.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  type AuthenticationResultType,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GroupExistsException,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';

/** The custom attributes infra defines on every pool (read by pre-token-gen, written by the SAML mapping). */
export const CUSTOM_ATTRIBUTES = [
  { Name: 'groups', MaxLength: '2048' },
  { Name: 'tenantName', MaxLength: '64' },
  { Name: 'domainName', MaxLength: '253' },
] as const;

/** A Cognito client for a local endpoint: dummy credentials, region `local`, one attempt. */
export function localCognitoClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

/** Creates a user pool with the project's custom attributes; returns its id (`local_...`). */
export async function createUserPool(client: CognitoIdentityProviderClient, name: string): Promise<string> {
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: name,
      Schema: CUSTOM_ATTRIBUTES.map((a) => ({
        Name: a.Name,
        AttributeDataType: 'String',
        Mutable: true,
        StringAttributeConstraints: { MinLength: '0', MaxLength: a.MaxLength },
      })),
    }),
  );
  if (!UserPool?.Id) throw new Error('CreateUserPool returned no pool id');
  return UserPool.Id;
}

/** Creates an app client allowing USER_PASSWORD_AUTH and refresh; returns its id. */
export async function createAppClient(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  name = 'web',
): Promise<string> {
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: name,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  if (!UserPoolClient?.ClientId) throw new Error('CreateUserPoolClient returned no client id');
  return UserPoolClient.ClientId;
}

export interface DemoUser {
  readonly userPoolId: string;
  readonly email: string;
  readonly password: string;
  /** Makes the user look federated through this IdP; omit for a native user. */
  readonly providerName?: string;
  /** The IdP's user id (the part after `<IdP>_`); derived from the email when omitted. */
  readonly userId?: string;
  /** The raw `custom:groups` value, as the SAML attribute mapping would write it. */
  readonly groups?: string;
  /** More attributes (`custom:tenantName` to play an attacker, ...). */
  readonly attributes?: Readonly<Record<string, string>>;
}

/** Creates a confirmed user with a permanent password; returns the username. */
export async function createDemoUser(client: CognitoIdentityProviderClient, user: DemoUser): Promise<string> {
  const userId = user.userId ?? user.email.split('@')[0] ?? 'user';
  const username = user.providerName ? `${user.providerName}_${userId}` : userId;
  const attributes: Record<string, string> = {
    email: user.email,
    email_verified: 'true',
    ...user.attributes,
  };
  if (user.providerName) {
    attributes.identities = JSON.stringify([
      {
        userId,
        providerName: user.providerName,
        providerType: 'SAML',
        issuer: null,
        primary: 'true',
        dateCreated: String(Date.now()),
      },
    ]);
  }
  if (user.groups !== undefined) attributes['custom:groups'] = user.groups;
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: user.userPoolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: user.userPoolId,
      Username: username,
      Password: user.password,
      Permanent: true,
    }),
  );
  if (user.providerName) {
    // Cognito puts every federated user in `<poolId>_<IdP>`.
    const group = `${user.userPoolId}_${user.providerName}`;
    try {
      await client.send(new CreateGroupCommand({ UserPoolId: user.userPoolId, GroupName: group }));
    } catch (error) {
      if (!(error instanceof GroupExistsException)) throw error;
    }
    await client.send(
      new AdminAddUserToGroupCommand({ UserPoolId: user.userPoolId, Username: username, GroupName: group }),
    );
  }
  return username;
}

/** Signs in with USER_PASSWORD_AUTH (this runs the Pre Token Generation trigger). */
export async function signInWithPassword(
  client: CognitoIdentityProviderClient,
  clientId: string,
  username: string,
  password: string,
): Promise<AuthenticationResultType> {
  const { AuthenticationResult } = await client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  if (!AuthenticationResult) throw new Error('InitiateAuth returned a challenge, not tokens');
  return AuthenticationResult;
}

/** The payload of a JWT, decoded without verification (tests and demos only). */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (payload === undefined) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}
