/**
 * The rules of a forced sign-out, free of any AWS type: the caller must be in their
 * tenant's admin group; the target must be a user of the caller's tenant (the tenant's
 * pool, and in the shared pool an identity from one of the tenant's IdPs); then the cut-off
 * is recorded, Cognito revokes the refresh tokens, and the cut-off is moved past the
 * global sign-out so no token refreshed in between survives.
 */
import type { TenantItem } from '@cognito-tenancy/registry/records';
import { DependencyError, type DependencyReason, ForbiddenError, UserNotFoundError } from './errors';
import type { Caller } from './request';
import type { RecordRevocation } from './revocation-writer';
import type { TenantLookup } from './tenant-store';
import type { FindUsers, GlobalSignOut, PoolUser } from './user-directory';

/** The I/O a sign-out needs; tests pass fakes. */
export interface SignOutPorts {
  readonly tenant: TenantLookup;
  readonly findUsers: FindUsers;
  readonly recordRevocation: RecordRevocation;
  readonly globalSignOut: GlobalSignOut;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
}

export interface SignOutSettings {
  readonly revocationTtlSeconds: number;
  readonly clockSkewSeconds: number;
}

/** A completed sign-out. */
export interface SignOutResult {
  readonly tenantId: string;
  readonly userPoolId: string;
  readonly targetSub: string;
  /** The cut-off stored last (epoch seconds): tokens issued before it are refused. */
  readonly revokedBefore: number;
  /** 1, or 2 when the global sign-out crossed a second and the cut-off was moved past it. */
  readonly writes: 1 | 2;
}

async function step<T>(reason: DependencyReason, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new DependencyError(reason, { cause: error });
  }
}

/** Whether `user` belongs to `tenant`. In a dedicated pool every user does. */
export function belongsToTenant(tenant: TenantItem, user: PoolUser): boolean {
  if (tenant.pattern === 'dedicated') return true;
  // Shared pool: the tenant is the IdP's, as the authorizer binds it. Every identity must be
  // one of the tenant's IdPs, and so must the federated username's `<IdP>_` prefix.
  const identities = user.providerNames;
  if (!Array.isArray(identities) || identities.length === 0) return false;
  if (!identities.every((name) => tenant.providerNames.includes(name))) return false;
  const separator = user.username.indexOf('_');
  if (separator <= 0) return false;
  // Without case: pools created case-insensitive may store federated usernames in lower case.
  const prefix = user.username.slice(0, separator).toLowerCase();
  return tenant.providerNames.some((name) => name.toLowerCase() === prefix);
}

async function authorizeCaller(caller: Caller, ports: SignOutPorts): Promise<TenantItem> {
  const tenant = await step('tenant-store-unavailable', () => ports.tenant(caller.tenantId));
  if (tenant === undefined) throw new ForbiddenError('tenant-not-registered');
  if (tenant.adminGroup === undefined) throw new ForbiddenError('tenant-has-no-admin-group');
  if (!caller.groups.includes(tenant.adminGroup)) throw new ForbiddenError('not-admin');
  return tenant;
}

async function findTarget(tenant: TenantItem, sub: string, ports: SignOutPorts): Promise<PoolUser> {
  const users = await step('user-lookup-failed', () => ports.findUsers(tenant.userPoolId, sub));
  const exact = users.filter((user) => user.sub === sub);
  if (exact.length === 0) throw new UserNotFoundError('user-not-found');
  if (exact.length > 1) throw new UserNotFoundError('user-ambiguous');
  const user = exact[0] as PoolUser;
  // Same answer as "no such user": another tenant's users cannot be enumerated.
  if (!belongsToTenant(tenant, user)) throw new UserNotFoundError('user-not-in-tenant');
  return user;
}

/**
 * Signs `targetSub` out on behalf of `caller`. Throws {@link ForbiddenError},
 * {@link UserNotFoundError} or {@link DependencyError}.
 */
export async function signOutUser(
  caller: Caller,
  targetSub: string,
  ports: SignOutPorts,
  settings: SignOutSettings,
): Promise<SignOutResult> {
  const tenant = await authorizeCaller(caller, ports);
  const user = await findTarget(tenant, targetSub, ports);
  // `iat` is in whole seconds: every token of the current second (and the skew) is revoked too.
  const cutOff = () => Math.floor(ports.now() / 1000) + 1 + settings.clockSkewSeconds;
  const record = (revokedBefore: number) =>
    step('revocation-store-failed', () =>
      ports.recordRevocation({
        tenantId: tenant.tenantId,
        sub: targetSub,
        revokedBefore,
        expiresAt: revokedBefore + settings.revocationTtlSeconds,
        revokedBy: caller.sub,
      }),
    );
  // First the cut-off, so current tokens are refused even if Cognito then fails.
  const first = cutOff();
  await record(first);
  await step('global-sign-out-failed', () => ports.globalSignOut(tenant.userPoolId, user.username));
  // A refresh between the two calls could mint a token after `first`: move the cut-off past it.
  const second = cutOff();
  if (second > first) await record(second);
  return {
    tenantId: tenant.tenantId,
    userPoolId: tenant.userPoolId,
    targetSub,
    revokedBefore: Math.max(first, second),
    writes: second > first ? 2 : 1,
  };
}
