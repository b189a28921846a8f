/**
 * The handler skeleton every Lambda's exported `handler` is built with: a `@middy/core`
 * handler that adapts the event, bounds the time, classifies errors into outcomes in one
 * place and writes one log line per outcome with the request id. Being a middy handler, a
 * team can `.use()` its own middlewares (Powertools, tracing) on it.
 */
import middy, { type MiddyfiedHandler } from '@middy/core';
import type { Context } from 'aws-lambda';
import { type Classified, classifyErrors, logOutcome } from './handler-middlewares';
import type { Log } from './log';

/** The invocation was about to exceed the function's timeout; classified like any error. */
export class HandlerTimeoutError extends Error {
  override readonly name = 'HandlerTimeoutError';
  constructor() {
    super('the invocation ran out of time');
  }
}

/** What a Lambda declares to get its handler. */
export interface HandlerSkeleton<I, R extends object> {
  /** The log line's message (the Lambda's name). */
  readonly service: string;
  readonly logger: Log;
  /** Reads the raw event into what `run` needs (may throw a typed error). */
  readonly adapt: (event: unknown) => I;
  /** The rules: the response, marked with its outcome (`withOutcome`). */
  readonly run: (input: I, context: Context) => Promise<R> | R;
  /** The package's one mapping from an error to an outcome. */
  readonly classify: (error: unknown, event: unknown) => Classified<R>;
  /**
   * Ends the invocation this long before Lambda would (with {@link HandlerTimeoutError}),
   * so the caller gets a classified answer instead of a runtime timeout. 0 disables.
   */
  readonly reserveMs?: number;
  /** A millisecond clock: the log line then carries `latencyMs`. */
  readonly now?: () => number;
}

/** A middy handler that tests may also call with the event alone. */
export type KitHandler<R> = MiddyfiedHandler<unknown, R> &
  ((event: unknown, context?: Partial<Context>) => Promise<R>);

/** Time kept back to answer and log before Lambda's own timeout. */
export const DEFAULT_RESERVE_MS = 250;

/** Builds the Lambda's middy handler from its parts. */
export function lambdaHandler<I, R extends object>(skeleton: HandlerSkeleton<I, R>): KitHandler<R> {
  const { adapt, run } = skeleton;
  const base = (event: unknown, context: Context) => run(adapt(event), context);
  return middy<unknown, R>(base, {
    timeoutEarlyInMillis: skeleton.reserveMs ?? DEFAULT_RESERVE_MS,
    timeoutEarlyResponse: () => {
      throw new HandlerTimeoutError();
    },
  })
    .use(logOutcome(skeleton.logger, skeleton.service, skeleton.now))
    .use(classifyErrors(skeleton.classify)) as KitHandler<R>;
}

/**
 * Only the edge on middy: for a hot path that classifies and logs itself (the authorizer,
 * whose cached decision is synchronous), a middy handler around `core` with no middleware
 * and no early-timeout timer, so a team can still `.use()` its own.
 */
export function middyEdge<R>(core: (event: unknown, context: Context) => Promise<R>): KitHandler<R> {
  return middy<unknown, R>(core, { timeoutEarlyInMillis: 0 }) as KitHandler<R>;
}
