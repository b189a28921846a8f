/**
 * The two Cognito calls: find a pool's user by `sub` (ListUsers with an exact `sub`
 * filter; the sub is a validated UUID, so nothing can be injected into the expression),
 * and AdminUserGlobalSignOut, which revokes the user's refresh tokens.
 */
import {
  AdminUserGlobalSignOutCommand,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { USER_SUB } from '@cognito-tenancy/registry/keys';

/** A pool's user, as far as the tenant check needs to know them. */
export interface PoolUser {
  readonly username: string;
  readonly sub: string;
  /**
   * The `providerName` of each entry of the `identities` attribute (federated users);
   * `undefined` when the attribute is absent, `null` when it cannot be read.
   */
  readonly providerNames: readonly string[] | undefined | null;
}

/** The users whose `sub` equals `sub` (zero or one in a real pool). */
export type FindUsers = (userPoolId: string, sub: string) => Promise<readonly PoolUser[]>;
/** Signs the user out of every device (revokes refresh tokens). */
export type GlobalSignOut = (userPoolId: string, username: string) => Promise<void>;

type Attribute = { readonly Name?: string | undefined; readonly Value?: string | undefined };

function attribute(attributes: readonly Attribute[] | undefined, name: string): string | undefined {
  const found = (attributes ?? []).filter((a) => a.Name === name);
  return found.length === 1 ? found[0]?.Value : undefined;
}

/** The providers named by an `identities` attribute (a JSON array of objects), or null when malformed. */
export function identityProviders(raw: string | undefined): readonly string[] | undefined | null {
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const names: string[] = [];
  for (const entry of parsed) {
    const name =
      typeof entry === 'object' && entry !== null
        ? (entry as { providerName?: unknown }).providerName
        : undefined;
    if (typeof name !== 'string') return null;
    names.push(name);
  }
  return names;
}

/** ListUsers by exact sub, through `client`. */
export function createFindUsers(client: Pick<CognitoIdentityProviderClient, 'send'>): FindUsers {
  return async (userPoolId, sub) => {
    // Belt and braces: callers validate too, but this string is pasted into an expression.
    if (!USER_SUB.test(sub)) throw new TypeError('not a user sub');
    const output = await client.send(
      new ListUsersCommand({
        UserPoolId: userPoolId,
        Filter: `sub = "${sub}"`,
        // Only what the tenant check needs: no email or other personal data is read.
        AttributesToGet: ['sub', 'identities'],
        Limit: 2,
      }),
    );
    return (output.Users ?? []).map((user) => ({
      username: user.Username ?? '',
      sub: attribute(user.Attributes, 'sub') ?? '',
      providerNames: identityProviders(attribute(user.Attributes, 'identities')),
    }));
  };
}

/** AdminUserGlobalSignOut through `client`. */
export function createGlobalSignOut(client: Pick<CognitoIdentityProviderClient, 'send'>): GlobalSignOut {
  return async (userPoolId, username) => {
    await client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: username }));
  };
}
