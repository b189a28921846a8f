/**
 * The attacker's side: a signed-in user of one tenant tries to read or write another
 * tenant's pets with everything they control (headers, path, body, encodings). Every case
 * ends in the caller's own tenant's data or a documented refusal, never another tenant's.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from '@jest/globals';
import {
  acmeAdmin,
  acmeMember,
  type Caller,
  contextOf,
  createPet,
  event,
  globexAdmin,
  world,
} from '../support/world';

const names = (response: { body: string }) =>
  (JSON.parse(response.body) as { pets: Array<{ name: string }> }).pets.map((p) => p.name).sort();

const FORGED_HEADERS = {
  'X-Tenant-Id': 'globex',
  x_tenant_id: 'globex',
  X_Tenant_Id: 'globex',
  'x-user-groups': '["sg-app-admins","Admins"]',
  X_User_Groups: '["Admins"]',
  'x-user-sub': globexAdmin.sub,
  'x-tenant-id ': 'globex',
};

async function seeded() {
  const w = world();
  await createPet(w.handler, acmeAdmin, 'acme-rex');
  const globexId = await createPet(w.handler, globexAdmin, 'globex-tom');
  w.dynamo.calls.length = 0;
  return { ...w, globexId };
}

describe('forged headers', () => {
  it('never change whose pets are listed', async () => {
    const { handler } = await seeded();

    const response = await handler(event(acmeMember, { headers: FORGED_HEADERS }));

    expect(names(response)).toEqual(['acme-rex']);
  });

  it('never grant the admin group', async () => {
    const { handler, dynamo } = await seeded();

    const response = await handler(
      event(acmeMember, {
        method: 'POST',
        body: '{"name":"x"}',
        headers: { 'Content-Type': 'application/json', ...FORGED_HEADERS },
      }),
    );

    expect(response.statusCode).toBe(403);
    expect(dynamo.calls.some((c) => c instanceof PutItemCommand)).toBe(false);
  });

  it('are not read at all: a request with only headers and no authorizer context is refused', async () => {
    const { handler, dynamo } = await seeded();

    const response = await handler(event(acmeMember, { headers: FORGED_HEADERS, authorizer: null }));

    expect(response.statusCode).toBe(500);
    expect(dynamo.calls).toEqual([]);
  });
});

describe("another tenant's ids", () => {
  it("reads another tenant's pet id as unknown: the same 404 bytes, and only the caller's partition is read", async () => {
    const { handler, dynamo, globexId } = await seeded();

    const foreign = await handler(event(acmeMember, { path: `/pets/${globexId}` }));
    const unknown = await handler(event(acmeMember, { path: '/pets/00000000-0000-4000-8000-0000000fffff' }));

    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(unknown.body);
    expect(foreign.headers).toEqual(unknown.headers);
    for (const call of dynamo.calls) expect(JSON.stringify(call.input)).toContain('TENANT#acme');
    expect(JSON.stringify(dynamo.calls.map((c) => c.input))).not.toContain('TENANT#globex');
  });

  it.each([
    ['a tenant field', { name: 'x', tenantId: 'globex' }],
    ['key fields', { name: 'x', pk: 'TENANT#globex', sk: 'PET#1' }],
    ['an id', { name: 'x', id: '00000000-0000-4000-8000-000000000001' }],
    ['__proto__', JSON.parse('{"name":"x","__proto__":{"tenantId":"globex"}}')],
  ])('refuses a body carrying %s (400, nothing written)', async (_what, payload) => {
    const { handler, dynamo } = await seeded();

    const response = await handler(event(acmeAdmin, { method: 'POST', body: JSON.stringify(payload) }));

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ field: 'body' });
    expect(dynamo.calls).toEqual([]);
  });

  it('an admin of one tenant writes only into their own partition', async () => {
    const { handler, dynamo } = await seeded();

    await handler(
      event(globexAdmin, {
        method: 'POST',
        body: '{"name":"mine"}',
        headers: { 'Content-Type': 'application/json', 'X-Tenant-Id': 'acme' },
      }),
    );

    const put = dynamo.calls.find((c) => c instanceof PutItemCommand);
    expect(put?.input.Item?.pk).toEqual({ S: 'TENANT#globex' });
    expect(names(await handler(event(acmeMember)))).toEqual(['acme-rex']);
  });
});

describe('key injection', () => {
  it.each([
    '00000000-0000-4000-8000-000000000001#',
    'x#TENANT#globex',
    '..%2F..%2Fglobex',
    '%23TENANT%23globex',
    '00000000-0000-4000-8000-00000000000G',
    '00000000-0000-4000-8000-000000000001 ',
    'A0000000-0000-4000-8000-000000000001',
  ])('refuses pet id %j before any read (400 naming id)', async (id) => {
    const { handler, dynamo } = await seeded();

    const response = await handler(event(acmeMember, { path: `/pets/${id}` }));

    expect([400, 404]).toContain(response.statusCode);
    expect(dynamo.calls).toEqual([]);
  });

  it.each(['acme#x', 'globex#', 'ACME', '', 'a'])(
    'refuses an authorizer tenant id %j that is not a registry tenant id (500, no I/O)',
    async (tenantId) => {
      const { handler, dynamo } = await seeded();
      const caller: Caller = { ...acmeMember, tenantId };

      const response = await handler(event(caller, { authorizer: contextOf(caller) }));

      expect(response.statusCode).toBe(500);
      expect(dynamo.calls).toEqual([]);
    },
  );

  it("a name full of key syntax is only a name: the keys stay the caller's", async () => {
    const { handler, dynamo } = await seeded();

    const response = await handler(
      event(acmeAdmin, {
        method: 'POST',
        body: JSON.stringify({ name: '#TENANT#globex', species: 'PET#x' }),
      }),
    );

    expect(response.statusCode).toBe(201);
    const put = dynamo.calls.find((c) => c instanceof PutItemCommand);
    expect(put?.input.Item?.pk).toEqual({ S: 'TENANT#acme' });
    expect(put?.input.Item?.sk?.S).toMatch(/^PET#[0-9a-f-]{36}$/);
  });
});

describe('malformed and oversized input', () => {
  const post = (input: Parameters<typeof event>[1]) => event(acmeAdmin, { method: 'POST', ...input });

  it.each([
    ['a 64 KiB body', post({ body: JSON.stringify({ name: 'x'.repeat(65_536) }) }), 'body'],
    [
      'a 64 KiB base64 body',
      post({ body: Buffer.from('x'.repeat(65_536)).toString('base64'), isBase64Encoded: true }),
      'body',
    ],
    ['bad base64', post({ body: '!!!!', isBase64Encoded: true }), 'body'],
    [
      'invalid UTF-8',
      post({ body: Buffer.from([0x7b, 0xff, 0x7d]).toString('base64'), isBase64Encoded: true }),
      'body',
    ],
    ['not JSON', post({ body: '{name: x}' }), 'body'],
    ['an array', post({ body: '[{"name":"x"}]' }), 'body'],
    ['a number', post({ body: '42' }), 'body'],
    ['no body', post({ headers: { 'Content-Type': 'application/json' } }), 'body'],
    ['text/plain', post({ body: '{"name":"x"}', headers: { 'Content-Type': 'text/plain' } }), 'content-type'],
    [
      'a form',
      post({ body: 'name=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
      'content-type',
    ],
    ['no content type', post({ body: '{"name":"x"}', headers: {} }), 'content-type'],
    [
      'two content types',
      post({
        body: '{"name":"x"}',
        headers: { 'Content-Type': 'application/json' },
        multiValueHeaders: { 'content-type': ['application/json', 'text/plain'] },
      }),
      'content-type',
    ],
    ['a number as name', post({ body: '{"name":42}' }), 'name'],
    ['no name', post({ body: '{"species":"dog"}' }), 'name'],
    ['an empty name', post({ body: '{"name":"   "}' }), 'name'],
    ['a 65-character name', post({ body: JSON.stringify({ name: 'x'.repeat(65) }) }), 'name'],
    ['a bidi override in the name', post({ body: JSON.stringify({ name: 'Rex\u202Egnp.exe' }) }), 'name'],
    ['a control character in the name', post({ body: JSON.stringify({ name: 'Rex\u0000' }) }), 'name'],
    ['a null species', post({ body: '{"name":"x","species":null}' }), 'species'],
    [
      'a 33-character species',
      post({ body: JSON.stringify({ name: 'x', species: 's'.repeat(33) }) }),
      'species',
    ],
  ])('refuses %s with a 400 naming %s and the fix, before any I/O', async (_what, request, field) => {
    const { handler, dynamo } = await seeded();

    const response = await handler(request);

    expect(response.statusCode).toBe(400);
    const answer = JSON.parse(response.body) as { field: string; hint: string };
    expect(answer.field).toBe(field);
    expect(answer.hint.length).toBeGreaterThan(0);
    expect(dynamo.calls).toEqual([]);
  });

  it.each([
    ['not JSON', 'Admins'],
    ['an object', '{"0":"Admins"}'],
    ['a list of numbers', '[1,2]'],
    ['huge', JSON.stringify(Array.from({ length: 5000 }, () => 'Admins'))],
  ])('refuses authorizer groups that are %s (500, nothing written)', async (_what, groups) => {
    const { handler, dynamo } = await seeded();

    const response = await handler(
      event(acmeAdmin, {
        method: 'POST',
        body: '{"name":"x"}',
        authorizer: { ...contextOf(acmeAdmin), groups },
      }),
    );

    expect(response.statusCode).toBe(500);
    expect(dynamo.calls).toEqual([]);
  });
});

describe('damaged records', () => {
  it("never shows an item in the caller's partition that names another tenant (503)", async () => {
    const { handler, dynamo } = await seeded();
    const [key, item] = [...dynamo.pets.entries()].find(([, i]) => i.pk?.S === 'TENANT#acme')!;
    dynamo.pets.set(key, { ...item, tenantId: { S: 'globex' } });

    const response = await handler(event(acmeMember));

    expect(response.statusCode).toBe(503);
    expect(response.body).not.toContain('acme-rex');
  });
});
