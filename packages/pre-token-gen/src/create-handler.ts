/**
 * The trigger's handler, built from its dependencies: parse the event, bind the tenant,
 * build the response, and map every failure in one place. Nothing but
 * {@link SignInFailedError} ever leaves it.
 */
import type { DomainLookup } from '@cognito-tenancy/registry/domain-match';
import { type BindingFlag, bindTenant, type TenantLookup } from './bind-tenant';
import { buildResponse, type Claims } from './build-response';
import type { Config } from './config';
import { SignInFailedError } from './errors';
import { parseEvent, type TriggerEvent } from './event';
import { decideOutcome, reasonOf } from './outcome';

/** The logging the handler needs (Powertools' Logger fits). Attributes are reason codes and counts only. */
export interface LogSink {
  info(message: string, attributes: Readonly<Record<string, unknown>>): void;
  warn(message: string, attributes: Readonly<Record<string, unknown>>): void;
  error(message: string, attributes: Readonly<Record<string, unknown>>): void;
}

export interface HandlerDeps {
  readonly config: Config;
  readonly lookup: TenantLookup;
  /** `DOMAIN#` items, for addresses in a tenant's opted-in subdomains; absent: exact domains only. */
  readonly domainLookup?: DomainLookup;
  readonly logger: LogSink;
}

/** A Pre Token Generation handler: returns the event with its `response` set, or throws the generic error. */
export type PreTokenGenerationHandler = (event: unknown) => Promise<Record<string, unknown>>;

const STORE_REASONS = new Set(['registry-unavailable', 'registry-record-invalid', 'internal-error']);

function eventSummary(event: TriggerEvent): Record<string, unknown> {
  return { version: event.version, triggerSource: event.triggerSource, userPoolId: event.userPoolId };
}

async function claimsFor(event: TriggerEvent, deps: HandlerDeps): Promise<Claims> {
  const { config, logger } = deps;
  try {
    const binding = await bindTenant(event, deps.lookup, config, deps.domainLookup);
    const flags: readonly BindingFlag[] = binding.flags;
    logger.info('tenant bound', {
      ...eventSummary(event),
      reason: flags.includes('email-domain-mismatch') ? 'tenant-bound-domain-flagged' : 'tenant-bound',
      tenantId: binding.tenantId,
      providerName: binding.providerName,
      groupCount: binding.groups.length,
      flags,
    });
    return { kind: 'tenant', ...binding };
  } catch (error) {
    const outcome = decideOutcome(error, config.allowTokensWithoutTenant);
    if (outcome.kind === 'reject') throw error;
    logger.warn('tokens issued without tenant claims', {
      ...eventSummary(event),
      reason: `no-tenant:${outcome.reason}`,
    });
    return { kind: 'no-tenant' };
  }
}

/** Builds the handler. */
export function createHandler(deps: HandlerDeps): PreTokenGenerationHandler {
  const reject = (error: unknown, event?: TriggerEvent): never => {
    const reason = reasonOf(error);
    const log = STORE_REASONS.has(reason) ? deps.logger.error : deps.logger.warn;
    // The reason code only: causes may hold table names, ARNs or attribute values.
    log.call(deps.logger, 'sign-in rejected', { ...(event ? eventSummary(event) : {}), reason });
    throw new SignInFailedError();
  };
  return async (raw) => {
    let event: TriggerEvent;
    try {
      event = parseEvent(raw, deps.config);
    } catch (error) {
      return reject(error);
    }
    try {
      const response = buildResponse(event, await claimsFor(event, deps));
      return { ...(raw as Record<string, unknown>), response };
    } catch (error) {
      return reject(error, event);
    }
  };
}
