/**
 * The records infra writes and the Lambdas read (see keys.ts for where each lives).
 * Parsers accept `unknown` (parsed JSON or an unmarshalled item), keep only the known
 * fields and throw {@link RecordFormatError} on anything else, so a damaged record is
 * a store error (fail closed), never a half-read tenant.
 */
import { CLIENT_ID, PROVIDER_NAME, REGION, TENANT_ID, USER_POOL_ID } from './identifiers';
import { isNormalizedDomain } from './normalize';

export type TenancyPattern = 'dedicated' | 'shared';

/** Where a browser signs in for a tenant: its pool, app client, hosted UI, IdP and callback. */
export interface SignInTarget {
  readonly region: string;
  readonly userPoolId: string;
  readonly clientId: string;
  /** Hosted UI domain, without scheme (`acme-dev.auth.eu-west-1.amazoncognito.com`). */
  readonly cognitoDomain: string;
  readonly identityProvider: string;
  readonly redirectUri: string;
}

/** `<prefix>/hosts/<host>`: what a browser on that host needs to sign in. */
export interface HostRecord extends SignInTarget {
  readonly tenantId: string;
  readonly pattern: TenancyPattern;
  /** The tenant's display name; optional so that records written before it was added still parse. */
  readonly displayName?: string;
}

/** `<prefix>/issuers/<userPoolId>`: a trusted issuer and the app clients it may issue for. */
export interface IssuerRecord {
  readonly issuer: string;
  readonly userPoolId: string;
  readonly region: string;
  readonly pattern: TenancyPattern;
  /** The pool's tenant; present exactly when `pattern` is `dedicated`. */
  readonly tenantId?: string;
  /**
   * The pool's common app clients. May be empty for a shared pool whose tenants each have
   * their own client: those are found through {@link ClientRecord}s, never through this list.
   */
  readonly clientIds: readonly string[];
}

/**
 * `<prefix>/issuer-index/<shard>`: one shard of the list of pools that have an issuer
 * record. A hint, never a trust anchor: the authorizer uses it only to tell registered
 * pools (loaded in batches, unmetered) from unknown ones (metered); trust still comes
 * from the issuer record itself.
 */
export interface IssuerIndexRecord {
  /** This shard's number (0-based) and how many shards the index has. */
  readonly shard: number;
  readonly shards: number;
  readonly userPoolIds: readonly string[];
}

/** `<prefix>/providers/<userPoolId>/<idp>`: the tenant of a shared pool's IdP. */
export interface ProviderRecord {
  readonly tenantId: string;
  readonly userPoolId: string;
  readonly providerName: string;
}

/**
 * `<prefix>/clients/<userPoolId>/<clientId>`: an app client of a shared pool that serves one
 * tenant only (the tenant's own client), and the IdP that tenant signs in with. The
 * authorizer accepts a shared-pool token for a client outside the issuer's `clientIds` only
 * when this record names the token's pool, and the tenant and IdP the token resolves to.
 */
export interface ClientRecord {
  readonly clientId: string;
  readonly userPoolId: string;
  readonly tenantId: string;
  readonly providerName: string;
}

/** Tenant table `DOMAIN#<domain>`: home-realm discovery for one email domain. */
export interface DomainItem extends SignInTarget {
  readonly tenantId: string;
  readonly displayName: string;
  readonly pattern: TenancyPattern;
  /** When true, subdomains of this domain (`eu.acme.com`) resolve here too. */
  readonly includeSubdomains: boolean;
}

/** Which IdP groups a tenant's tokens may carry. */
export interface GroupPolicy {
  readonly allow: readonly string[];
  readonly prefixes: readonly string[];
}

/** Tenant table `IDP#...` and `POOL#...`: what pre-token-gen needs to bind a tenant. */
export interface TenantClaimsItem {
  readonly tenantId: string;
  readonly emailDomains: readonly string[];
  readonly groups: GroupPolicy;
}

/**
 * Tenant table `TENANT#<tenantId>`: what administration (forced sign-out) needs to know
 * about a tenant: the pool its users live in, the IdPs that bind users to it (in the
 * shared pool), and the group whose members administer it.
 */
export interface TenantItem {
  readonly tenantId: string;
  readonly pattern: TenancyPattern;
  readonly userPoolId: string;
  /** The tenant's identity providers (a shared-pool user belongs to the tenant of their IdP). */
  readonly providerNames: readonly string[];
  /** `groups.admin` of the environment file; absent when the tenant has no admin group. */
  readonly adminGroup?: string;
}

/** Revocations table `<tenantId>#<sub>`: tokens of the user issued before `revokedBefore` are refused. */
export interface RevocationItem {
  /** Epoch seconds; a token whose `iat` is lower is revoked. */
  readonly revokedBefore: number;
}

/** A record that does not have the documented shape. Its message names the field only. */
export class RecordFormatError extends Error {
  override readonly name = 'RecordFormatError';
  constructor(
    readonly record: string,
    readonly field: string,
  ) {
    super(`${record}: invalid or missing field '${field}'`);
  }
}

type Fields = Readonly<Record<string, unknown>>;

function object(record: string, value: unknown): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new RecordFormatError(record, '(root)');
  return value as Fields;
}

function text(record: string, fields: Fields, name: string, pattern?: RegExp, max = 2048): string {
  const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > max ||
    (pattern && !pattern.test(value))
  ) {
    throw new RecordFormatError(record, name);
  }
  return value;
}

function texts(record: string, fields: Fields, name: string, check: (v: string) => boolean): string[] {
  const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
  const list = value instanceof Set ? [...value] : value;
  if (!Array.isArray(list) || list.length > 1000 || !list.every((v) => typeof v === 'string' && check(v))) {
    throw new RecordFormatError(record, name);
  }
  return list as string[];
}

function pattern(record: string, fields: Fields): TenancyPattern {
  const value = Object.hasOwn(fields, 'pattern') ? fields.pattern : undefined;
  if (value !== 'dedicated' && value !== 'shared') throw new RecordFormatError(record, 'pattern');
  return value;
}

const domainCheck = (v: string) => isNormalizedDomain(v);
const WEB_URL = /^https?:\/\/[^\s"'<>\\]+$/;

/** The {@link SignInTarget} fields of record `r`, each checked. */
function signInTarget(r: string, f: Fields): SignInTarget {
  return {
    region: text(r, f, 'region', REGION),
    userPoolId: text(r, f, 'userPoolId', USER_POOL_ID),
    clientId: text(r, f, 'clientId', CLIENT_ID),
    cognitoDomain: text(r, f, 'cognitoDomain', undefined, 253),
    identityProvider: text(r, f, 'identityProvider', PROVIDER_NAME),
    redirectUri: text(r, f, 'redirectUri', WEB_URL),
  };
}

/** Parses a {@link HostRecord} (the JSON value of a host parameter). */
export function parseHostRecord(value: unknown): HostRecord {
  const r = 'host record';
  const f = object(r, value);
  return {
    tenantId: text(r, f, 'tenantId', TENANT_ID),
    pattern: pattern(r, f),
    ...signInTarget(r, f),
    ...(Object.hasOwn(f, 'displayName') ? { displayName: text(r, f, 'displayName', undefined, 128) } : {}),
  };
}

/** Parses an {@link IssuerRecord}. A dedicated pool must name its tenant; a shared one must not. */
export function parseIssuerRecord(value: unknown): IssuerRecord {
  const r = 'issuer record';
  const f = object(r, value);
  const kind = pattern(r, f);
  const base = {
    issuer: text(r, f, 'issuer', WEB_URL),
    userPoolId: text(r, f, 'userPoolId', USER_POOL_ID),
    region: text(r, f, 'region', REGION),
    pattern: kind,
    // An empty list is valid: a shard with no common client (its tenants' own clients are
    // found through client records); for a dedicated pool it simply admits no client.
    clientIds: texts(r, f, 'clientIds', (v) => CLIENT_ID.test(v)),
  };
  if (kind === 'dedicated') return { ...base, tenantId: text(r, f, 'tenantId', TENANT_ID) };
  if (f.tenantId !== undefined) throw new RecordFormatError(r, 'tenantId');
  return base;
}

function count(record: string, fields: Fields, name: string, min: number): number {
  const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > 1000)
    throw new RecordFormatError(record, name);
  return value;
}

/** Parses an {@link IssuerIndexRecord}. */
export function parseIssuerIndexRecord(value: unknown): IssuerIndexRecord {
  const r = 'issuer index record';
  const f = object(r, value);
  const shards = count(r, f, 'shards', 1);
  const shard = count(r, f, 'shard', 0);
  if (shard >= shards) throw new RecordFormatError(r, 'shard');
  return { shard, shards, userPoolIds: texts(r, f, 'userPoolIds', (v) => USER_POOL_ID.test(v)) };
}

/** Parses a {@link ProviderRecord}. */
export function parseProviderRecord(value: unknown): ProviderRecord {
  const r = 'provider record';
  const f = object(r, value);
  return {
    tenantId: text(r, f, 'tenantId', TENANT_ID),
    userPoolId: text(r, f, 'userPoolId', USER_POOL_ID),
    providerName: text(r, f, 'providerName', PROVIDER_NAME),
  };
}

/** Parses a {@link ClientRecord}. */
export function parseClientRecord(value: unknown): ClientRecord {
  const r = 'client record';
  const f = object(r, value);
  return {
    clientId: text(r, f, 'clientId', CLIENT_ID),
    userPoolId: text(r, f, 'userPoolId', USER_POOL_ID),
    tenantId: text(r, f, 'tenantId', TENANT_ID),
    providerName: text(r, f, 'providerName', PROVIDER_NAME),
  };
}

/** Parses a {@link DomainItem} (an unmarshalled tenant table item). */
export function parseDomainItem(value: unknown): DomainItem {
  const r = 'domain item';
  const f = object(r, value);
  const includeSubdomains = f.includeSubdomains ?? false;
  if (typeof includeSubdomains !== 'boolean') throw new RecordFormatError(r, 'includeSubdomains');
  return {
    tenantId: text(r, f, 'tenantId', TENANT_ID),
    displayName: text(r, f, 'displayName', undefined, 128),
    pattern: pattern(r, f),
    ...signInTarget(r, f),
    includeSubdomains,
  };
}

/** Parses a {@link TenantClaimsItem} (an unmarshalled tenant table item). */
export function parseTenantClaimsItem(value: unknown): TenantClaimsItem {
  const r = 'tenant claims item';
  const f = object(r, value);
  const groups = object(r, f.groups ?? {});
  const anyText = (v: string) => v.length > 0 && v.length <= 256;
  return {
    tenantId: text(r, f, 'tenantId', TENANT_ID),
    emailDomains: texts(r, f, 'emailDomains', domainCheck),
    groups: {
      allow: groups.allow === undefined ? [] : texts(r, groups, 'allow', anyText),
      prefixes: groups.prefixes === undefined ? [] : texts(r, groups, 'prefixes', anyText),
    },
  };
}

/** Parses a {@link TenantItem} (an unmarshalled tenant table item). */
export function parseTenantItem(value: unknown): TenantItem {
  const r = 'tenant item';
  const f = object(r, value);
  const providerNames = texts(r, f, 'providerNames', (v) => PROVIDER_NAME.test(v));
  if (providerNames.length === 0) throw new RecordFormatError(r, 'providerNames');
  const base = {
    tenantId: text(r, f, 'tenantId', TENANT_ID),
    pattern: pattern(r, f),
    userPoolId: text(r, f, 'userPoolId', USER_POOL_ID),
    providerNames,
  };
  if (f.adminGroup === undefined) return base;
  return { ...base, adminGroup: text(r, f, 'adminGroup', undefined, 256) };
}

// Far beyond any real cut-off (year 2286), below the largest safe integer: a sanity bound.
const MAX_EPOCH_SECONDS = 9_999_999_999;

/** Parses a {@link RevocationItem}: `revokedBefore` must be a positive integer (epoch seconds). */
export function parseRevocationItem(value: unknown): RevocationItem {
  const r = 'revocation item';
  const f = object(r, value);
  const revokedBefore = Object.hasOwn(f, 'revokedBefore') ? f.revokedBefore : undefined;
  if (
    typeof revokedBefore !== 'number' ||
    !Number.isSafeInteger(revokedBefore) ||
    revokedBefore <= 0 ||
    revokedBefore > MAX_EPOCH_SECONDS
  ) {
    throw new RecordFormatError(r, 'revokedBefore');
  }
  return { revokedBefore };
}
