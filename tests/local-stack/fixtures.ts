import type { GatewayRequest } from '@cognito-tenancy/local-stack/gateway/proxy-event';

/** A gateway request with sensible defaults. */
export function gatewayRequest(overrides: Partial<GatewayRequest> = {}): GatewayRequest {
  return {
    method: 'GET',
    path: '/items',
    rawQuery: '',
    rawHeaders: ['Host', 'acme.localhost:4000', 'Authorization', 'Bearer token-a'],
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    domainName: 'acme.localhost',
    requestId: 'req-1',
    receivedAt: 1_700_000_000_000,
    ...overrides,
  };
}

/** An authorizer answer allowing `resource` with a full tenant context. */
export function allowResult(resource = '*', context: Record<string, unknown> = {}) {
  return {
    principalId: 'sub-1',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: resource }],
    },
    context: {
      tenantId: 'acme',
      sub: 'sub-1',
      username: 'AcmeIdP_alice',
      groups: '["acme-admins"]',
      tokenUse: 'access',
      clientId: 'client1',
      ...context,
    },
  };
}
