/**
 * The REQUEST authorizer step of API Gateway: identity sources first (a missing one is a
 * 401 without invoking the function; so is a header source sent more than once, decided
 * here, before the cache, so that a cache hit and a miss cannot answer differently), then the result cache, then the function. Its
 * outcomes map as in API Gateway: `Unauthorized` thrown -> 401, a policy that does not
 * allow the method ARN -> 403, anything else going wrong -> 500.
 */
import type { AuthorizerCache } from './authorizer-cache';
import { type AuthorizerResult, parseAuthorizerResult } from './authorizer-result';
import type { Invoke } from './lambda-invoker';
import { evaluatePolicy } from './policy';
import { type GatewayRequest, headerValues } from './proxy-event';

export type AuthorizeOutcome =
  | { readonly kind: 'allow'; readonly result: AuthorizerResult; readonly cached: boolean }
  | {
      readonly kind: 'unauthorized';
      readonly reason: 'missing-identity' | 'ambiguous-identity' | 'authorizer-unauthorized';
    }
  | { readonly kind: 'forbidden'; readonly explicit: boolean; readonly cached: boolean }
  | { readonly kind: 'error'; readonly reason: string };

export interface AuthorizerStepOptions {
  readonly functionName: string;
  readonly invoke: Invoke;
  readonly cache: AuthorizerCache;
  /** API Gateway identity source expressions (`method.request.header.Authorization`, `context.domainName`). */
  readonly identitySources: readonly string[];
}

/** The request, the event the function receives and its method ARN. */
export interface AuthorizeInput {
  readonly request: GatewayRequest;
  readonly event: unknown;
  readonly methodArn: string;
}

/** A source's value; `AMBIGUOUS` when a header source came more than once. */
const AMBIGUOUS = Symbol('ambiguous');
type SourceReader = (req: GatewayRequest) => string | undefined | typeof AMBIGUOUS;

/** Builds a reader per identity source; an expression the gateway cannot read is a startup error. */
export function identitySourceReader(expression: string): SourceReader {
  const header = /^method\.request\.header\.(.+)$/.exec(expression)?.[1];
  if (header !== undefined)
    return (req) => {
      const values = headerValues(req.rawHeaders, header);
      return values.length > 1 ? AMBIGUOUS : values[0];
    };
  const query = /^method\.request\.querystring\.(.+)$/.exec(expression)?.[1];
  if (query !== undefined) return (req) => new URLSearchParams(req.rawQuery).getAll(query).at(-1);
  if (expression === 'context.domainName') return (req) => req.domainName;
  throw new Error(`identity source '${expression}' is not supported by the local gateway`);
}

function decide(result: AuthorizerResult, methodArn: string, cached: boolean): AuthorizeOutcome {
  const decision = evaluatePolicy(result.policyDocument, methodArn);
  if (decision === 'allow') return { kind: 'allow', result, cached };
  return { kind: 'forbidden', explicit: decision === 'explicit-deny', cached };
}

/** Creates the authorizer step. */
export function createAuthorizerStep(options: AuthorizerStepOptions) {
  const readers = options.identitySources.map(identitySourceReader);
  return async (input: AuthorizeInput): Promise<AuthorizeOutcome> => {
    const read = readers.map((reader) => reader(input.request));
    if (read.includes(AMBIGUOUS)) return { kind: 'unauthorized', reason: 'ambiguous-identity' };
    const values = read as (string | undefined)[];
    if (values.some((value) => value === undefined || value.trim() === '')) {
      return { kind: 'unauthorized', reason: 'missing-identity' };
    }
    const key = JSON.stringify(values);
    const hit = options.cache.get(key);
    if (hit !== undefined) return decide(hit, input.methodArn, true);

    let outcome: Awaited<ReturnType<Invoke>>;
    try {
      outcome = await options.invoke(options.functionName, input.event);
    } catch (error) {
      return { kind: 'error', reason: (error as Error).message };
    }
    if (outcome.kind === 'function-error') {
      // Only the exact message `Unauthorized` means 401; any other failure is a 500.
      if (outcome.errorMessage === 'Unauthorized')
        return { kind: 'unauthorized', reason: 'authorizer-unauthorized' };
      return { kind: 'error', reason: `authorizer failed (${outcome.errorType})` };
    }
    try {
      const result = parseAuthorizerResult(outcome.payload);
      const decided = decide(result, input.methodArn, false);
      options.cache.set(key, result);
      return decided;
    } catch (error) {
      return { kind: 'error', reason: (error as Error).message };
    }
  };
}
