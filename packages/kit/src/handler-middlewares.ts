/**
 * The handler skeleton's parts as `@middy/core` middlewares: one classifies any error into
 * an outcome (the package's single mapping), one writes one log line per outcome carrying
 * the Lambda request id. `lambda-handler.ts` assembles them; a team may `.use()` more.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import type { Log } from './log';
import { type Outcome, outcomeOf, withOutcome } from './outcome';

/** What a package's `classify` decides for an error: a response, or an error for the runtime. */
export type Classified<R> = { readonly outcome: Outcome } & (
  | { readonly response: R }
  | { readonly error: Error }
);

/** Per-invocation log fields, keyed by the invocation's context object (one per invocation). */
const annotations = new WeakMap<object, Record<string, unknown>>();

/**
 * Adds fields to this invocation's log line (who called, which tenant), as the handler
 * learns them; they are written whether the invocation ends in a response or an error.
 */
export function annotate(context: object, fields: Readonly<Record<string, unknown>>): void {
  const current = annotations.get(context);
  if (current) Object.assign(current, fields);
  else annotations.set(context, { ...fields });
}

/** Turns `request.error` into an outcome with the package's one mapping. */
export function classifyErrors<R extends object>(
  classify: (error: unknown, event: unknown) => Classified<R>,
): MiddlewareObj<unknown, R> {
  return {
    name: 'classifyErrors',
    onError: (request) => {
      let decided: Classified<R>;
      try {
        decided = classify(request.error, request.event);
      } catch {
        // A bug in the mapping: the error stays unclassified and is still logged (by name).
        return;
      }
      // Set, not returned: returning would stop the chain before the log line is written.
      if ('response' in decided) request.response = withOutcome(decided.response, decided.outcome);
      else request.error = withOutcome(decided.error, decided.outcome);
    },
  };
}

const levelOf = (outcome: Outcome | undefined) => outcome?.level ?? (outcome ? 'info' : 'error');

function lineOf(request: Request<unknown, unknown>, ending: unknown): Record<string, unknown> {
  const outcome = outcomeOf(ending);
  const requestId = (request.context as { awsRequestId?: unknown } | undefined)?.awsRequestId;
  const status = (ending as { statusCode?: unknown } | undefined)?.statusCode;
  return {
    reason: outcome?.reason ?? 'unclassified',
    ...(typeof status === 'number' ? { status } : {}),
    ...(typeof requestId === 'string' ? { requestId } : {}),
    ...annotations.get(request.context),
    ...outcome?.fields,
    // An error nobody classified is a bug: its class name (never its message) helps find it.
    ...(outcome === undefined && ending instanceof Error ? { errorName: ending.name } : {}),
  };
}

/**
 * One log line per invocation: its outcome's reason and level, the request id and
 * annotations; with `now`, also `latencyMs` from the first middleware to the line.
 */
export function logOutcome(
  logger: Log,
  message: string,
  now?: () => number,
): MiddlewareObj<unknown, unknown> {
  const started = new WeakMap<object, number>();
  const write = (request: Request<unknown, unknown>, ending: unknown) => {
    try {
      const since = started.get(request.context);
      const latency = now && since !== undefined ? { latencyMs: now() - since } : {};
      const outcome = outcomeOf(ending);
      logger[levelOf(outcome)](outcome?.message ?? message, { ...lineOf(request, ending), ...latency });
    } catch {
      // Logging must never change the answer.
    }
    annotations.delete(request.context);
  };
  return {
    name: 'logOutcome',
    before: (request) => {
      annotations.set(request.context, {});
      if (now) started.set(request.context, now());
    },
    after: (request) => write(request, request.response),
    onError: (request) => write(request, request.response ?? request.error),
  };
}
