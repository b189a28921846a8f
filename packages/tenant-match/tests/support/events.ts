/**
 * Builders for the events and items the tests use: REST API v1 proxy and HTTP API v2
 * events as API Gateway sends them, and tenant table items as infra writes them.
 */

import { marshallItem } from '@cognito-tenancy/registry/attribute-values';
import type { DomainItem } from '@cognito-tenancy/registry/records';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Config } from '../../src/config';
import type { Log } from '../../src/log-fields';

export interface EventInput {
  readonly method?: string;
  readonly body?: string | null;
  readonly headers?: Record<string, string>;
  readonly isBase64Encoded?: boolean;
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** A REST API (v1) proxy event for `POST /tenant-match`. */
export function restEvent(input: EventInput = {}): APIGatewayProxyEvent {
  const headers = input.headers ?? JSON_HEADERS;
  return {
    resource: '/tenant-match',
    path: '/tenant-match',
    httpMethod: input.method ?? 'POST',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: input.body === undefined ? null : input.body,
    isBase64Encoded: input.isBase64Encoded ?? false,
    requestContext: {} as APIGatewayProxyEvent['requestContext'],
  };
}

/** An HTTP API (v2) event for `POST /tenant-match`; header names arrive lowercased. */
export function httpApiEvent(input: EventInput = {}): APIGatewayProxyEventV2 {
  const headers = Object.fromEntries(
    Object.entries(input.headers ?? JSON_HEADERS).map(([k, v]) => [k.toLowerCase(), v]),
  );
  return {
    version: '2.0',
    routeKey: 'POST /tenant-match',
    rawPath: '/tenant-match',
    rawQueryString: '',
    headers,
    requestContext: {
      http: {
        method: input.method ?? 'POST',
        path: '/tenant-match',
        protocol: 'HTTP/1.1',
        sourceIp: '192.0.2.1',
        userAgent: 'test',
      },
    } as APIGatewayProxyEventV2['requestContext'],
    ...(input.body === undefined || input.body === null ? {} : { body: input.body }),
    isBase64Encoded: input.isBase64Encoded ?? false,
  };
}

/** A JSON body `{"email": <email>}`. */
export const emailBody = (email: unknown): string => JSON.stringify({ email });

/** A valid domain item of tenant `tenantId`. */
export function domainItem(tenantId: string, overrides: Partial<DomainItem> = {}): DomainItem {
  return {
    tenantId,
    displayName: `${tenantId} Inc.`,
    pattern: 'shared',
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_Shared01',
    clientId: `client${tenantId.replace(/-/g, '')}`,
    cognitoDomain: 'shared-dev.auth.eu-west-1.amazoncognito.com',
    identityProvider: `${tenantId}-saml`,
    redirectUri: 'https://app.example.com/callback',
    includeSubdomains: false,
    ...overrides,
  };
}

/** The stored form of a domain item under `DOMAIN#<domain>`. */
export function storedDomainItem(domain: string, item: DomainItem) {
  return marshallItem({ pk: `DOMAIN#${domain}`, ...item });
}

/** A configuration as loadConfig would return it with defaults. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    tableName: 'tenants-test',
    corsAllowedOrigins: ['https://app.example.com'],
    cache: {
      ttlMs: 300_000,
      negativeTtlMs: 60_000,
      staleIfErrorMs: 3_600_000,
      maxEntries: 1000,
      maxConcurrentLoads: 32,
    },
    dynamodb: { requestTimeoutMs: 1000, connectionTimeoutMs: 500, maxAttempts: 2 },
    ...overrides,
  };
}

/** A logger that records every line, so tests can assert what was (not) logged. */
export function recordingLogger() {
  const lines: { level: 'info' | 'warn' | 'error'; message: string; attributes: Record<string, unknown> }[] =
    [];
  const logger: Log = {
    info: (message, attributes) => lines.push({ level: 'info', message, attributes }),
    warn: (message, attributes) => lines.push({ level: 'warn', message, attributes }),
    error: (message, attributes) => lines.push({ level: 'error', message, attributes }),
  };
  return { logger, lines, text: () => JSON.stringify(lines) };
}
