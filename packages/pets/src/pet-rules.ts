/**
 * The rules of the pets service, free of I/O: which route a request is, what a new pet may
 * look like, and who may write. Reads are for any signed-in user of the tenant; writes
 * are for members of the tenant's admin group (`groups.admin` in the environment file).
 */
import type { TenantItem } from '@cognito-tenancy/registry/records';
import { ForbiddenError, InvalidRequestError, MethodNotAllowedError, NotFoundError } from './errors';
import { PET_ID } from './pets-table';
import type { Caller } from './request';

/** What a request asks for. */
export type PetsRoute =
  | { readonly kind: 'list' }
  | { readonly kind: 'create' }
  | { readonly kind: 'get'; readonly petId: string }
  | { readonly kind: 'preflight' };

/**
 * The route of `method` on `path` (without leading slash). Only `pets` and `pets/<id>`
 * exist; anything else, trailing slashes included, is 404. A malformed id is a 400 naming
 * `id` (checked before any I/O).
 */
export function routeOf(method: string, path: string): PetsRoute {
  const segments = path.split('/');
  if (segments[0] !== 'pets' || segments.length > 2) throw new NotFoundError('route-not-found');
  if (method === 'OPTIONS') return { kind: 'preflight' };
  if (segments.length === 1) {
    if (method === 'GET') return { kind: 'list' };
    if (method === 'POST') return { kind: 'create' };
    throw new MethodNotAllowedError('GET, POST, OPTIONS');
  }
  const id = segments[1] ?? '';
  if (id === '') throw new NotFoundError('route-not-found');
  if (method !== 'GET') throw new MethodNotAllowedError('GET, OPTIONS');
  // The length first: cheap, and no pattern runs over a long attacker-chosen string.
  if (id.length !== 36 || !PET_ID.test(id)) {
    throw new InvalidRequestError(
      'id',
      'invalid',
      'a pet id is a lowercase UUID from GET /pets or POST /pets',
    );
  }
  return { kind: 'get', petId: id };
}

/** A pet as the API shows it. */
export interface Pet {
  readonly id: string;
  readonly name: string;
  readonly species?: string;
  /** ISO 8601, UTC. */
  readonly createdAt: string;
}

/** The fields a client may send for a new pet. */
export interface NewPet {
  readonly name: string;
  readonly species?: string;
}

export const NAME_MAX_LENGTH = 64;
export const SPECIES_MAX_LENGTH = 32;
// Letters, marks, numbers, punctuation, symbols and spaces: no control, format (bidi
// overrides, zero-width), private-use or unassigned characters.
const DISPLAY_TEXT = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]+$/u;

function text(value: unknown, field: 'name' | 'species', max: number): string {
  const hint = `a string of 1-${max} characters (letters, digits, punctuation, spaces)`;
  if (typeof value !== 'string') throw new InvalidRequestError(field, 'not-a-string', hint);
  const normalized = value.normalize('NFC').trim();
  if (normalized === '') throw new InvalidRequestError(field, 'empty', hint);
  if ([...normalized].length > max) throw new InvalidRequestError(field, 'too-long', hint);
  if (!DISPLAY_TEXT.test(normalized)) throw new InvalidRequestError(field, 'invalid-characters', hint);
  return normalized;
}

/**
 * Parses the body of `POST /pets`: a JSON object with a string `name` and optionally a
 * string `species`, nothing else (unknown fields, `__proto__`, arrays and scalars are 400).
 */
export function parseNewPet(body: string): NewPet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new InvalidRequestError('body', 'not-json', 'send a JSON object');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidRequestError('body', 'not-object', 'send a JSON object such as {"name": "Rex"}');
  }
  const fields = parsed as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (key !== 'name' && key !== 'species') {
      throw new InvalidRequestError('body', 'unknown-field', 'send only "name" and optionally "species"');
    }
  }
  if (!Object.hasOwn(fields, 'name')) {
    throw new InvalidRequestError('name', 'missing', `a string of 1-${NAME_MAX_LENGTH} characters`);
  }
  const name = text(fields.name, 'name', NAME_MAX_LENGTH);
  if (!Object.hasOwn(fields, 'species')) return { name };
  return { name, species: text(fields.species, 'species', SPECIES_MAX_LENGTH) };
}

/**
 * Whether `caller` may write their tenant's pets; throws {@link ForbiddenError} when not.
 * `tenant` is the registry's `TENANT#<caller.tenantId>` item (undefined: not registered).
 */
export function assertCanWrite(caller: Caller, tenant: TenantItem | undefined): void {
  if (tenant === undefined) throw new ForbiddenError('tenant-not-registered');
  if (tenant.adminGroup === undefined) throw new ForbiddenError('tenant-has-no-admin-group');
  if (!caller.groups.includes(tenant.adminGroup)) throw new ForbiddenError('not-admin');
}
