/**
 * A small world for the handler tests: four tenants (two dedicated pools, two tenants in
 * one shared pool, plus one tenant without an admin group), their users, fake stores that
 * behave like the real ones (a monotonic revocations table, a tenant table answering
 * GetItem), and REST API events as API Gateway sends them behind the authorizer.
 */

import type { Log } from '@cognito-tenancy/kit/log';
import { marshallItem } from '@cognito-tenancy/registry/attribute-values';
import type { TenantItem } from '@cognito-tenancy/registry/records';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Config } from '../../src/config';
import type { HandlerDeps } from '../../src/create-handler';
import type { Revocation } from '../../src/revocation-writer';
import type { PoolUser } from '../../src/user-directory';

export const SHARED_POOL = 'eu-west-1_Shared1';
export const ACME_POOL = 'eu-west-1_Acme1';
export const INITECH_POOL = 'eu-west-1_Initech1';
export const HOOLI_POOL = 'eu-west-1_Hooli1';

export const TENANTS: Readonly<Record<string, TenantItem>> = {
  acme: {
    tenantId: 'acme',
    pattern: 'dedicated',
    userPoolId: ACME_POOL,
    providerNames: ['AcmeOkta'],
    adminGroup: 'Admins',
  },
  initech: {
    tenantId: 'initech',
    pattern: 'dedicated',
    userPoolId: INITECH_POOL,
    providerNames: ['InitechADFS'],
    adminGroup: 'CN=App Admins,OU=Groups',
  },
  globex: {
    tenantId: 'globex',
    pattern: 'shared',
    userPoolId: SHARED_POOL,
    providerNames: ['GlobexEntra'],
    adminGroup: 'sg-app-admins',
  },
  umbrella: {
    tenantId: 'umbrella',
    pattern: 'shared',
    userPoolId: SHARED_POOL,
    providerNames: ['UmbrellaGoogle'],
    adminGroup: 'research-admins',
  },
  hooli: { tenantId: 'hooli', pattern: 'dedicated', userPoolId: HOOLI_POOL, providerNames: ['HooliOkta'] },
};

/** A tenant item as infra stores it (marshalled, with its key). */
export function storedTenant(tenant: TenantItem, key = `TENANT#${tenant.tenantId}`) {
  return marshallItem({ pk: key, ...tenant, providerNames: [...tenant.providerNames] });
}

/** A deterministic lowercase UUID per name. */
export function subOf(name: string): string {
  const hex = Buffer.from(name.padEnd(16, '.')).toString('hex').slice(0, 32).padEnd(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const federated = (idp: string, name: string): PoolUser => ({
  username: `${idp}_${name}@example.com`,
  sub: subOf(name),
  providerNames: [idp],
});

/** Users per pool. */
export const USERS: Readonly<Record<string, readonly PoolUser[]>> = {
  [ACME_POOL]: [
    federated('AcmeOkta', 'alice'),
    federated('AcmeOkta', 'bob'),
    { username: 'native', sub: subOf('acme-native'), providerNames: undefined },
  ],
  [INITECH_POOL]: [federated('InitechADFS', 'peter'), federated('InitechADFS', 'milton')],
  [HOOLI_POOL]: [federated('HooliOkta', 'gavin')],
  [SHARED_POOL]: [
    federated('GlobexEntra', 'hank'),
    federated('GlobexEntra', 'frank'),
    federated('UmbrellaGoogle', 'ada'),
    federated('UmbrellaGoogle', 'chris'),
    // Not any tenant's: a native user, a malformed identities attribute, sources that disagree.
    { username: 'native-shared', sub: subOf('shared-native'), providerNames: undefined },
    { username: 'GlobexEntra_broken', sub: subOf('broken'), providerNames: null },
    { username: 'GlobexEntra_mixed', sub: subOf('mixed'), providerNames: ['UmbrellaGoogle'] },
    {
      username: 'UmbrellaGoogle_linked',
      sub: subOf('linked'),
      providerNames: ['UmbrellaGoogle', 'GlobexEntra'],
    },
  ],
};

/** The caller context the authorizer puts in `requestContext.authorizer`. */
export interface CallerInput {
  readonly tenantId: string;
  readonly name: string;
  readonly groups: readonly string[];
}

export const ADMINS = {
  acme: { tenantId: 'acme', name: 'alice', groups: ['Admins', 'Readers'] },
  initech: { tenantId: 'initech', name: 'peter', groups: ['CN=App Admins,OU=Groups'] },
  globex: { tenantId: 'globex', name: 'hank', groups: ['sg-app-admins', `${SHARED_POOL}_GlobexEntra`] },
  umbrella: { tenantId: 'umbrella', name: 'ada', groups: ['research-admins'] },
} as const satisfies Record<string, CallerInput>;

export const MEMBERS = {
  acme: { tenantId: 'acme', name: 'bob', groups: ['Readers'] },
  globex: { tenantId: 'globex', name: 'frank', groups: ['sg-app-users'] },
  hooli: { tenantId: 'hooli', name: 'gavin', groups: ['Admins'] },
} as const satisfies Record<string, CallerInput>;

export interface EventInput {
  readonly caller?: CallerInput | null;
  /** Raw authorizer context (overrides `caller`). */
  readonly authorizer?: unknown;
  readonly target?: string | null;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | null;
}

/** A REST API (v1) proxy event for `POST /admin/users/{sub}/sign-out`, behind the authorizer. */
export function signOutEvent(input: EventInput = {}): APIGatewayProxyEvent {
  const caller = input.caller === undefined ? ADMINS.acme : input.caller;
  const target = input.target === undefined ? subOf('bob') : input.target;
  const authorizer =
    input.authorizer !== undefined
      ? input.authorizer
      : caller === null
        ? undefined
        : {
            tenantId: caller.tenantId,
            sub: subOf(caller.name),
            username: `x_${caller.name}`,
            groups: JSON.stringify(caller.groups),
            tokenUse: 'access',
            clientId: 'client1',
            principalId: subOf(caller.name),
            integrationLatency: 12,
          };
  const headers = input.headers ?? {};
  return {
    resource: '/admin/users/{sub}/sign-out',
    path: `/admin/users/${target ?? ''}/sign-out`,
    httpMethod: input.method ?? 'POST',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: target === null ? null : { sub: target },
    stageVariables: null,
    body: input.body ?? null,
    isBase64Encoded: false,
    requestContext: {
      ...(authorizer === undefined ? {} : { authorizer }),
      domainName: 'api.example.com',
      httpMethod: input.method ?? 'POST',
    } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}

export const CONFIG: Config = {
  tenantTableName: 'tenants-test',
  revocationTableName: 'revocations-test',
  revocationTtlSeconds: 7200,
  clockSkewSeconds: 1,
  corsAllowedOrigins: ['https://app.example.com'],
  tenantCache: { ttlMs: 60_000, negativeTtlMs: 60_000, staleIfErrorMs: 300_000 },
  aws: { requestTimeoutMs: 500, connectionTimeoutMs: 200, maxAttempts: 2 },
};

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/** A logger that keeps every line. */
export function recordingLogger(): Log & { readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (message: string, fields: Record<string, unknown>) => {
    lines.push({ level, message, fields });
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

export interface FakeWorld {
  readonly deps: HandlerDeps;
  readonly logger: ReturnType<typeof recordingLogger>;
  /** Cut-offs stored, by `<tenantId>#<sub>`. */
  readonly revocations: Map<string, Revocation>;
  readonly writes: Revocation[];
  readonly signOuts: { userPoolId: string; username: string }[];
  readonly lookups: { tenantGets: string[]; userSearches: { userPoolId: string; sub: string }[] };
  /** The clock, in ms; advance it in tests. */
  clock: number;
  /** Failures to inject, by call. */
  fail: Partial<Record<'tenant' | 'findUsers' | 'record' | 'globalSignOut', Error>>;
  /** Milliseconds the global sign-out moves the clock (to cross a second). */
  signOutTakesMs: number;
}

/** The handler's dependencies over in-memory stores. */
export function fakeWorld(overrides: Partial<Config> = {}): FakeWorld {
  const logger = recordingLogger();
  const world: FakeWorld = {
    logger,
    revocations: new Map(),
    writes: [],
    signOuts: [],
    lookups: { tenantGets: [], userSearches: [] },
    clock: Date.UTC(2030, 0, 1, 12, 0, 0, 250),
    fail: {},
    signOutTakesMs: 0,
    deps: undefined as unknown as HandlerDeps,
  };
  const tenantTable = {
    send: async (command: { input: { Key?: { pk?: { S?: string } } } }) => {
      const key = command.input.Key?.pk?.S ?? '';
      world.lookups.tenantGets.push(key);
      if (world.fail.tenant) throw world.fail.tenant;
      const tenant = TENANTS[key.replace(/^TENANT#/, '')];
      return tenant && key.startsWith('TENANT#') ? { Item: storedTenant(tenant) } : {};
    },
  };
  (world as { deps: HandlerDeps }).deps = {
    config: { ...CONFIG, ...overrides },
    // biome-ignore lint/suspicious/noExplicitAny: a structural fake of the SDK client's send.
    tenantTable: tenantTable as any,
    findUsers: async (userPoolId, sub) => {
      world.lookups.userSearches.push({ userPoolId, sub });
      if (world.fail.findUsers) throw world.fail.findUsers;
      return (USERS[userPoolId] ?? []).filter((user) => user.sub === sub);
    },
    globalSignOut: async (userPoolId, username) => {
      if (world.fail.globalSignOut) throw world.fail.globalSignOut;
      world.clock += world.signOutTakesMs;
      world.signOuts.push({ userPoolId, username });
    },
    recordRevocation: async (revocation) => {
      if (world.fail.record) throw world.fail.record;
      world.writes.push(revocation);
      const key = `${revocation.tenantId}#${revocation.sub}`;
      const existing = world.revocations.get(key);
      if (existing === undefined || existing.revokedBefore < revocation.revokedBefore)
        world.revocations.set(key, revocation);
    },
    logger,
    now: () => world.clock,
  };
  return world;
}
