/**
 * Calls to the API on the page's own origin with the access token, classified once: the
 * page handles `unauthorized` (back to sign-in) and `forbidden` (explained) the same way
 * for every call.
 */
import type { Fetch } from './discovery';

export type ApiResult =
  | { readonly kind: 'ok'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'unauthorized'; readonly message: string | undefined }
  | { readonly kind: 'forbidden'; readonly message: string | undefined }
  | { readonly kind: 'failed'; readonly status: number; readonly message: string };

async function json(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

function messageOf(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message !== '' ? message.slice(0, 300) : undefined;
}

/** One API call: `Authorization: Bearer <access token>`, a JSON body when given. */
export async function callApi(
  fetcher: Fetch,
  accessToken: string,
  method: 'GET' | 'POST',
  path: string,
  payload?: unknown,
): Promise<ApiResult> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${accessToken}`,
    accept: 'application/json',
  };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetcher(path, {
      method,
      headers,
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
  } catch {
    return { kind: 'failed', status: 0, message: `${method} ${path}: the API cannot be reached.` };
  }
  const body = await json(response);
  if (response.ok) return { kind: 'ok', status: response.status, body };
  if (response.status === 401) return { kind: 'unauthorized', message: messageOf(body) };
  if (response.status === 403) return { kind: 'forbidden', message: messageOf(body) };
  return {
    kind: 'failed',
    status: response.status,
    message: `${method} ${path} answered ${response.status}${messageOf(body) ? `: ${messageOf(body)}` : ''}.`,
  };
}

/** A pet as the page shows it. */
export interface Pet {
  readonly id: string;
  readonly name: string;
}

/** The pets of a `GET /pets` answer (`{ pets: [...] }` or a bare array); malformed entries are skipped. */
export function petsOf(body: unknown): Pet[] {
  const list = Array.isArray(body) ? body : (body as { pets?: unknown } | undefined)?.pets;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const pet = entry as { id?: unknown; petId?: unknown; name?: unknown };
    const id = pet.id ?? pet.petId;
    return typeof pet.name === 'string' ? [{ id: typeof id === 'string' ? id : '', name: pet.name }] : [];
  });
}

/** `revokedBefore` of a sign-out answer (epoch seconds), when present. */
export function revokedBeforeOf(body: unknown): number | undefined {
  const value = (body as { revokedBefore?: unknown } | undefined)?.revokedBefore;
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}
