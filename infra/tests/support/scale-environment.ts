/**
 * A generated environment of many tenants, for the scale test: 30% shared (one shared
 * callback host, as shared tenants usually have) and 70% dedicated, a few with metadata
 * files. Within Cognito's quotas: shared tenants fill shard after shard of the shared pool
 * (300 IdPs each, assigned as `tenant add` does: 1,000 tenants fit in shared-00), under 1,000 pools.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvironmentInput } from '@cognito-tenancy/registry/environment';
import { nextSharedPool } from '@cognito-tenancy/registry/shared-pools';
import { ENVIRONMENTS_DIR } from '../../src/environments';

export interface ScaleOptions {
  /** One stack per tenant beside the platform (issue #21); default: one stack. */
  readonly tenantStacks?: boolean;
}

export function scaleEnvironment(tenantCount: number, options: ScaleOptions = {}): EnvironmentInput {
  const tenants: EnvironmentInput['tenants'] = [];
  // How full each shard is, as nextSharedPool reads it (pattern and shard only).
  const placed: { pattern: 'shared'; sharedPool: string }[] = [];
  for (let i = 0; i < tenantCount; i += 1) {
    const id = `t${String(i).padStart(4, '0')}`;
    const shared = i % 10 < 3;
    const sharedPool = shared ? (nextSharedPool(placed) as string) : undefined;
    if (sharedPool !== undefined) placed.push({ pattern: 'shared', sharedPool });
    const idp = {
      name: `Idp-${id}`,
      ...(i % 100 === 7
        ? { metadataFile: 'metadata/idp.xml' }
        : { metadataUrl: `https://idp.${id}.example/saml` }),
    };
    tenants.push({
      id,
      displayName: `Tenant ${i}`,
      pattern: shared ? 'shared' : 'dedicated',
      emailDomains: [`${id}.example`, `${id}-labs.example`],
      idp,
      groups: { allow: ['Admins'], prefixes: ['app-'] },
      ...(sharedPool !== undefined
        ? { callbackUrls: ['https://app.scale.example.com/callback'], sharedPool }
        : { hosts: [`${id}.scale.example.com`], pool: { domainPrefix: `ct-scale-${id}` } }),
    });
  }
  return {
    environment: 'scale',
    region: 'eu-west-1',
    accountId: '444444444444',
    deletionProtection: false,
    sharedPool: { domainPrefix: 'ct-scale-shared' },
    api: { serviceUrl: 'https://service.scale.example.com', corsOrigins: ['https://app.scale.example.com'] },
    tenants,
    ...(options.tenantStacks ? { tenantStacks: true } : {}),
  };
}

/** Writes the environment (and its metadata file) into `dir`; returns the file's path. */
export function writeScaleEnvironment(dir: string, tenantCount: number, options: ScaleOptions = {}): string {
  mkdirSync(join(dir, 'metadata'), { recursive: true });
  copyFileSync(join(ENVIRONMENTS_DIR, 'metadata', 'globex-entra.xml'), join(dir, 'metadata', 'idp.xml'));
  const file = join(dir, 'scale.json');
  writeFileSync(file, JSON.stringify(scaleEnvironment(tenantCount, options)));
  return file;
}
