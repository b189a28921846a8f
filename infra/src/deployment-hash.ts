/**
 * The redeployment trigger of the REST API: a hash of everything that shapes the API, so
 * that a change to the route table (or its wiring) creates a new deployment, and nothing
 * else does.
 */
import { createHash } from 'node:crypto';
import { AUTHORIZER_IDENTITY_SOURCES, type Route, TENANT_CONTEXT } from '@cognito-tenancy/registry/routes';

/** Stable JSON: object keys sorted at every level. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the API's defining inputs. */
export function deploymentHash(shape: unknown): string {
  return createHash('sha256').update(stableJson(shape)).digest('hex');
}

export interface ApiShapeInput {
  readonly routes: readonly Route[];
  /** Absent: the pets Lambda serves `{proxy+}`. */
  readonly serviceUrl: string | undefined;
  readonly corsOrigins: readonly string[];
  readonly authorizerCacheTtlSeconds: number;
  /** The authorizer's identity sources; default `AUTHORIZER_IDENTITY_SOURCES` (hosting keys on its header). */
  readonly identitySources?: readonly string[];
}

/** What a deployment of the API depends on: the route table and its wiring, nothing deploy-time. */
export function apiShape(input: ApiShapeInput): unknown {
  return {
    routes: input.routes,
    identitySources: input.identitySources ?? AUTHORIZER_IDENTITY_SOURCES,
    tenantContext: TENANT_CONTEXT,
    serviceUrl: input.serviceUrl,
    corsOrigins: input.corsOrigins,
    authorizerCacheTtlSeconds: input.authorizerCacheTtlSeconds,
  };
}
