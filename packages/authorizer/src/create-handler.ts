/**
 * The handler factory: adapts the event, bounds the decision in time, maps every error in
 * one place ({@link classify}) and logs one line per outcome. Nothing but the exact
 * `Unauthorized` error ever escapes; a forbidden request gets a Deny policy.
 */
import { type KitHandler, middyEdge } from '@cognito-tenancy/kit/lambda-handler';
import type { APIGatewayAuthorizerResult, Context } from 'aws-lambda';
import { type AuthorizerRequest, readAuthorizerEvent } from './authorizer-event';
import type { TrustedHostHeader } from './config';
import { DeadlineExceededError } from './errors';
import type { AuthorizerLogger, LogFields } from './logger';
import type { MaybePromise } from './maybe-promise';
import { classify, unauthorized } from './outcome';
import { allowPolicy, denyPolicy } from './policy';
import { isThrottled } from './throttling';
import type { Decision } from './verify-request';

/** What the handler needs; tests pass fakes. */
export interface HandlerDependencies {
  readonly authorizer: { authorize(request: AuthorizerRequest): MaybePromise<Decision> };
  readonly logger: AuthorizerLogger;
  readonly policyScope: 'stage' | 'method';
  /** The whole decision is abandoned (401) after this long, far inside API Gateway's limits. */
  readonly deadlineMs: number;
  /** Monotonic milliseconds, for latency. */
  readonly clock?: () => number;
  /** The header that carries the tenant host (see `AuthorizerConfig.trustedHostHeader`). */
  readonly trustedHostHeader?: TrustedHostHeader;
}

/** An authorizer Lambda handler for REST `REQUEST` and `TOKEN` events (a middy handler). */
export type AuthorizerHandler = KitHandler<APIGatewayAuthorizerResult>;

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError('deadline')), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The `detail` of a registry failure caused by SSM throttling (infra's metric filter matches it). */
export const SSM_THROTTLED = 'ssm-throttled';

const round = (ms: number) => Math.round(ms * 1000) / 1000;

type Level = 'debug' | 'info' | 'warn' | 'error';

/** Logging must never change the answer: a failing logger is ignored. */
function log(logger: AuthorizerLogger, level: Level, message: string, fields: LogFields): void {
  try {
    logger[level]?.(message, fields);
  } catch {
    // Nothing sensible to do; the decision stands.
  }
}

/** The Lambda request id, when the runtime gave one. */
const requestIdOf = (context: Context | undefined): { requestId?: string } =>
  typeof context?.awsRequestId === 'string' ? { requestId: context.awsRequestId } : {};

/**
 * Builds the handler from its dependencies: the decision core (which classifies and logs in
 * one place, synchronously when everything is cached) with only the edge on middy, measured
 * in `pnpm bench` (authorizer README, "middy").
 */
export function createHandler(deps: HandlerDependencies): AuthorizerHandler {
  const clock = deps.clock ?? (() => performance.now());
  return middyEdge(async (event: unknown, lambdaContext: Context) => {
    const started = clock();
    let request: AuthorizerRequest | undefined;
    try {
      request = readAuthorizerEvent(event, deps.trustedHostHeader);
      const decided = deps.authorizer.authorize(request);
      // A synchronous answer (everything cached) needs no deadline timer.
      const { identity, context, cache } =
        decided instanceof Promise ? await withDeadline(decided, deps.deadlineMs) : decided;
      const result = allowPolicy(identity, request.methodArn, deps.policyScope, context);
      // A verified-token cache hit repeats a decision already logged at INFO when the token
      // was first verified; API Gateway's access log records every request (tenant, sub).
      // Logging each hit at INFO would cost half of a hit's time (BENCHMARKS.md).
      const level = cache === 'hit' ? 'debug' : 'info';
      // A logger without a debug method drops hits: their fields are not even built.
      if (deps.logger[level] !== undefined) {
        log(deps.logger, level, 'allowed', {
          reason: 'allowed',
          tenantId: identity.tenantId,
          userPoolId: identity.userPoolId,
          tokenUse: identity.tokenUse,
          clientId: identity.clientId,
          cache,
          latencyMs: round(clock() - started),
          ...requestIdOf(lambdaContext),
        });
      }
      return result;
    } catch (error) {
      const outcome = classify(error);
      const fields = {
        reason: outcome.reason,
        latencyMs: round(clock() - started),
        ...requestIdOf(lambdaContext),
        ...(outcome.kind === 'forbidden'
          ? { tenantId: outcome.principal.tenantId, userPoolId: outcome.principal.userPoolId }
          : {}),
        ...(outcome.reason === 'internal-error' && error instanceof Error ? { errorName: error.name } : {}),
        // SSM has no throttling metric: infra's metric filter counts these lines.
        ...(outcome.reason === 'registry-unavailable' && isThrottled(error) ? { detail: SSM_THROTTLED } : {}),
      };
      if (outcome.kind === 'forbidden' && request !== undefined) {
        let deny: APIGatewayAuthorizerResult | undefined;
        try {
          deny = denyPolicy(outcome.principal.sub, request.methodArn);
        } catch {
          // A methodArn we cannot scope a policy to: 401 below.
        }
        if (deny) {
          log(deps.logger, outcome.level, 'denied', { ...fields, outcome: 'forbidden' });
          return deny;
        }
      }
      log(deps.logger, outcome.level, 'unauthorized', { ...fields, outcome: 'unauthorized' });
      throw unauthorized();
    }
  });
}
