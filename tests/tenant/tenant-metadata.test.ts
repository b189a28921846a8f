/** One tenant's metadata read and reviewed: the --fetch deadline covers the review too (#19.4). */

import { checkTenantMetadata } from '@cognito-tenancy/tenant-tool/check/tenant-metadata';
import { describe, expect, it } from '@jest/globals';
import { goodMetadata, NOW } from './helpers/environment';

const idp = {
  name: 'Globex',
  metadataUrl: 'https://login.globex.example/metadata.xml',
  signOut: false,
  attributeMapping: { email: 'mail' },
};

function options(clock: () => number, document: () => Buffer) {
  return {
    fetch: true,
    timeoutMs: 1000,
    now: NOW,
    clock,
    fetchMetadata: async () => document(),
  };
}

describe('checkTenantMetadata with --fetch', () => {
  // A document that arrives in time but is large enough to need several looks at the clock.
  const slow = goodMetadata('https://login.globex.example/').replace(
    '<md:NameIDFormat>',
    `<md:Extensions>${'<x:a xmlns:x="urn:x"/>'.repeat(2000)}</md:Extensions><md:NameIDFormat>`,
  );

  it('refuses a document whose review outlasts the one deadline of download and review', async () => {
    let time = 0;
    const result = await checkTenantMetadata(
      idp as never,
      '/',
      options(
        () => (time += 100),
        () => {
          time = 800; // the download took 0.8 of the 1 s allowed
          return Buffer.from(slow);
        },
      ),
    );
    expect(result.issues.map((i) => [i.severity, i.code])).toEqual([['error', 'xml.timeout']]);
    expect(result.summary).toBeUndefined();
    expect(time).toBeGreaterThan(1000);
  });

  it('reviews the same document when the clock stays inside the deadline', async () => {
    const result = await checkTenantMetadata(
      idp as never,
      '/',
      options(
        () => 0,
        () => Buffer.from(slow),
      ),
    );
    expect(result.issues).toEqual([]);
    expect(result.summary?.entityId).toBe('https://login.globex.example/');
  });
});
