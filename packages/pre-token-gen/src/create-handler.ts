/**
 * The trigger's handler, built from its dependencies with the kit's middy skeleton: parse
 * the event, bind the tenant, build the response, and map every failure in one place
 * (`classify` below). Nothing but {@link SignInFailedError} ever leaves it.
 */
import { annotate, type Classified } from '@cognito-tenancy/kit/handler-middlewares';
import { type KitHandler, lambdaHandler } from '@cognito-tenancy/kit/lambda-handler';
import type { Log } from '@cognito-tenancy/kit/log';
import { withOutcome } from '@cognito-tenancy/kit/outcome';
import type { DomainLookup } from '@cognito-tenancy/registry/domain-match';
import { type BindingFlag, bindTenant, type TenantLookup } from './bind-tenant';
import { buildResponse, type Claims } from './build-response';
import type { Config } from './config';
import { SignInFailedError } from './errors';
import { parseEvent, type TriggerEvent } from './event';
import { decideOutcome, reasonOf } from './outcome';

/** The logging the handler needs (Powertools' Logger fits). Attributes are reason codes and counts only. */
export type LogSink = Log;

export interface HandlerDeps {
  readonly config: Config;
  readonly lookup: TenantLookup;
  /** `DOMAIN#` items, for addresses in a tenant's opted-in subdomains; absent: exact domains only. */
  readonly domainLookup?: DomainLookup;
  readonly logger: LogSink;
}

/** A Pre Token Generation handler (a middy handler): the event with its `response` set, or the generic error. */
export type PreTokenGenerationHandler = KitHandler<Record<string, unknown>>;

const STORE_REASONS = new Set(['registry-unavailable', 'registry-record-invalid', 'internal-error']);

function eventSummary(event: TriggerEvent): Record<string, unknown> {
  return { version: event.version, triggerSource: event.triggerSource, userPoolId: event.userPoolId };
}

interface Bound {
  readonly claims: Claims;
  readonly message: string;
  readonly reason: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

async function claimsFor(event: TriggerEvent, deps: HandlerDeps): Promise<Bound> {
  const { config } = deps;
  try {
    const binding = await bindTenant(event, deps.lookup, config, deps.domainLookup);
    const flags: readonly BindingFlag[] = binding.flags;
    return {
      claims: { kind: 'tenant', ...binding },
      message: 'tenant bound',
      reason: flags.includes('email-domain-mismatch') ? 'tenant-bound-domain-flagged' : 'tenant-bound',
      fields: {
        tenantId: binding.tenantId,
        providerName: binding.providerName,
        groupCount: binding.groups.length,
        flags,
      },
    };
  } catch (error) {
    const outcome = decideOutcome(error, config.allowTokensWithoutTenant);
    if (outcome.kind === 'reject') throw error;
    return {
      claims: { kind: 'no-tenant' },
      message: 'tokens issued without tenant claims',
      reason: `no-tenant:${outcome.reason}`,
      fields: {},
    };
  }
}

/** The one mapping of a failure: the generic error for Cognito, the reason code for the log. */
function classify(error: unknown): Classified<Record<string, unknown>> {
  const reason = reasonOf(error);
  // The reason code only: causes may hold table names, ARNs or attribute values.
  return {
    error: new SignInFailedError(),
    outcome: { message: 'sign-in rejected', reason, level: STORE_REASONS.has(reason) ? 'error' : 'warn' },
  };
}

/** Builds the handler. */
export function createHandler(deps: HandlerDeps): PreTokenGenerationHandler {
  return lambdaHandler({
    service: 'pre-token-gen',
    logger: deps.logger,
    adapt: (raw) => ({ raw, event: parseEvent(raw, deps.config) }),
    run: async ({ raw, event }, context) => {
      annotate(context, eventSummary(event));
      const bound = await claimsFor(event, deps);
      const response = buildResponse(event, bound.claims);
      return withOutcome(
        { ...(raw as Record<string, unknown>), response },
        {
          message: bound.message,
          reason: bound.reason,
          level: bound.claims.kind === 'tenant' ? 'info' : 'warn',
          fields: bound.fields,
        },
      );
    },
    classify,
  });
}
