import { describe, expect, it } from '@jest/globals';
import { createHandler } from '../../src/create-handler';
import {
  ACME_POOL,
  ADMINS,
  fakeWorld,
  INITECH_POOL,
  MEMBERS,
  SHARED_POOL,
  signOutEvent,
  subOf,
} from '../support/world';

const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

describe('a tenant admin signs a user of their tenant out', () => {
  it('records the cut-off after the current second, then signs the user out of Cognito', async () => {
    // Prepare
    const world = fakeWorld();
    const handler = createHandler(world.deps);
    const nowSeconds = Math.floor(world.clock / 1000);

    // Act
    const response = await handler(signOutEvent({ caller: ADMINS.acme, target: subOf('bob') }));

    // Assess
    expect(response.statusCode).toBe(200);
    // The current second, plus one second of skew: tokens issued up to then are refused.
    const revokedBefore = nowSeconds + 2;
    expect(json(response.body)).toEqual({ sub: subOf('bob'), revokedBefore });
    expect(world.writes).toEqual([
      {
        tenantId: 'acme',
        sub: subOf('bob'),
        revokedBefore,
        expiresAt: revokedBefore + 7200,
        revokedBy: subOf('alice'),
      },
    ]);
    expect(world.signOuts).toEqual([{ userPoolId: ACME_POOL, username: 'AcmeOkta_bob@example.com' }]);
    expect(world.lookups.userSearches).toEqual([{ userPoolId: ACME_POOL, sub: subOf('bob') }]);
    expect(response.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });
  });

  it('moves the cut-off past a global sign-out that crossed a second (a refresh in between is revoked too)', async () => {
    const world = fakeWorld();
    world.signOutTakesMs = 1500;
    const handler = createHandler(world.deps);
    const first = Math.floor(world.clock / 1000) + 2;

    const response = await handler(signOutEvent());

    expect(world.writes.map((w) => w.revokedBefore)).toEqual([first, first + 1]);
    expect(json(response.body).revokedBefore).toBe(first + 1);
    // The second write is after Cognito revoked the refresh tokens.
    expect(world.signOuts).toHaveLength(1);
  });

  it('lets a shared-pool admin sign out a user who came through their own IdP', async () => {
    const world = fakeWorld();
    const response = await createHandler(world.deps)(
      signOutEvent({ caller: ADMINS.globex, target: subOf('frank') }),
    );
    expect(response.statusCode).toBe(200);
    expect(world.signOuts).toEqual([{ userPoolId: SHARED_POOL, username: 'GlobexEntra_frank@example.com' }]);
  });

  it('accepts an admin group with any characters (LDAP distinguished names)', async () => {
    const world = fakeWorld();
    const response = await createHandler(world.deps)(
      signOutEvent({ caller: ADMINS.initech, target: subOf('milton') }),
    );
    expect(response.statusCode).toBe(200);
    expect(world.signOuts).toEqual([
      { userPoolId: INITECH_POOL, username: 'InitechADFS_milton@example.com' },
    ]);
  });

  it('normalises an uppercase sub before looking it up', async () => {
    const world = fakeWorld();
    const response = await createHandler(world.deps)(signOutEvent({ target: subOf('bob').toUpperCase() }));
    expect(response.statusCode).toBe(200);
    expect(world.writes[0]?.sub).toBe(subOf('bob'));
  });

  it('writes one audit line with the tenant, the admin, the user and the cut-off', async () => {
    const world = fakeWorld();
    await createHandler(world.deps)(signOutEvent());
    expect(world.logger.lines).toEqual([
      {
        level: 'info',
        message: 'sign-out',
        fields: {
          reason: 'signed-out',
          status: 200,
          tenantId: 'acme',
          userPoolId: ACME_POOL,
          actorSub: subOf('alice'),
          targetSub: subOf('bob'),
          revokedBefore: expect.any(Number),
          writes: 1,
        },
      },
    ]);
  });

  it('reads the tenant record once per cache TTL', async () => {
    const world = fakeWorld();
    const handler = createHandler(world.deps);
    await handler(signOutEvent({ target: subOf('bob') }));
    await handler(signOutEvent({ target: subOf('alice') }));
    expect(world.lookups.tenantGets).toEqual(['TENANT#acme']);
    world.clock += 60_000;
    await handler(signOutEvent({ target: subOf('bob') }));
    expect(world.lookups.tenantGets).toEqual(['TENANT#acme', 'TENANT#acme']);
  });
});

describe('refusals', () => {
  it('refuses a member who is not in the admin group (403) before looking up the user', async () => {
    const world = fakeWorld();
    const response = await createHandler(world.deps)(signOutEvent({ caller: MEMBERS.acme }));
    expect(response.statusCode).toBe(403);
    expect(json(response.body)).toEqual({ message: 'Forbidden' });
    expect(world.lookups.userSearches).toEqual([]);
    expect(world.writes).toEqual([]);
    expect(world.logger.lines[0]).toMatchObject({
      level: 'warn',
      fields: { reason: 'not-admin', status: 403 },
    });
  });

  it('refuses everyone in a tenant without an admin group (403)', async () => {
    const world = fakeWorld();
    const response = await createHandler(world.deps)(
      signOutEvent({ caller: MEMBERS.hooli, target: subOf('gavin') }),
    );
    expect(response.statusCode).toBe(403);
    expect(world.logger.lines[0]?.fields.reason).toBe('tenant-has-no-admin-group');
  });

  it('refuses a caller whose tenant has no record (403, fail closed)', async () => {
    const world = fakeWorld();
    const response = await createHandler(world.deps)(
      signOutEvent({ caller: { tenantId: 'nobody', name: 'x', groups: ['Admins'] } }),
    );
    expect(response.statusCode).toBe(403);
    expect(world.logger.lines[0]?.fields.reason).toBe('tenant-not-registered');
  });

  it('answers 404 for a sub that is nobody in the tenant', async () => {
    const world = fakeWorld();
    const response = await createHandler(world.deps)(signOutEvent({ target: subOf('nobody') }));
    expect(response.statusCode).toBe(404);
    expect(json(response.body)).toEqual({ message: 'User not found' });
    expect(world.writes).toEqual([]);
    expect(world.signOuts).toEqual([]);
  });

  it('answers 400 for a sub that is not a UUID, before any I/O', async () => {
    const world = fakeWorld();
    const handler = createHandler(world.deps);
    for (const target of ['bob', `${subOf('bob')}x`, '', null]) {
      const response = await handler(signOutEvent({ target }));
      expect(response.statusCode).toBe(400);
      expect(json(response.body)).toEqual({ message: 'Invalid request', field: 'sub' });
    }
    expect(world.lookups).toEqual({ tenantGets: [], userSearches: [] });
  });

  it('answers 405 with Allow: POST to any other method', async () => {
    const world = fakeWorld();
    const response = await createHandler(world.deps)(signOutEvent({ method: 'DELETE' }));
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('POST');
  });
});

describe('dependency failures', () => {
  const boom = Object.assign(new Error('socket hang up secret-detail'), { name: 'TimeoutError' });

  it.each([
    ['tenant', 'tenant-store-unavailable'],
    ['findUsers', 'user-lookup-failed'],
    ['record', 'revocation-store-failed'],
  ] as const)('answers 503 when %s fails, logging class names only', async (which, reason) => {
    const world = fakeWorld();
    world.fail[which] = boom;
    const response = await createHandler(world.deps)(signOutEvent());
    expect(response.statusCode).toBe(503);
    expect(json(response.body)).toEqual({ message: 'Service unavailable, try again later' });
    expect(world.signOuts).toEqual([]);
    const line = world.logger.lines[0]!;
    expect(line).toMatchObject({
      level: 'error',
      fields: { reason, status: 503, errorName: 'DependencyError', causeName: 'TimeoutError' },
    });
    expect(JSON.stringify(world.logger.lines)).not.toContain('secret-detail');
  });

  it('keeps the cut-off and says the sign-out is incomplete when Cognito fails', async () => {
    const world = fakeWorld();
    world.fail.globalSignOut = boom;
    const response = await createHandler(world.deps)(signOutEvent());
    expect(response.statusCode).toBe(503);
    expect(String(json(response.body).message)).toMatch(/^Sign-out incomplete/);
    expect(world.revocations.get(`acme#${subOf('bob')}`)?.revokedBefore).toBe(
      Math.floor(world.clock / 1000) + 2,
    );
    expect(world.logger.lines[0]?.fields.reason).toBe('global-sign-out-failed');
  });

  it('serves the tenant record from its stale window while the table fails', async () => {
    const world = fakeWorld();
    const handler = createHandler(world.deps);
    await handler(signOutEvent());
    world.clock += 61_000;
    world.fail.tenant = boom;
    const response = await handler(signOutEvent());
    expect(response.statusCode).toBe(200);
  });

  it('treats a tenant record filed under another tenant as a store error', async () => {
    const world = fakeWorld();
    const send = world.deps.tenantTable.send.bind(world.deps.tenantTable);
    const deps = {
      ...world.deps,
      tenantTable: {
        send: async (command: never) => {
          const out = (await send(command)) as { Item?: Record<string, { S?: string }> };
          if (out.Item) out.Item.tenantId = { S: 'initech' };
          return out;
        },
      },
    };
    // biome-ignore lint/suspicious/noExplicitAny: structural fake.
    const response = await createHandler(deps as any)(signOutEvent());
    expect(response.statusCode).toBe(503);
    expect(world.logger.lines[0]?.fields.reason).toBe('tenant-store-unavailable');
  });
});

describe('CORS', () => {
  it('echoes a configured origin on every answer, and only that', async () => {
    const world = fakeWorld();
    const handler = createHandler(world.deps);
    const ok = await handler(signOutEvent({ headers: { Origin: 'https://app.example.com' } }));
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example.com');
    const refused = await handler(
      signOutEvent({ caller: MEMBERS.acme, headers: { origin: 'https://app.example.com' } }),
    );
    expect(refused.headers['access-control-allow-origin']).toBe('https://app.example.com');
    const evil = await handler(signOutEvent({ headers: { origin: 'https://evil.example' } }));
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    expect(evil.headers.vary).toBe('Origin');
  });

  it('sends no CORS headers when none are configured', async () => {
    const world = fakeWorld({ corsAllowedOrigins: [] });
    const response = await createHandler(world.deps)(
      signOutEvent({ headers: { origin: 'https://app.example.com' } }),
    );
    expect(response.headers).not.toHaveProperty('vary');
  });
});

describe('logging', () => {
  it('never lets a failing logger change the answer', async () => {
    const world = fakeWorld();
    const throwing = () => {
      throw new Error('log sink down');
    };
    const handler = createHandler({
      ...world.deps,
      logger: { info: throwing, warn: throwing, error: throwing },
    });
    expect((await handler(signOutEvent())).statusCode).toBe(200);
    expect((await handler(signOutEvent({ caller: MEMBERS.acme }))).statusCode).toBe(403);
  });
});
