import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadEnvironmentFile } from '@cognito-tenancy/registry/environment';
import { expandHome } from '@cognito-tenancy/tenant-tool/add/run-add';
import { nearest } from '@cognito-tenancy/tenant-tool/args';
import { renderTable } from '@cognito-tenancy/tenant-tool/table';
import { describe, expect, it } from '@jest/globals';
import { goodMetadata, run, twoTenantFixture } from './helpers/environment';

function metadataFile(): string {
  const path = join(tmpdir(), `initech-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(path, goodMetadata('https://initech.example/idp'));
  return path;
}

const flags = (file: string) => [
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
  file,
];

describe('tenant add for a newcomer', () => {
  it('accepts http://*.localhost callback URLs as the registry schema does, and refuses plain http', async () => {
    const fx = twoTenantFixture();
    const ok = await run([
      'add',
      fx.file,
      ...flags(metadataFile()),
      '--callback-url',
      'http://app.localhost:4000/callback',
    ]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(loadEnvironmentFile(fx.file).tenants[2]?.callbackUrls).toEqual([
      'http://app.localhost:4000/callback',
    ]);
    const refused = await run([
      'add',
      twoTenantFixture().file,
      ...flags(metadataFile()),
      '--callback-url',
      'http://app.example.com/callback',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "--callback-url: 'http://app.example.com/callback' must be an https:// URL",
    );
  });

  it('names an unknown option and the nearest known one', async () => {
    const result = await run(['add', 'dev', '--email-domains', 'x.com']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown option --email-domains (did you mean --email-domain?)');
    expect(result.stderr).not.toContain("'--'");
    expect(nearest('metdata-url', ['metadata-url', 'metadata-file'])).toBe('metadata-url');
    expect(nearest('zzzzzz', ['metadata-url', 'json'])).toBeUndefined();
  });

  it('prints the entry once when the confirmation is declined', async () => {
    const fx = twoTenantFixture();
    const result = await run(['add', fx.file, ...flags(metadataFile())], {
      tty: true,
      input: ['', '', '', '', 'n'],
    });
    const shown = `${result.stderr}${result.stdout}`.split('"id": "initech"').length - 1;
    expect(result.stderr).toContain("Add tenant 'initech'");
    expect(shown).toBe(1);
    expect(result.stdout).toContain('Not written;');
  });

  it('after a refusal of the whole file, asks only for the answer to fix and then writes', async () => {
    const fx = twoTenantFixture();
    const args = ['add', fx.file, '--id', 'initech', '--name', 'Initech', '--pattern', 'shared'];
    const rest = ['--host', 'initech.app.example.com', '--metadata-file', metadataFile(), '--yes'];
    // globex.com belongs to globex: each answer is valid alone, the file is not.
    const input = ['globex.com', 'n', '', '', '', '', '', 'initech.com', 'n'];
    const result = await run([...args, ...rest], { tty: true, input });
    expect(result.stderr).toContain("tenant 'initech' was not added");
    expect(result.stderr).toMatch(/Change which answer\? .*\[email-domains\]/);
    expect(result.code).toBe(0);
    expect(loadEnvironmentFile(fx.file).tenants[2]?.emailDomains).toEqual(['initech.com']);
  });

  it('stops without writing when the user declines to fix the refused answer', async () => {
    const fx = twoTenantFixture();
    const before = readFileSync(fx.file, 'utf8');
    const args = ['add', fx.file, '--id', 'initech', '--name', 'Initech', '--pattern', 'shared'];
    const rest = ['--host', 'initech.app.example.com', '--metadata-file', metadataFile(), '--yes'];
    const result = await run([...args, ...rest], { tty: true, input: ['globex.com', 'n', '', '', '', 'n'] });
    expect(result.code).toBe(1);
    expect(readFileSync(fx.file, 'utf8')).toBe(before);
  });

  it('checks a typed metadata path at the question, with ~ expanded, and asks again', async () => {
    const fx = twoTenantFixture();
    const file = metadataFile();
    const args = ['add', fx.file, '--id', 'initech', '--name', 'Initech', '--pattern', 'shared'];
    const rest = ['--host', 'initech.app.example.com', '--email-domain', 'initech.com', '--yes'];
    // subdomains, IdP name, a mistyped path, the right one, groups, prefixes.
    const input = ['', '', '~/no-such-idp.xml', file, '', ''];
    const result = await run([...args, ...rest], { tty: true, input });
    expect(result.stderr).toContain(`no file at ${join(homedir(), 'no-such-idp.xml')}`);
    expect(result.code).toBe(0);
    expect(loadEnvironmentFile(fx.file).tenants[2]?.idp.metadataFile).toBe('metadata/initech.xml');
  });

  it('expands ~ in a metadata path and reads the file from the home folder', async () => {
    expect(expandHome('~/x.xml', '/home/u')).toBe('/home/u/x.xml');
    expect(expandHome('a/~/x.xml', '/home/u')).toBe('a/~/x.xml');
    const dir = join(homedir(), `.tenant-test-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'idp.xml');
    writeFileSync(file, goodMetadata('https://initech.example/idp'));
    const fx = twoTenantFixture();
    const result = await run(['add', fx.file, ...flags(`~/${relative(homedir(), file)}`)]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('says how to try the new tenant on the local stack, with commands a newcomer can run', async () => {
    const fx = twoTenantFixture();
    const result = await run(['add', fx.file, ...flags(metadataFile())]);
    expect(result.stdout).toContain(`./scripts/pnpmw tenant sp-info ${fx.file} initech`);
    expect(result.stdout).toContain('"tenant":"initech","email":"someone@initech.com"');
    expect(result.stdout).toContain(`./scripts/pnpmw start --env ${fx.file} --users <that file>`);
    expect(result.stdout).toContain('http://app.localhost:4000/');
    expect(result.stdout).not.toMatch(/(^|\s)pnpm /m);
  });
});

describe('tables', () => {
  it('refuses a column without a header', () => {
    expect(() => renderTable(['A', ''], [['1', '2']])).toThrow('every column needs a header');
  });

  it('sp-info prints a header over every column', async () => {
    const fx = twoTenantFixture();
    const result = await run(['sp-info', fx.file, 'globex']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const rule = lines.findIndex(
      (l, i) => /^-+( +-+)+$/.test(l) && lines[i - 1]?.startsWith('SAML ATTRIBUTE'),
    );
    expect(lines[rule - 1]?.trim().split(/ {2,}/)).toEqual(['SAML ATTRIBUTE', 'MAPS TO', 'NEEDED']);
  });
});
