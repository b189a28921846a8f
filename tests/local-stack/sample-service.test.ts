import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GATEWAY_SECRET_HEADER } from '@cognito-tenancy/local-stack/gateway/tenant-headers';
import { close, listen } from '@cognito-tenancy/local-stack/http-io';
import {
  createItemsStore,
  MAX_ITEMS_PER_TENANT,
} from '@cognito-tenancy/local-stack/sample-service/items-store';
import { createSampleService } from '@cognito-tenancy/local-stack/sample-service/service-server';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { httpRequest } from './http';

let server: Server;
let port: number;

const context = (tenantId: string, groups: string[], extra: Record<string, string> = {}) => ({
  [GATEWAY_SECRET_HEADER]: 'gw-secret',
  'x-tenant-id': tenantId,
  'x-user-sub': `sub-${tenantId}`,
  'x-username': `${tenantId}-user`,
  'x-user-groups': JSON.stringify(groups),
  'x-token-use': 'access',
  'x-client-id': 'client1',
  ...extra,
});

beforeAll(async () => {
  const store = createItemsStore({ seed: { acme: ['acme plan'], globex: ['globex secret'] } });
  server = createSampleService({
    store,
    adminGroups: { acme: 'acme-admins', globex: 'globex-admins' },
    gatewaySecret: 'gw-secret',
  });
  port = await listen(server, 0);
});

afterAll(() => close(server));

describe('sample service', () => {
  it("lists the caller's tenant's items only", async () => {
    const res = await httpRequest({ port, path: '/items', headers: context('acme', []) });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      tenantId: 'acme',
      isAdmin: false,
      items: [{ id: 1, text: 'acme plan' }],
    });
    expect(res.text).not.toContain('globex');
  });

  it("refuses another tenant's data addressed by path", async () => {
    const res = await httpRequest({
      port,
      path: '/tenants/globex/items',
      headers: context('acme', ['acme-admins']),
    });
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('globex secret');
    const own = await httpRequest({ port, path: '/tenants/acme/items', headers: context('acme', []) });
    expect(own.status).toBe(200);
  });

  it("lets only the tenant's admin group add items, into its own tenant", async () => {
    const body = JSON.stringify({ text: '  new item ' });
    const member = await httpRequest({
      port,
      method: 'POST',
      path: '/items',
      headers: context('acme', ['staff']),
      body,
    });
    expect(member.status).toBe(403);
    // Another tenant's admin group name means nothing in this tenant.
    const foreignAdmin = await httpRequest({
      port,
      method: 'POST',
      path: '/items',
      headers: context('acme', ['globex-admins']),
      body,
    });
    expect(foreignAdmin.status).toBe(403);
    const admin = await httpRequest({
      port,
      method: 'POST',
      path: '/items',
      headers: context('acme', ['acme-admins']),
      body,
    });
    expect(admin.status).toBe(201);
    expect(admin.json).toMatchObject({ item: { text: 'new item', createdBy: 'acme-user' } });
    const globex = await httpRequest({ port, path: '/items', headers: context('globex', []) });
    expect(globex.text).not.toContain('new item');
  });

  it('refuses bad item bodies', async () => {
    for (const body of [
      '{}',
      'not json',
      JSON.stringify({ text: 'x'.repeat(201) }),
      JSON.stringify({ text: ['a'] }),
    ]) {
      const res = await httpRequest({
        port,
        method: 'POST',
        path: '/items',
        headers: context('acme', ['acme-admins']),
        body,
      });
      expect(res.status).toBe(400);
    }
    const huge = await httpRequest({
      port,
      method: 'POST',
      path: '/items',
      headers: context('acme', ['acme-admins']),
      body: 'x'.repeat(5000),
    });
    expect(huge.status).toBe(413);
  });

  it('refuses requests that did not come through the gateway', async () => {
    const headers = context('acme', ['acme-admins']);
    const res = await httpRequest({
      port,
      path: '/items',
      headers: { ...headers, [GATEWAY_SECRET_HEADER]: 'gw-secreT' },
    });
    expect(res.status).toBe(403);
    const { [GATEWAY_SECRET_HEADER]: _, ...withoutSecret } = headers;
    expect((await httpRequest({ port, path: '/items', headers: withoutSecret })).status).toBe(403);
  });

  it('fails closed on a missing or malformed tenant context', async () => {
    const cases: Record<string, string>[] = [
      { 'x-tenant-id': '' },
      { 'x-tenant-id': '../globex' },
      { 'x-user-groups': 'acme-admins' },
      { 'x-user-groups': '[1]' },
      { 'x-client-id': '' },
    ];
    for (const override of cases) {
      const res = await httpRequest({
        port,
        path: '/items',
        headers: { ...context('acme', []), ...override },
      });
      expect(res.status).toBe(401);
    }
  });

  it('answers 404 for unknown paths', async () => {
    expect((await httpRequest({ port, path: '/nope', headers: context('acme', []) })).status).toBe(404);
  });
});

describe('items store', () => {
  it('keeps the newest items within the per-tenant bound and persists them to its file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'items-')), 'items.json');
    const store = createItemsStore({ file });
    for (let i = 0; i < MAX_ITEMS_PER_TENANT + 5; i += 1) store.add('acme', `item ${i}`, 'u');
    expect(store.list('acme')).toHaveLength(MAX_ITEMS_PER_TENANT);
    expect(store.list('acme')[0]?.text).toBe('item 5');
    const reloaded = createItemsStore({ file, seed: { acme: ['ignored'], umbrella: ['seeded'] } });
    expect(reloaded.list('acme').at(-1)?.text).toBe(`item ${MAX_ITEMS_PER_TENANT + 4}`);
    expect(reloaded.list('umbrella').map((i) => i.text)).toEqual(['seeded']);
    expect(reloaded.list('__proto__')).toEqual([]);
  });
});
