/**
 * What Cognito does with a validated assertion, done against cognito-local: applies the
 * tenant's attribute mapping (multi-valued attributes written `[a, b]`), creates the
 * federated user `<IdP>_<NameID>` with the `identities` attribute and the `<poolId>_<IdP>`
 * group, or updates its mapped attributes on a later sign-in, then issues tokens through
 * USER_PASSWORD_AUTH so cognito-local runs pre-token-gen (cognito-local has no federation
 * API, so a password set just before InitiateAuth stands in for Cognito's internal step).
 */
import { randomBytes } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  GroupExistsException,
  InitiateAuthCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Tenant } from '@cognito-tenancy/registry/environment';

/** The Cognito side of one tenant IdP. */
export interface FederationTarget {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly idpName: string;
  /** User pool attribute -> SAML attribute name (as infra gives Cognito). */
  readonly attributeMapping: Readonly<Record<string, string>>;
}

export interface FederatedTokens {
  readonly idToken: string;
  readonly accessToken: string;
  readonly expiresIn: number;
}

/**
 * The mapping infra gives Cognito for a tenant (infra/src/saml-metadata.ts
 * samlAttributeMapping): the tenant file's `groups` is the pool attribute `custom:groups`.
 */
export function poolAttributeMapping(tenant: Tenant): Record<string, string> {
  const { groups, ...standard } = tenant.idp.attributeMapping;
  const mapping: Record<string, string> = {};
  for (const [name, samlName] of Object.entries(standard))
    if (samlName !== undefined) mapping[name] = samlName;
  if (groups !== undefined) mapping['custom:groups'] = groups;
  return mapping;
}

/** Cognito writes a multi-valued SAML attribute as `[a, b]`, a single value as itself. */
export function cognitoAttributeValue(values: readonly string[]): string {
  return values.length === 1 ? (values[0] ?? '') : `[${values.join(', ')}]`;
}

/** The pool attributes an assertion's attributes map to (unmapped or absent ones are left out). */
export function mappedAttributes(
  mapping: Readonly<Record<string, string>>,
  attributes: ReadonlyMap<string, readonly string[]>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [poolAttribute, samlName] of Object.entries(mapping)) {
    const values = attributes.get(samlName);
    if (values !== undefined && values.length > 0) result[poolAttribute] = cognitoAttributeValue(values);
  }
  return result;
}

/** A password cognito-local's default policy accepts, never reused. */
const randomPassword = () => `Aa1!${randomBytes(24).toString('base64url')}`;

const asList = (attributes: Record<string, string>) =>
  Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));

/** Creates or updates the federated user and signs it in; returns cognito-local's tokens. */
export async function signInFederatedUser(
  cognito: CognitoIdentityProviderClient,
  target: FederationTarget,
  nameId: string,
  attributes: ReadonlyMap<string, readonly string[]>,
  /** The password to sign in with (a demo user keeps the one tests use); random when undefined. */
  passwordFor: (username: string) => string | undefined = () => undefined,
): Promise<FederatedTokens> {
  const username = `${target.idpName}_${nameId}`;
  const mapped = mappedAttributes(target.attributeMapping, attributes);
  let exists = true;
  try {
    await cognito.send(new AdminGetUserCommand({ UserPoolId: target.userPoolId, Username: username }));
  } catch (error) {
    if (!(error instanceof UserNotFoundException)) throw error;
    exists = false;
  }
  if (exists) {
    // Cognito overwrites mapped attributes with the IdP's values at every federated sign-in.
    if (Object.keys(mapped).length > 0) {
      await cognito.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: target.userPoolId,
          Username: username,
          UserAttributes: asList(mapped),
        }),
      );
    }
  } else {
    const identities = JSON.stringify([
      {
        userId: nameId,
        providerName: target.idpName,
        providerType: 'SAML',
        issuer: null,
        primary: 'true',
        dateCreated: String(Date.now()),
      },
    ]);
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: target.userPoolId,
        Username: username,
        MessageAction: 'SUPPRESS',
        UserAttributes: asList({ ...mapped, identities }),
      }),
    );
  }
  // Every federated user is in `<poolId>_<IdP>`. Added at each sign-in, not only at creation:
  // cognito-local 5.3 can lose earlier members of a group (seen with the seeded demo users).
  const group = `${target.userPoolId}_${target.idpName}`;
  try {
    await cognito.send(new CreateGroupCommand({ UserPoolId: target.userPoolId, GroupName: group }));
  } catch (error) {
    if (!(error instanceof GroupExistsException)) throw error;
  }
  await cognito.send(
    new AdminAddUserToGroupCommand({ UserPoolId: target.userPoolId, Username: username, GroupName: group }),
  );
  const password = passwordFor(username) ?? randomPassword();
  await cognito.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: target.userPoolId,
      Username: username,
      Password: password,
      Permanent: true,
    }),
  );
  const { AuthenticationResult: result } = await cognito.send(
    new InitiateAuthCommand({
      ClientId: target.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  if (!result?.IdToken || !result.AccessToken) throw new Error('cognito-local returned no tokens');
  return { idToken: result.IdToken, accessToken: result.AccessToken, expiresIn: result.ExpiresIn ?? 3600 };
}
