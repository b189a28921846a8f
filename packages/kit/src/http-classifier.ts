/**
 * The kit's `classify` for HTTP Lambdas: a package's one mapping from an error to a status
 * and public body becomes a response with CORS for the request's origin, and a log outcome
 * with the level and, for 5xx, the class names of the error and its cause (never messages:
 * SDK messages are not needed to tell what failed).
 */
import { corsHeaders } from './cors';
import type { Classified } from './handler-middlewares';
import { readHttpRequest } from './http-request';
import { type ProxyResponse, respond } from './http-response';
import type { Level } from './outcome';

/** What a package's mapping decides for an error. */
export interface HttpErrorOutcome {
  readonly statusCode: number;
  /** Public JSON text: generic, never the error's message. */
  readonly body: string;
  /** The log reason (the README's error table). */
  readonly reason: string;
  readonly extraHeaders?: Readonly<Record<string, string>>;
}

export interface HttpClassifierOptions {
  readonly corsAllowedOrigins: readonly string[];
  /** Level of a non-5xx outcome (`info` by default); 5xx is always `error`. */
  readonly level?: (error: unknown) => Level;
}

/** Builds the `classify` of `lambdaHandler` from the package's `errorOutcome`. */
export function httpClassifier(
  errorOutcome: (error: unknown) => HttpErrorOutcome,
  options: HttpClassifierOptions,
): (error: unknown, event: unknown) => Classified<ProxyResponse> {
  return (error, event) => {
    const outcome = errorOutcome(error);
    const cors = corsHeaders(options.corsAllowedOrigins, readHttpRequest(event).origin);
    const failed = outcome.statusCode >= 500;
    const cause = error instanceof Error ? error.cause : undefined;
    return {
      response: respond(outcome.statusCode, outcome.body, { ...cors, ...outcome.extraHeaders }),
      outcome: {
        reason: outcome.reason,
        level: failed ? 'error' : (options.level?.(error) ?? 'info'),
        fields: {
          ...(failed && error instanceof Error ? { errorName: error.name } : {}),
          ...(failed && cause instanceof Error ? { causeName: cause.name } : {}),
        },
      },
    };
  };
}
