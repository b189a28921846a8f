import {
  GATEWAY_SECRET_HEADER,
  serviceHeaders,
  TenantContextError,
} from '@cognito-tenancy/local-stack/gateway/tenant-headers';
import { TENANT_CONTEXT } from '@cognito-tenancy/registry/routes';
import { describe, expect, it } from '@jest/globals';
import { allowResult } from './fixtures';

const context = allowResult().context;

describe('serviceHeaders', () => {
  it('sets every tenant context header from the authorizer context', () => {
    const headers = serviceHeaders(['Accept', 'application/json'], context);
    expect(headers[TENANT_CONTEXT.tenantId]).toEqual(['acme']);
    expect(headers[TENANT_CONTEXT.groups]).toEqual(['["acme-admins"]']);
    expect(headers[TENANT_CONTEXT.clientId]).toEqual(['client1']);
    expect(headers.accept).toEqual(['application/json']);
  });

  it('drops client-sent copies of the tenant headers in any casing, and the gateway secret', () => {
    const headers = serviceHeaders(
      [
        'X-Tenant-Id',
        'globex',
        'x-USER-groups',
        '["globex-admins"]',
        'X-Tenant-Id',
        'initech',
        GATEWAY_SECRET_HEADER,
        'guess',
      ],
      context,
    );
    expect(headers[TENANT_CONTEXT.tenantId]).toEqual(['acme']);
    expect(headers[TENANT_CONTEXT.groups]).toEqual(['["acme-admins"]']);
    expect(headers[GATEWAY_SECRET_HEADER]).toBeUndefined();
  });

  it('drops underscore spellings that CGI/WSGI servers fold into the tenant headers (#19.2)', () => {
    const headers = serviceHeaders(
      [
        'X_Tenant_Id',
        'globex',
        'x_user_GROUPS',
        '["globex-admins"]',
        'X-User_Sub',
        'other',
        'X_Local_Gateway_Secret',
        'guess',
        'X_Custom',
        'kept',
      ],
      context,
    );
    const names = Object.keys(headers);
    expect(names.filter((n) => n.includes('_') && n !== 'x_custom')).toEqual([]);
    expect(headers[TENANT_CONTEXT.tenantId]).toEqual(['acme']);
    expect(headers[TENANT_CONTEXT.sub]).toEqual(['sub-1']);
    expect(headers.x_custom).toEqual(['kept']);
  });

  it('treats headers named __proto__ or constructor as plain headers (found by fuzzing)', () => {
    const headers = serviceHeaders(['__proto__', 'x', 'constructor', 'y', 'Constructor', 'z'], context);
    expect(headers.constructor).toEqual(['y', 'z']);
    expect(Object.getPrototypeOf(headers)).toBeNull();
    expect(Object.keys(headers)).toContain('__proto__');
    expect(headers[TENANT_CONTEXT.tenantId]).toEqual(['acme']);
  });

  it('drops hop-by-hop headers and the client host', () => {
    const headers = serviceHeaders(
      ['Connection', 'close', 'Host', 'acme.localhost', 'Transfer-Encoding', 'chunked'],
      context,
    );
    expect(Object.keys(headers).filter((h) => !h.startsWith('x-'))).toEqual([]);
  });

  it('fails closed when the context lacks a key or is empty', () => {
    const { tenantId: _, ...rest } = context;
    expect(() => serviceHeaders([], rest)).toThrow(TenantContextError);
    expect(() => serviceHeaders([], { ...context, sub: '' })).toThrow(TenantContextError);
  });

  it('refuses context values that would split a header', () => {
    expect(() => serviceHeaders([], { ...context, username: 'a\r\nx-tenant-id: globex' })).toThrow(
      TenantContextError,
    );
  });
});
