import { describe, expect, it } from '@jest/globals';
import { bindTenant } from '../../src/bind-tenant';
import { ConfigError, loadConfig } from '../../src/config';
import { parseEvent } from '../../src/event';
import { ACME, acmeUser, cognitoEvent, fakeLookup, REGISTRY, SHARED_POOL } from './fixtures';

// Shards of the shared pool (shared-00, shared-01, ...): the trigger must know every one.
const SECOND_SHARD = 'eu-west-1_Shard01';
const base = { TENANT_TABLE_NAME: 'tenants' };

describe('SHARED_USER_POOL_IDS', () => {
  it('reads every shard, trimming blanks between the commas', () => {
    const config = loadConfig({ ...base, SHARED_USER_POOL_IDS: ` ${SHARED_POOL}, ,${SECOND_SHARD} ` });
    expect([...config.sharedUserPoolIds]).toEqual([SHARED_POOL, SECOND_SHARD]);
  });

  it('treats every pool as dedicated when unset', () => {
    expect(loadConfig(base).sharedUserPoolIds.size).toBe(0);
  });

  it('names each entry that is not a user pool id', () => {
    const read = () => loadConfig({ ...base, SHARED_USER_POOL_IDS: `${SHARED_POOL},pool two,x` });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(
      "SHARED_USER_POOL_IDS: 'pool two' is not a user pool id (<region>_<id>); SHARED_USER_POOL_IDS: 'x' is not a user pool id (<region>_<id>)",
    );
  });

  it('ignores the old single-pool variable, so a stale SHARED_USER_POOL_ID binds no shared tenant', () => {
    expect(loadConfig({ ...base, SHARED_USER_POOL_ID: SHARED_POOL }).sharedUserPoolIds.size).toBe(0);
  });

  it('binds a user of a second shard by the IdP that authenticated them', async () => {
    // Prepare
    const { lookup, keys } = fakeLookup({ ...REGISTRY, [`IDP#${SECOND_SHARD}#AcmeIdP`]: ACME });
    const config = loadConfig({ ...base, SHARED_USER_POOL_IDS: `${SHARED_POOL},${SECOND_SHARD}` });
    const event = parseEvent(cognitoEvent({ attributes: acmeUser(), userPoolId: SECOND_SHARD }), {
      cognitoLocalCompat: false,
    });
    // Act
    const binding = await bindTenant(event, lookup, config);
    // Assess
    expect(binding.tenantId).toBe(ACME.tenantId);
    expect(keys).toEqual([`IDP#${SECOND_SHARD}#AcmeIdP`]);
  });
});
