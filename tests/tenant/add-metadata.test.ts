/**
 * #22.9: `tenant add` stores the metadata text that was checked and that infra will embed:
 * an Entra download's byte order mark does not reach the copy.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metadataText } from '@cognito-tenancy/registry/saml-metadata-text';
import { describe, expect, it } from '@jest/globals';
import { NOW, run, twoTenantFixture } from './helpers/environment';
import { entraMetadata } from './helpers/idp-documents';
import { certificateAround } from './helpers/x509';

const flags = (source: string) => [
  '--id',
  'initech',
  '--name',
  'Initech',
  '--pattern',
  'shared',
  '--email-domain',
  'initech.com',
  '--host',
  'initech.app.example.com',
  '--metadata-file',
  source,
  '--json',
];

describe('tenant add stores normalised metadata', () => {
  it('copies an Entra download without its byte order mark, as infra will send it', async () => {
    const fx = twoTenantFixture();
    const source = join(tmpdir(), `entra-${Math.random().toString(36).slice(2)}.xml`);
    const download = entraMetadata(
      certificateAround(NOW, -30, 365).base64,
      '0e2b3c4d-1111-4222-8333-944455566677',
    );
    writeFileSync(source, download);
    expect(readFileSync(source).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    const result = await run(['add', fx.file, ...flags(source)]);
    expect(result.code).toBe(0);

    const stored = readFileSync(join(fx.dir, 'metadata', 'initech.xml'));
    expect(stored.subarray(0, 5).toString()).toBe('<?xml');
    expect(stored.toString('utf8')).toBe(metadataText(readFileSync(source)));
    expect(stored.toString('utf8')).toBe(download.slice(1));
  });
});
