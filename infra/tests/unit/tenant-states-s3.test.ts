/**
 * The S3 side of tenant-states.ts against a stand-in S3 on 127.0.0.1 (ListObjectsV2 with
 * continuation, GetObject): tenant states the file no longer has are found across pages, and
 * this environment's tenant states still at the pre-2026-12-06 keys are named with the move.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { misplacedTenantStates, unlistedTenantStates } from '../../src/tenant-states';
import { tenantStacksEnvironment } from '../support/tenant-stacks-environment';

const objects = new Map<string, string>();
const state = (managed: number) =>
  JSON.stringify({ resources: Array.from({ length: managed }, () => ({ mode: 'managed' })) });
let server: Server;
const saved = { ...process.env };

/** One key per page, so every listing needs its continuation tokens. */
function listing(prefix: string, after: string | null): string {
  const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
  const start = after === null ? 0 : keys.indexOf(after) + 1;
  const page = keys.slice(start, start + 1);
  const more = start + 1 < keys.length;
  return `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>b</Name><Prefix>${prefix}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>1</MaxKeys><IsTruncated>${more}</IsTruncated>${page.map((k) => `<Contents><Key>${k}</Key><Size>1</Size></Contents>`).join('')}${more ? `<NextContinuationToken>${page[0]}</NextContinuationToken>` : ''}</ListBucketResult>`;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.searchParams.get('list-type') === '2') {
      res.setHeader('content-type', 'application/xml');
      res.end(listing(url.searchParams.get('prefix') ?? '', url.searchParams.get('continuation-token')));
      return;
    }
    const key = decodeURIComponent(url.pathname.replace(/^\/ct-states\//, ''));
    const body = objects.get(key);
    res.statusCode = body === undefined ? 404 : 200;
    res.end(body ?? '<Error><Code>NoSuchKey</Code></Error>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
});

afterAll(async () => {
  process.env = saved;
  await new Promise((resolve) => server.close(resolve));
});

const env = (key: string, tenants: string[], retiredTenants: string[] = []) =>
  tenantStacksEnvironment(tenants, { state: { s3: { bucket: 'ct-states', key } }, retiredTenants });

describe('tenant states in S3', () => {
  it('finds unlisted tenants with resources across listing pages, and skips records', async () => {
    objects.clear();
    objects.set('cognito-tenancy/dev/terraform.tfstate', state(50));
    objects.set('cognito-tenancy/dev/tenants/acme/terraform.tfstate', state(9));
    objects.set('cognito-tenancy/dev/tenants/acme/deployed.json', '{}');
    objects.set('cognito-tenancy/dev/tenants/gone/terraform.tfstate', state(7));
    objects.set('cognito-tenancy/dev/tenants/empty/terraform.tfstate', state(0));
    objects.set('cognito-tenancy/prod/tenants/other/terraform.tfstate', state(3));
    const found = await unlistedTenantStates(
      env('cognito-tenancy/dev/terraform.tfstate', ['acme']),
      '/nowhere',
    );
    expect(found).toEqual([{ tenantId: 'gone', resources: 7 }]);
  });

  it("names the moves for this environment's tenants still at the old keys", async () => {
    objects.clear();
    objects.set('states/tenants/acme/terraform.tfstate', state(9));
    objects.set('states/tenants/retired/terraform.tfstate', state(2));
    objects.set('states/tenants/prods-own/terraform.tfstate', state(4));
    expect(await misplacedTenantStates(env('states/dev.tfstate', ['acme'], ['retired']))).toEqual([
      'aws s3 mv s3://ct-states/states/tenants/acme/terraform.tfstate s3://ct-states/states/dev/tenants/acme/terraform.tfstate',
      'aws s3 mv s3://ct-states/states/tenants/retired/terraform.tfstate s3://ct-states/states/dev/tenants/retired/terraform.tfstate',
    ]);
    // The default key keeps its place: nothing to move.
    expect(await misplacedTenantStates(env('cognito-tenancy/dev/terraform.tfstate', ['acme']))).toEqual([]);
  });
});
