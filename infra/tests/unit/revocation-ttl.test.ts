import { parseEnvironment } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';
import {
  longestTokenSeconds,
  REVOCATION_TTL_MARGIN_SECONDS,
  revocationTtlSeconds,
} from '../../src/revocation-ttl';

const tenant = (id: string, pattern: 'dedicated' | 'shared', tokenValidity?: Record<string, number>) => ({
  id,
  displayName: id,
  pattern,
  emailDomains: [`${id}.example`],
  idp: { name: `${id}-idp`, metadataUrl: `https://${id}.example/metadata` },
  callbackUrls: [`https://${id}.example/callback`],
  ...(pattern === 'dedicated'
    ? {
        hosts: [`${id}.app.example`],
        pool: { domainPrefix: `${id}-p`, ...(tokenValidity ? { tokenValidity } : {}) },
      }
    : {}),
});

function env(tenants: unknown[], sharedValidity?: Record<string, number>) {
  return parseEnvironment(
    {
      environment: 'ttl',
      region: 'eu-west-1',
      sharedPool: {
        domainPrefix: 'ttl-shared',
        ...(sharedValidity ? { tokenValidity: sharedValidity } : {}),
      },
      tenants,
    },
    'ttl.json',
  );
}

describe('revocation TTL', () => {
  it('outlives the longest ID or access token of any pool, plus the margin', () => {
    const e = env(
      [
        tenant('acme', 'dedicated', { accessTokenMinutes: 5, idTokenMinutes: 720 }),
        tenant('globex', 'shared'),
      ],
      { accessTokenMinutes: 90, idTokenMinutes: 60 },
    );
    expect(longestTokenSeconds(e)).toBe(720 * 60);
    expect(revocationTtlSeconds(e)).toBe(720 * 60 + REVOCATION_TTL_MARGIN_SECONDS);
  });

  it('ignores the shared pool settings when no tenant uses it, and refresh token lifetimes', () => {
    const e = env(
      [tenant('acme', 'dedicated', { accessTokenMinutes: 15, idTokenMinutes: 10, refreshTokenDays: 30 })],
      {
        accessTokenMinutes: 1440,
        idTokenMinutes: 1440,
      },
    );
    expect(longestTokenSeconds(e)).toBe(15 * 60);
  });

  it('takes Cognito’s default hour for an environment without pools', () => {
    expect(longestTokenSeconds(env([]))).toBe(3600);
  });
});
