/**
 * The authorizer's answers: an Allow policy with the tenant context, or a Deny policy
 * (403) for authenticated-but-forbidden requests. Context values are strings only, keyed
 * by the registry's {@link TENANT_CONTEXT} contract; `groups` is a JSON array string.
 */

import { BoundedCache } from '@cognito-tenancy/registry/bounded-cache';
import type { TenantContext } from '@cognito-tenancy/registry/routes';
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { InvalidEventError } from './errors';

/** A verified caller, bound to a tenant. */
export interface VerifiedIdentity {
  readonly tenantId: string;
  readonly userPoolId: string;
  /** The pool's pattern (its issuer record): shared-pool tokens alone may use a listed shared host. */
  readonly pattern: 'shared' | 'dedicated';
  readonly sub: string;
  readonly username: string;
  readonly groups: readonly string[];
  readonly tokenUse: 'access' | 'id';
  readonly clientId: string;
  /** Seconds since the epoch. */
  readonly exp: number;
  readonly iat: number;
}

// Memo of a pure function on the hot path; a flood of distinct ARNs evicts one at a time.
const stages = new BoundedCache<string>({ maxEntries: 1000 });

// arn:<partition>:execute-api:<region>:<account>:<apiId>/<stage>/<verb>/<path...>
const METHOD_ARN =
  /^(arn:aws[a-z-]*:execute-api:[a-z0-9-]+:\d{12}:[A-Za-z0-9]+\/[A-Za-z0-9_-]+)\/[A-Z*]+\/\S*$/;

/**
 * The stage-wide resource of a method ARN. API Gateway reuses a cached policy for every
 * method and path of the stage called with the same identity sources, so a policy naming
 * only the first method would deny the others while cached (the classic cached-authorizer
 * 403). The service layer, not this policy, decides per route.
 */
export function stageResource(methodArn: string): string {
  return stages.memo(methodArn, stageOf);
}

function stageOf(methodArn: string): string {
  const match = METHOD_ARN.exec(methodArn);
  if (!match) throw new InvalidEventError('methodArn');
  return `${match[1]}/*`;
}

function policy(principalId: string, effect: 'Allow' | 'Deny', resource: string): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
    },
  };
}

/** The tenant context the gateway forwards to the service. */
export function tenantContext(identity: VerifiedIdentity): TenantContext {
  return {
    tenantId: identity.tenantId,
    sub: identity.sub,
    username: identity.username,
    groups: JSON.stringify(identity.groups),
    tokenUse: identity.tokenUse,
    clientId: identity.clientId,
  };
}

/**
 * Allow for `identity`: the whole stage (`scope` `stage`) or the called method only.
 * `context` may be passed when already built (a cached decision keeps its own).
 */
export function allowPolicy(
  identity: VerifiedIdentity,
  methodArn: string,
  scope: 'stage' | 'method',
  context: TenantContext = tenantContext(identity),
): APIGatewayAuthorizerResult {
  const stage = stageResource(methodArn); // validates the ARN in both scopes
  const resource = scope === 'stage' ? stage : methodArn;
  return { ...policy(identity.sub, 'Allow', resource), context: { ...context } };
}

/** Deny for an authenticated principal, stage-wide (the refusal does not depend on the path). */
export function denyPolicy(principalId: string, methodArn: string): APIGatewayAuthorizerResult {
  return policy(principalId, 'Deny', stageResource(methodArn));
}
