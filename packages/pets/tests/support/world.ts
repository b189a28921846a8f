/**
 * A small world for handler tests: an in-memory DynamoDB that answers exactly the calls the
 * function makes (GetItem, Query with `begins_with`, PutItem with `attribute_not_exists`)
 * on two tables, records every call, and REST API v1 proxy events as API Gateway builds
 * them for `ANY /{proxy+}` behind the authorizer.
 */
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import type { Log } from '@cognito-tenancy/kit/log';
import { marshallItem, type PlainValue } from '@cognito-tenancy/registry/attribute-values';
import { type Config, loadConfig } from '../../src/config';
import { createHandler, type PetsHandler } from '../../src/create-handler';
import { createPetsStore } from '../../src/pets-store';

export const ACME_ADMIN_SUB = '11111111-1111-4111-8111-111111111111';
export const ACME_MEMBER_SUB = '22222222-2222-4222-8222-222222222222';
export const GLOBEX_ADMIN_SUB = '33333333-3333-4333-8333-333333333333';

type Item = Record<string, Record<string, unknown>>;
type Command = GetItemCommand | QueryCommand | PutItemCommand;

/** The tenant table items sign-out and pets read (`TENANT#<id>`), as registryEntries writes them. */
export const TENANT_ITEMS: Record<string, Record<string, PlainValue>> = {
  'TENANT#acme': {
    pk: 'TENANT#acme',
    tenantId: 'acme',
    pattern: 'dedicated',
    userPoolId: 'eu-west-1_AcmePool1',
    providerNames: ['AcmeOkta'],
    adminGroup: 'Admins',
  },
  'TENANT#globex': {
    pk: 'TENANT#globex',
    tenantId: 'globex',
    pattern: 'shared',
    userPoolId: 'eu-west-1_Shared123',
    providerNames: ['GlobexEntra'],
    adminGroup: 'sg-app-admins',
  },
  'TENANT#initech': {
    pk: 'TENANT#initech',
    tenantId: 'initech',
    pattern: 'shared',
    userPoolId: 'eu-west-1_Shared123',
    providerNames: ['InitechIdP'],
  },
};

const keyOf = (item: Record<string, { S?: string }>) => `${item.pk?.S}\u0000${item.sk?.S}`;

/** In-memory tables `tenants` (pk) and `pets` (pk, sk). */
export function fakeDynamo(options: { fail?: 'tenants' | 'pets' | 'all' } = {}) {
  const pets = new Map<string, Item>();
  const calls: Command[] = [];
  const failing = (table: string) =>
    options.fail === 'all' || (options.fail !== undefined && table === options.fail);
  const send = async (command: Command): Promise<Record<string, unknown>> => {
    calls.push(command);
    const input = command.input as Record<string, unknown> & { TableName: string };
    if (failing(input.TableName)) {
      const error = new Error('Rate of requests exceeds the allowed throughput.');
      error.name = 'ProvisionedThroughputExceededException';
      throw error;
    }
    if (command instanceof GetItemCommand) {
      const key = command.input.Key as Record<string, { S?: string }>;
      if (command.input.TableName === 'tenants') {
        const item = TENANT_ITEMS[key.pk?.S ?? ''];
        return item ? { Item: marshallItem(item) } : {};
      }
      const item = pets.get(keyOf(key));
      return item ? { Item: item } : {};
    }
    if (command instanceof QueryCommand) {
      const values = command.input.ExpressionAttributeValues as Record<string, { S: string }>;
      const pk = values[':pk']?.S;
      const prefix = values[':pet']?.S ?? '';
      const found = [...pets.values()]
        .filter((item) => item.pk?.S === pk && String(item.sk?.S).startsWith(prefix))
        .sort((a, b) => String(a.sk?.S).localeCompare(String(b.sk?.S)));
      const limit = command.input.Limit ?? found.length;
      const page = found.slice(0, limit);
      return { Items: page, ...(found.length > limit ? { LastEvaluatedKey: { pk: page.at(-1)?.pk } } : {}) };
    }
    if (command instanceof PutItemCommand) {
      const item = command.input.Item as unknown as Item;
      const key = keyOf(item as Record<string, { S?: string }>);
      if (pets.has(key)) {
        throw new ConditionalCheckFailedException({
          message: 'The conditional request failed',
          $metadata: {},
        });
      }
      pets.set(key, item);
      return {};
    }
    throw new Error('unexpected command');
  };
  return { client: { send } as never, pets, calls };
}

/** A logger that records lines. */
export function recordingLogger(): Log & {
  lines: Array<{ level: string; fields: Record<string, unknown> }>;
} {
  const lines: Array<{ level: string; fields: Record<string, unknown> }> = [];
  const at = (level: string) => (_message: string, fields: Record<string, unknown>) => {
    lines.push({ level, fields });
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ TENANT_TABLE_NAME: 'tenants', PETS_TABLE_NAME: 'pets', ...env });
}

let counter = 0;
/** Deterministic v4 UUIDs. */
export function sequentialIds(): () => string {
  return () => {
    counter += 1;
    return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
  };
}

/** A world: handler over the fake tables. */
export function world(options: { env?: Record<string, string>; fail?: 'tenants' | 'pets' | 'all' } = {}) {
  const dynamo = fakeDynamo(options.fail === undefined ? {} : { fail: options.fail });
  const logger = recordingLogger();
  const config = testConfig(options.env);
  const handler: PetsHandler = createHandler({
    config,
    tenantTable: dynamo.client,
    pets: createPetsStore({ client: dynamo.client, tableName: 'pets' }),
    logger,
    now: () => Date.UTC(2026, 11, 4, 12, 0, 0),
    newId: sequentialIds(),
  });
  return { handler, dynamo, logger };
}

export interface Caller {
  readonly tenantId: string;
  readonly sub: string;
  readonly groups: readonly string[];
}

export const acmeAdmin: Caller = { tenantId: 'acme', sub: ACME_ADMIN_SUB, groups: ['Admins'] };
export const acmeMember: Caller = { tenantId: 'acme', sub: ACME_MEMBER_SUB, groups: ['app-reader'] };
export const globexAdmin: Caller = { tenantId: 'globex', sub: GLOBEX_ADMIN_SUB, groups: ['sg-app-admins'] };

export interface EventInput {
  readonly method?: string;
  readonly path?: string;
  readonly body?: string | null;
  readonly headers?: Record<string, string>;
  readonly multiValueHeaders?: Record<string, string[]>;
  readonly isBase64Encoded?: boolean;
  /** The authorizer context as API Gateway passes it; `null` for none. */
  readonly authorizer?: Record<string, unknown> | null;
}

/** Authorizer context of `caller` (groups as a JSON array string, as TENANT_CONTEXT says). */
export function contextOf(caller: Caller): Record<string, unknown> {
  return {
    principalId: caller.sub,
    tenantId: caller.tenantId,
    sub: caller.sub,
    username: `user-${caller.sub.slice(0, 4)}`,
    groups: JSON.stringify(caller.groups),
    tokenUse: 'access',
    clientId: 'client123',
  };
}

/** A REST API v1 proxy event for `ANY /{proxy+}`, from `caller`. */
export function event(caller: Caller, input: EventInput = {}): Record<string, unknown> {
  const path = input.path ?? '/pets';
  const headers = input.headers ?? (input.body ? { 'Content-Type': 'application/json' } : {});
  return {
    resource: '/{proxy+}',
    path,
    httpMethod: input.method ?? 'GET',
    headers,
    multiValueHeaders:
      input.multiValueHeaders ?? Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    pathParameters: { proxy: path.replace(/^\//, '') },
    stageVariables: null,
    body: input.body ?? null,
    isBase64Encoded: input.isBase64Encoded ?? false,
    requestContext: {
      resourcePath: '/{proxy+}',
      httpMethod: input.method ?? 'GET',
      ...(input.authorizer === null ? {} : { authorizer: input.authorizer ?? contextOf(caller) }),
    },
  };
}

/** Creates a pet as `caller` and returns its id (fails the test unless 201). */
export async function createPet(handler: PetsHandler, caller: Caller, name: string): Promise<string> {
  const response = await handler(event(caller, { method: 'POST', body: JSON.stringify({ name }) }));
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return (JSON.parse(response.body) as { id: string }).id;
}
