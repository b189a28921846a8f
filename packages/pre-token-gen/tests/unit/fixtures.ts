/** Shared test data: a small registry, event builders, a recording logger, a fake lookup and the handler over them. */
import type { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { DomainLookup } from '@cognito-tenancy/registry/domain-match';
import type { TenantTableKey } from '@cognito-tenancy/registry/keys';
import type { TenantClaimsItem } from '@cognito-tenancy/registry/records';
import { expect } from '@jest/globals';
import type { TenantLookup } from '../../src/bind-tenant';
import { type Config, loadConfig } from '../../src/config';
import { createHandler, type LogSink } from '../../src/create-handler';
import { GENERIC_ERROR_MESSAGE, SignInFailedError } from '../../src/errors';
import type { TriggerSource } from '../../src/event';

export const SHARED_POOL = 'eu-west-1_Shared123';
export const ACME_POOL = 'eu-west-1_AcmePool1';

export const ACME: TenantClaimsItem = {
  tenantId: 'acme',
  emailDomains: ['acme.com', 'acme.co.uk'],
  groups: { allow: ['Admins', 'CN=Admins,OU=X'], prefixes: ['app-'] },
};
export const GLOBEX: TenantClaimsItem = {
  tenantId: 'globex',
  emailDomains: ['globex.com'],
  groups: { allow: ['Globex-Admins'], prefixes: ['gx-'] },
};
export const INITECH: TenantClaimsItem = {
  tenantId: 'initech',
  emailDomains: ['initech.com'],
  groups: { allow: [], prefixes: [] },
};

/** The tenant table as the fake store sees it. */
export const REGISTRY: Readonly<Record<string, TenantClaimsItem>> = {
  [`IDP#${SHARED_POOL}#AcmeIdP`]: ACME,
  [`IDP#${SHARED_POOL}#GlobexIdP`]: GLOBEX,
  [`POOL#${ACME_POOL}`]: INITECH,
};

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ TENANT_TABLE_NAME: 'tenants', SHARED_USER_POOL_IDS: SHARED_POOL, ...env });
}

export function fakeLookup(registry: Readonly<Record<string, TenantClaimsItem>> = REGISTRY) {
  const keys: string[] = [];
  const lookup: TenantLookup = async (key: TenantTableKey) => {
    keys.push(key.pk);
    return Object.hasOwn(registry, key.pk) ? registry[key.pk] : undefined;
  };
  return { lookup, keys };
}

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

export function recordingLogger(): LogSink & { lines: LogLine[]; text(): string } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) => (message: string, attributes: Readonly<Record<string, unknown>>) => {
      lines.push({ level, message, attributes });
    };
  return { lines, info: at('info'), warn: at('warn'), error: at('error'), text: () => JSON.stringify(lines) };
}

/** The handler under `testConfig(env)` over `lookup` (the test registry by default), logging to a recording logger. */
export function handlerSetup(
  env: Record<string, string> = {},
  lookup: TenantLookup = fakeLookup().lookup,
  domainLookup?: DomainLookup,
) {
  const logger = recordingLogger();
  return { handler: createHandler({ config: testConfig(env), lookup, domainLookup, logger }), logger };
}

export const identities = (...providers: string[]) =>
  JSON.stringify(
    providers.map((providerName, i) => ({
      userId: `user-${i}`,
      providerName,
      providerType: 'SAML',
      issuer: `urn:${providerName}`,
      primary: 'true',
      dateCreated: '1700000000000',
    })),
  );

export interface EventOptions {
  readonly version?: string;
  readonly triggerSource?: TriggerSource | string;
  readonly userPoolId?: string;
  readonly region?: string;
  readonly attributes?: Record<string, string>;
  readonly cognitoGroups?: string[];
}

/** A Pre Token Generation event as Cognito sends it (V1 shape unless version is "2"). */
export function cognitoEvent(options: EventOptions = {}): Record<string, unknown> {
  const version = options.version ?? '1';
  return {
    version,
    triggerSource: options.triggerSource ?? 'TokenGeneration_HostedAuth',
    region: options.region ?? 'eu-west-1',
    userPoolId: options.userPoolId ?? SHARED_POOL,
    userName: 'AcmeIdP_bob',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client123' },
    request: {
      userAttributes: options.attributes ?? {
        sub: '11111111-2222-3333-4444-555555555555',
        email: 'bob@acme.com',
        identities: identities('AcmeIdP'),
        'custom:groups': '[Admins, app-reader]',
      },
      groupConfiguration: {
        groupsToOverride: options.cognitoGroups ?? [`${SHARED_POOL}_AcmeIdP`],
        iamRolesToOverride: [],
        preferredRole: null,
      },
      ...(version === '2' ? { scopes: ['openid', 'email'] } : {}),
    },
    response: version === '2' ? { claimsAndScopeOverrideDetails: null } : { claimsOverrideDetails: null },
  };
}

/** Attributes of an Acme federated user, with overrides. */
export function acmeUser(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    sub: '11111111-2222-3333-4444-555555555555',
    email: 'bob@acme.com',
    identities: identities('AcmeIdP'),
    'custom:groups': '[Admins, app-reader]',
    ...overrides,
  };
}

/** Expects `result` to reject with the one generic sign-in error, no detail attached. */
export async function rejected(result: Promise<unknown>): Promise<void> {
  const error = await result.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignInFailedError);
  expect((error as Error).message).toBe(GENERIC_ERROR_MESSAGE);
  expect((error as Error).cause).toBeUndefined();
}

/** A DynamoDB reply the recording client plays back for one call. */
export type Reply = () => Promise<{ Item?: Record<string, unknown> }>;

/** A client that records each command and answers it with the next reply; one call too many throws. */
export function recordingClient(replies: Reply[]) {
  const commands: GetItemCommand[] = [];
  const client = {
    send: async (command: GetItemCommand) => {
      commands.push(command);
      const reply = replies.shift();
      if (!reply) throw new Error('unexpected call');
      return reply();
    },
  } as unknown as Pick<DynamoDBClient, 'send'>;
  return { client, commands };
}
