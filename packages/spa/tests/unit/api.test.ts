import { describe, expect, it } from '@jest/globals';
import { callApi, petsOf, revokedBeforeOf } from '../../src/api';

const answering =
  (status: number, body: unknown, seen: RequestInit[] = []) =>
  async (_url: string, init?: RequestInit) => {
    seen.push(init ?? {});
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  };

describe('callApi', () => {
  it('sends the access token as a bearer token and the JSON body', async () => {
    const seen: RequestInit[] = [];
    const result = await callApi(answering(201, { id: 'p1' }, seen), 'tok', 'POST', '/pets', { name: 'Rex' });
    expect(result).toEqual({ kind: 'ok', status: 201, body: { id: 'p1' } });
    expect(seen[0]?.headers).toMatchObject({
      authorization: 'Bearer tok',
      'content-type': 'application/json',
    });
    expect(seen[0]?.body).toBe('{"name":"Rex"}');
  });

  it('classifies 401 and 403 with the API message, other failures with method, path and status', async () => {
    expect(await callApi(answering(401, { message: 'Unauthorized' }), 't', 'GET', '/pets')).toEqual({
      kind: 'unauthorized',
      message: 'Unauthorized',
    });
    expect(await callApi(answering(403, {}), 't', 'GET', '/pets')).toEqual({
      kind: 'forbidden',
      message: undefined,
    });
    expect(await callApi(answering(500, { message: 'boom' }), 't', 'GET', '/pets')).toEqual({
      kind: 'failed',
      status: 500,
      message: 'GET /pets answered 500: boom.',
    });
  });

  it('turns a network error into a failure, never a throw', async () => {
    const offline = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await callApi(offline, 't', 'GET', '/pets')).toMatchObject({ kind: 'failed', status: 0 });
  });
});

describe('petsOf and revokedBeforeOf', () => {
  it('reads pets from { pets } or an array, skipping malformed entries', () => {
    expect(petsOf({ pets: [{ id: 'a', name: 'Rex' }, { name: 3 }, null] })).toEqual([
      { id: 'a', name: 'Rex' },
    ]);
    expect(petsOf([{ petId: 'b', name: 'Tom' }])).toEqual([{ id: 'b', name: 'Tom' }]);
    expect(petsOf({ message: 'x' })).toEqual([]);
  });

  it('reads an integer revokedBefore only', () => {
    expect(revokedBeforeOf({ revokedBefore: 1700000000 })).toBe(1700000000);
    expect(revokedBeforeOf({ revokedBefore: '1700000000' })).toBeUndefined();
  });
});
