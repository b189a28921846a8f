import { describe, expect, it } from '@jest/globals';
import {
  type ForbiddenError,
  InvalidRequestError,
  MethodNotAllowedError,
  NotFoundError,
} from '../../src/errors';
import { assertCanWrite, parseNewPet, routeOf } from '../../src/pet-rules';

const ID = '00000000-0000-4000-8000-000000000001';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('routeOf', () => {
  it('knows the three routes and preflights', () => {
    expect(routeOf('GET', 'pets')).toEqual({ kind: 'list' });
    expect(routeOf('POST', 'pets')).toEqual({ kind: 'create' });
    expect(routeOf('GET', `pets/${ID}`)).toEqual({ kind: 'get', petId: ID });
    expect(routeOf('OPTIONS', `pets/${ID}`)).toEqual({ kind: 'preflight' });
  });

  it('answers 404 outside /pets and 405 for other methods', () => {
    expect(thrown(() => routeOf('GET', 'pets/x/y'))).toBeInstanceOf(NotFoundError);
    expect(thrown(() => routeOf('GET', 'other'))).toBeInstanceOf(NotFoundError);
    expect(thrown(() => routeOf('OPTIONS', 'other'))).toBeInstanceOf(NotFoundError);
    expect(thrown(() => routeOf('PATCH', 'pets'))).toBeInstanceOf(MethodNotAllowedError);
    expect(thrown(() => routeOf('POST', `pets/${ID}`))).toBeInstanceOf(MethodNotAllowedError);
  });

  it('refuses an id that is not a lowercase v4 UUID, naming id', () => {
    for (const id of [
      'ABCDEF00-0000-4000-8000-000000000001',
      `${ID}x`,
      '00000000-0000-1000-8000-000000000001',
      'x'.repeat(10_000),
    ]) {
      const error = thrown(() => routeOf('GET', `pets/${id}`));
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as InvalidRequestError).field).toBe('id');
    }
  });
});

describe('parseNewPet', () => {
  it('normalises and trims name and species', () => {
    expect(parseNewPet('{"name":"  Cafe\u0301 ","species":" cat "}')).toEqual({
      name: 'Café',
      species: 'cat',
    });
    expect(parseNewPet('{"name":"Rex"}')).toEqual({ name: 'Rex' });
  });

  it('counts characters, not UTF-16 units', () => {
    expect(parseNewPet(JSON.stringify({ name: '🐕'.repeat(64) })).name).toHaveLength(128);
  });

  it('names the field of each problem', () => {
    const field = (body: string) => (thrown(() => parseNewPet(body)) as InvalidRequestError).field;
    expect(field('nope')).toBe('body');
    expect(field('null')).toBe('body');
    expect(field('{"name":"x","extra":1}')).toBe('body');
    expect(field('{}')).toBe('name');
    expect(field('{"name":["x"]}')).toBe('name');
    expect(field('{"name":"x","species":""}')).toBe('species');
  });
});

describe('assertCanWrite', () => {
  const tenant = {
    tenantId: 'acme',
    pattern: 'dedicated' as const,
    userPoolId: 'eu-west-1_AcmePool1',
    providerNames: ['AcmeOkta'],
    adminGroup: 'Admins',
  };
  const caller = (groups: string[]) => ({ tenantId: 'acme', sub: 's', groups });

  it('lets members of the admin group write, exactly (case-sensitive)', () => {
    expect(() => assertCanWrite(caller(['x', 'Admins']), tenant)).not.toThrow();
    expect((thrown(() => assertCanWrite(caller(['admins']), tenant)) as ForbiddenError).reason).toBe(
      'not-admin',
    );
  });

  it('refuses when the tenant has no admin group or no record', () => {
    const { adminGroup: _, ...withoutAdmin } = tenant;
    expect((thrown(() => assertCanWrite(caller(['Admins']), withoutAdmin)) as ForbiddenError).reason).toBe(
      'tenant-has-no-admin-group',
    );
    expect((thrown(() => assertCanWrite(caller(['Admins']), undefined)) as ForbiddenError).reason).toBe(
      'tenant-not-registered',
    );
  });
});
