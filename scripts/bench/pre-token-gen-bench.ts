/**
 * Section 4: pre-token-gen warm, per sign-in event, through its own `createHandler` with
 * the real tenant lookup and cache over a counting DynamoDB stand-in (the tenant item is
 * cached after the first event). The only thing that varies is `custom:groups`: 0, 50
 * and 500 IdP groups as Cognito writes a multi-valued SAML attribute (`[a, b, ...]`),
 * half of them allowed by the tenant's prefix. The 0-group event is the baseline.
 */
import { marshallItem } from '@cognito-tenancy/registry/attribute-values';
import { providerItemKey } from '@cognito-tenancy/registry/keys';
import { createTenantCache } from '../../packages/pre-token-gen/src/aws-clients';
import { loadConfig } from '../../packages/pre-token-gen/src/config';
import { createHandler } from '../../packages/pre-token-gen/src/create-handler';
import { createTenantLookup } from '../../packages/pre-token-gen/src/tenant-store';
import { compare, type Measurement, type MeasureOptions } from './measure';
import { CountingDynamoDb, countingLogger } from './store-fakes';

export const GROUP_COUNTS = [0, 50, 500] as const;
const SHARED_POOL = 'eu-west-1_BenchShared';
const PROVIDER = 'AcmeIdP';

export interface GroupsRow {
  readonly groups: number;
  /** Bytes of the `custom:groups` value. */
  readonly attributeBytes: number;
  /** Groups the issued token carries (allowed, capped). */
  readonly tokenGroups: number;
  readonly measurement: Measurement;
}

export interface PreTokenGenResults {
  readonly rows: readonly GroupsRow[];
  readonly storeCallsWhileTimed: number;
  readonly maxGroups: number;
}

/** `[app-0000, other-0001, ...]`: even groups match the tenant's `app-` prefix. */
export function groupsAttribute(count: number): string {
  if (count === 0) return '';
  const names = Array.from(
    { length: count },
    (_, i) => `${i % 2 === 0 ? 'app' : 'other'}-${String(i).padStart(4, '0')}`,
  );
  return `[${names.join(', ')}]`;
}

function event(groups: string): Record<string, unknown> {
  return {
    version: '2',
    triggerSource: 'TokenGeneration_HostedAuth',
    region: 'eu-west-1',
    userPoolId: SHARED_POOL,
    userName: `${PROVIDER}_bob`,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'benchclient1' },
    request: {
      userAttributes: {
        sub: '11111111-2222-3333-4444-555555555555',
        email: 'bob@acme.example',
        identities: JSON.stringify([
          {
            userId: 'bob',
            providerName: PROVIDER,
            providerType: 'SAML',
            issuer: 'urn:acme',
            primary: 'true',
            dateCreated: '1700000000000',
          },
        ]),
        ...(groups === '' ? {} : { 'custom:groups': groups }),
      },
      groupConfiguration: {
        groupsToOverride: [`${SHARED_POOL}_${PROVIDER}`],
        iamRolesToOverride: [],
        preferredRole: null,
      },
      scopes: ['openid', 'email'],
    },
    response: { claimsAndScopeOverrideDetails: null },
  };
}

function tokenGroups(result: Record<string, unknown>): number {
  const details = (
    result.response as {
      claimsAndScopeOverrideDetails?: { groupOverrideDetails?: { groupsToOverride?: unknown[] } };
    }
  )?.claimsAndScopeOverrideDetails;
  return details?.groupOverrideDetails?.groupsToOverride?.length ?? -1;
}

/** Runs section 4. */
export async function benchPreTokenGen(options: MeasureOptions): Promise<PreTokenGenResults> {
  const config = loadConfig({ TENANT_TABLE_NAME: 'bench-tenants', SHARED_USER_POOL_IDS: SHARED_POOL });
  const dynamodb = new CountingDynamoDb(2);
  const key = providerItemKey(SHARED_POOL, PROVIDER);
  dynamodb.items.set(
    key.pk,
    marshallItem({
      ...key,
      tenantId: 'acme',
      emailDomains: ['acme.example'],
      groups: { allow: ['Admins'], prefixes: ['app-'] },
    }),
  );
  const handler = createHandler({
    config,
    lookup: createTenantLookup({
      client: dynamodb,
      tableName: config.tenantTableName,
      cache: createTenantCache(config),
    }),
    logger: countingLogger(),
  });
  const events = GROUP_COUNTS.map((count) => ({
    count,
    attribute: groupsAttribute(count),
    event: event(groupsAttribute(count)),
  }));
  const carried: number[] = [];
  for (const { event: e } of events) carried.push(tokenGroups(await handler(e)));
  const before = dynamodb.calls;
  const results = await compare(
    events.map(({ count, event: e }) => ({ name: `${count} groups`, fn: () => handler(e) })),
    options,
  );
  return {
    rows: events.map(({ count, attribute }, i) => ({
      groups: count,
      attributeBytes: Buffer.byteLength(attribute),
      tokenGroups: carried[i] ?? -1,
      measurement: results[i] as Measurement,
    })),
    storeCallsWhileTimed: dynamodb.calls - before,
    maxGroups: config.maxGroups,
  };
}
