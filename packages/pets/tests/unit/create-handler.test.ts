import { GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from '@jest/globals';
import { acmeAdmin, acmeMember, createPet, event, globexAdmin, world } from '../support/world';

const body = (response: { body: string }) => JSON.parse(response.body) as Record<string, unknown>;

describe('GET /pets', () => {
  it("lists the caller's tenant's pets with one Query on the tenant's partition", async () => {
    const { handler, dynamo } = world();
    await createPet(handler, acmeAdmin, 'Rex');
    await createPet(handler, acmeAdmin, 'Tom');
    dynamo.calls.length = 0;

    const response = await handler(event(acmeMember));

    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const list = body(response) as { pets: Array<{ name: string }>; truncated: boolean };
    expect(list.pets.map((p) => p.name).sort()).toEqual(['Rex', 'Tom']);
    expect(list.truncated).toBe(false);
    expect(dynamo.calls).toHaveLength(1);
    expect(dynamo.calls[0]).toBeInstanceOf(QueryCommand);
    expect(dynamo.calls[0]?.input).toMatchObject({
      TableName: 'pets',
      ExpressionAttributeValues: { ':pk': { S: 'TENANT#acme' }, ':pet': { S: 'PET#' } },
      Limit: 100,
    });
  });

  it('says when the list is truncated at PETS_LIST_LIMIT', async () => {
    const { handler } = world({ env: { PETS_LIST_LIMIT: '2' } });
    for (const name of ['A', 'B', 'C']) await createPet(handler, acmeAdmin, name);

    const list = body(await handler(event(acmeMember))) as { pets: unknown[]; truncated: boolean };

    expect(list.pets).toHaveLength(2);
    expect(list.truncated).toBe(true);
  });

  it('answers an empty list for a tenant without pets, without reading the registry', async () => {
    const { handler, dynamo } = world();

    const response = await handler(event(globexAdmin));

    expect(body(response)).toEqual({ pets: [], truncated: false });
    expect(dynamo.calls.some((c) => c.input.TableName === 'tenants')).toBe(false);
  });
});

describe('POST /pets', () => {
  it('creates a pet for a member of the tenant admin group: 201, Location, stored under the tenant', async () => {
    const { handler, dynamo } = world();

    const response = await handler(
      event(acmeAdmin, { method: 'POST', body: JSON.stringify({ name: ' Rex ', species: 'dog' }) }),
    );

    expect(response.statusCode).toBe(201);
    const pet = body(response);
    expect(pet).toEqual({
      id: expect.any(String),
      name: 'Rex',
      species: 'dog',
      createdAt: '2026-12-04T12:00:00.000Z',
    });
    expect(response.headers.location).toBe(`/pets/${pet.id}`);
    const put = dynamo.calls.find((c) => c instanceof PutItemCommand);
    expect(put?.input).toMatchObject({
      TableName: 'pets',
      Item: { pk: { S: 'TENANT#acme' }, sk: { S: `PET#${pet.id}` }, tenantId: { S: 'acme' } },
      ConditionExpression: 'attribute_not_exists(#pk)',
    });
  });

  it('reads the admin group from the registry TENANT# item', async () => {
    const { handler, dynamo } = world();

    await createPet(handler, acmeAdmin, 'Rex');

    const get = dynamo.calls.find((c) => c instanceof GetItemCommand);
    expect(get?.input).toEqual({ TableName: 'tenants', Key: { pk: { S: 'TENANT#acme' } } });
  });

  it('caches the tenant record between writes', async () => {
    const { handler, dynamo } = world();

    await createPet(handler, acmeAdmin, 'Rex');
    await createPet(handler, acmeAdmin, 'Tom');

    expect(dynamo.calls.filter((c) => c.input.TableName === 'tenants')).toHaveLength(1);
  });

  it('refuses a member who is not in the admin group (403) and writes nothing', async () => {
    const { handler, dynamo, logger } = world();

    const response = await handler(
      event(acmeMember, { method: 'POST', body: JSON.stringify({ name: 'Rex' }) }),
    );

    expect(response.statusCode).toBe(403);
    expect(body(response)).toEqual({ message: 'Forbidden' });
    expect(dynamo.pets.size).toBe(0);
    expect(logger.lines.at(-1)).toMatchObject({
      level: 'warn',
      fields: { reason: 'not-admin', tenantId: 'acme' },
    });
  });

  it('refuses writes in a tenant without an admin group, and in a tenant the registry does not know', async () => {
    const { handler } = world();
    const initech = { tenantId: 'initech', sub: acmeAdmin.sub, groups: ['Admins'] };
    const ghost = { tenantId: 'ghost', sub: acmeAdmin.sub, groups: ['Admins'] };

    const a = await handler(event(initech, { method: 'POST', body: '{"name":"x"}' }));
    const b = await handler(event(ghost, { method: 'POST', body: '{"name":"x"}' }));

    expect([a.statusCode, b.statusCode]).toEqual([403, 403]);
  });
});

describe('GET /pets/{id}', () => {
  it("reads one of the tenant's pets", async () => {
    const { handler } = world();
    const id = await createPet(handler, acmeAdmin, 'Rex');

    const response = await handler(event(acmeMember, { path: `/pets/${id}` }));

    expect(response.statusCode).toBe(200);
    expect(body(response)).toMatchObject({ id, name: 'Rex' });
  });

  it('answers 404 for an unknown id and 400 naming id for a malformed one', async () => {
    const { handler } = world();

    const unknown = await handler(event(acmeMember, { path: '/pets/00000000-0000-4000-8000-00000000ffff' }));
    const malformed = await handler(event(acmeMember, { path: '/pets/rex' }));

    expect(unknown.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(400);
    expect(body(malformed)).toMatchObject({ message: 'Invalid request', field: 'id' });
  });
});

describe('routes, methods and CORS', () => {
  it.each(['/', '/pet', '/pets/', '/Pets', '/pets/a/b', '/admin', '/pets/../tenants'])(
    'answers 404 for %s',
    async (path) => {
      const { handler, dynamo } = world();

      const response = await handler(event(acmeMember, { path }));

      expect(response.statusCode).toBe(404);
      expect(body(response)).toEqual({ message: 'Not found' });
      expect(dynamo.calls).toEqual([]);
    },
  );

  it('answers 405 with Allow for other methods', async () => {
    const { handler } = world();

    const del = await handler(event(acmeAdmin, { method: 'DELETE', path: '/pets' }));
    const put = await handler(
      event(acmeAdmin, { method: 'PUT', path: '/pets/00000000-0000-4000-8000-000000000001' }),
    );

    expect(del.statusCode).toBe(405);
    expect(del.headers.allow).toBe('GET, POST, OPTIONS');
    expect(put.headers.allow).toBe('GET, OPTIONS');
  });

  it('echoes a listed origin and answers its preflight; never an unlisted one', async () => {
    const { handler } = world({ env: { CORS_ALLOWED_ORIGINS: 'https://app.example.com' } });

    const listed = await handler(event(acmeMember, { headers: { Origin: 'https://app.example.com' } }));
    const unlisted = await handler(event(acmeMember, { headers: { Origin: 'https://evil.example' } }));
    const preflight = await handler(
      event(acmeMember, {
        method: 'OPTIONS',
        headers: { Origin: 'https://app.example.com' },
        authorizer: null,
      }),
    );

    expect(listed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(unlisted.headers['access-control-allow-origin']).toBeUndefined();
    expect(unlisted.headers.vary).toBe('Origin');
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, POST, OPTIONS');
  });

  it('answers 500 without detail when the authorizer context is missing (a wiring error)', async () => {
    const { handler, logger } = world();

    const response = await handler(event(acmeMember, { authorizer: null }));

    expect(response.statusCode).toBe(500);
    expect(body(response)).toEqual({ message: 'Internal error' });
    expect(logger.lines.at(-1)).toMatchObject({
      level: 'error',
      fields: { reason: 'authorizer-context-invalid' },
    });
  });

  it('answers 503 when a table fails, naming no table in the answer', async () => {
    const pets = world({ fail: 'pets' });
    const tenants = world({ fail: 'tenants' });

    const list = await pets.handler(event(acmeMember));
    const write = await tenants.handler(event(acmeAdmin, { method: 'POST', body: '{"name":"Rex"}' }));

    expect([list.statusCode, write.statusCode]).toEqual([503, 503]);
    expect(list.body).not.toContain('pets');
    expect(pets.logger.lines.at(-1)?.fields).toMatchObject({
      reason: 'pets-store-unavailable',
      causeName: 'ProvisionedThroughputExceededException',
    });
    expect(tenants.logger.lines.at(-1)?.fields).toMatchObject({ reason: 'tenant-store-unavailable' });
  });
});

describe('the handler skeleton', () => {
  it('logs exactly one line per request, carrying the Lambda request id', async () => {
    const { handler, logger } = world();
    const context = { awsRequestId: '8f5e2c1a-0000-4000-8000-000000000001' };

    await handler(event(acmeMember), context);
    await handler(event(acmeMember, { method: 'DELETE' }), { awsRequestId: 'second' });

    expect(logger.lines.map((line) => [line.fields.reason, line.fields.requestId])).toEqual([
      ['listed', '8f5e2c1a-0000-4000-8000-000000000001'],
      ['method-not-allowed', 'second'],
    ]);
  });

  it('is a middy handler a team can extend with .use()', async () => {
    const { handler } = world();
    const seen: number[] = [];
    handler.use({
      after: (request) => {
        seen.push(request.response.statusCode);
      },
    });

    await handler(event(acmeMember));

    expect(seen).toEqual([200]);
  });
});
