import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironmentFile } from '@cognito-tenancy/registry/environment';
import type { CliIo } from '@cognito-tenancy/tenant-tool/cli-io';
import { describe, expect, it, jest } from '@jest/globals';
import {
  environment,
  fixture,
  goodMetadata,
  NOW,
  run,
  sharedTenant,
  twoTenantFixture,
} from './helpers/environment';
import { idpMetadata } from './helpers/metadata';
import { certificateAround } from './helpers/x509';

/** A metadata file outside the environment directory, as an admin would send it. */
function downloadedMetadata(xml = goodMetadata('https://initech.example/idp')): string {
  const path = join(tmpdir(), `initech-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(path, xml);
  return path;
}

const initech = (metadataFile: string) => [
  '--id',
  'initech',
  '--name',
  'Initech',
  '--pattern',
  'shared',
  '--email-domain',
  'Initech.com,initech.co.uk',
  '--host',
  'initech.app.example.com',
  '--metadata-file',
  metadataFile,
  '--group',
  'App Users',
  '--group-prefix',
  'app-',
];

describe('tenant add with flags', () => {
  it('inserts the tenant, copies its metadata beside the file and keeps the rest of the text', async () => {
    const fx = twoTenantFixture();
    const before = readFileSync(fx.file, 'utf8');
    const source = downloadedMetadata();
    const result = await run(['add', fx.file, ...initech(source), '--json']);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({
      ok: true,
      written: true,
      metadataCopiedTo: join(fx.dir, 'metadata', 'initech.xml'),
    });
    expect(readFileSync(join(fx.dir, 'metadata', 'initech.xml'), 'utf8')).toBe(readFileSync(source, 'utf8'));

    const after = readFileSync(fx.file, 'utf8');
    const closing = before.lastIndexOf('\n    }\n  ]');
    expect(after.startsWith(before.slice(0, closing + '\n    }'.length))).toBe(true);
    expect(after.endsWith('\n  ]\n}\n')).toBe(true);
    const env = loadEnvironmentFile(fx.file);
    expect(env.tenants.map((t) => t.id)).toEqual(['acme', 'globex', 'initech']);
    expect(JSON.parse(after).tenants[2]).toEqual({
      id: 'initech',
      displayName: 'Initech',
      pattern: 'shared',
      hosts: ['initech.app.example.com'],
      emailDomains: ['initech.com', 'initech.co.uk'],
      idp: { name: 'initech', metadataFile: 'metadata/initech.xml' },
      groups: { allow: ['App Users'], prefixes: ['app-'] },
      sharedPool: 'shared-00',
    });
  });

  it('gives a dedicated tenant its own pool with the default domain prefix', async () => {
    const fx = twoTenantFixture();
    const args = [
      'add',
      fx.file,
      '--id',
      'hooli',
      '--name',
      'Hooli',
      '--pattern',
      'dedicated',
      '--host',
      'hooli.app.example.com',
    ];
    const result = await run([
      ...args,
      '--email-domain',
      'hooli.com',
      '--metadata-file',
      downloadedMetadata(),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Added tenant 'hooli' to ${fx.file}`);
    expect(result.stdout).toContain(`./scripts/pnpmw tenant sp-info ${fx.file} hooli`);
    expect(loadEnvironmentFile(fx.file).tenants[2]?.pool?.domainPrefix).toBe('hooli-dev');
  });

  it('references metadata already inside the environment directory instead of copying it', async () => {
    const fx = twoTenantFixture();
    fx.metadata('initech-idp.xml', goodMetadata('https://initech.example/idp'));
    const result = await run(['add', 'dev.json', ...initech('metadata/initech-idp.xml')], { cwd: fx.dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(fx.file, 'utf8')).tenants[2].idp.metadataFile).toBe(
      'metadata/initech-idp.xml',
    );
    expect(existsSync(join(fx.dir, 'metadata', 'initech.xml'))).toBe(false);
  });

  it('fetches only the new tenant metadata URL, and only with --fetch', async () => {
    const fx = fixture(
      environment([sharedTenant({ idp: { name: 'G', metadataUrl: 'https://globex.example/m' } })]),
    );
    const fetcher = jest.fn<CliIo['fetchMetadata']>(async () =>
      Buffer.from(goodMetadata('https://initech.example/idp')),
    );
    const args = [
      'add',
      fx.file,
      '--id',
      'initech',
      '--name',
      'Initech',
      '--pattern',
      'shared',
      '--host',
      'i.app.example.com',
    ];
    const url = ['--email-domain', 'initech.com', '--metadata-url', 'https://initech.example/metadata'];
    const dry = await run([...args, ...url, '--dry-run', '--json'], { fetchMetadata: fetcher });
    expect(JSON.parse(dry.stdout).findings.map((f: { code: string }) => f.code)).toContain(
      'metadata.not-fetched',
    );
    expect(fetcher).not.toHaveBeenCalled();
    const fetched = await run([...args, ...url, '--fetch'], { fetchMetadata: fetcher });
    expect(fetched.code).toBe(0);
    expect(fetcher.mock.calls.map((c) => c[0])).toEqual(['https://initech.example/metadata']);
  });

  it('refuses hostile metadata and writes nothing, not even the metadata copy', async () => {
    const fx = twoTenantFixture();
    const before = readFileSync(fx.file, 'utf8');
    const xxe = downloadedMetadata('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>');
    const result = await run(['add', fx.file, ...initech(xxe)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/tenant 'initech' was not added: 1 problem/);
    expect(result.stderr).toMatch(
      /tenants\[2\] \(tenant 'initech'\)\.idp\.metadataFile: metadata refused: document contains <!DOCTYPE/,
    );
    expect(readFileSync(fx.file, 'utf8')).toBe(before);
    expect(readdirSync(join(fx.dir, 'metadata')).sort()).toEqual(['acme.xml', 'globex.xml']);
  });

  it('refuses metadata whose only signing certificate has expired', async () => {
    const fx = twoTenantFixture();
    const expired = downloadedMetadata(
      idpMetadata({ certificates: [certificateAround(NOW, -400, -1).base64] }),
    );
    const result = await run(['add', fx.file, ...initech(expired)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /idp\.metadataFile: signing certificate 1 \(CN=idp\.test\) expired on 2026-05-31/,
    );
  });

  it('refuses a tenant whose IdP entity already serves another tenant', async () => {
    const fx = twoTenantFixture();
    const result = await run([
      'add',
      fx.file,
      ...initech(downloadedMetadata(goodMetadata('http://www.okta.com/acme'))),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "IdP entity ID 'http://www.okta.com/acme' already serves tenants[0] (tenant 'acme')",
    );
  });

  it('validates the whole resulting file and names the field that clashes', async () => {
    const fx = twoTenantFixture();
    const before = readFileSync(fx.file, 'utf8');
    const args = initech(downloadedMetadata()).map((a) =>
      a === 'initech.app.example.com' ? 'globex.app.example.com' : a,
    );
    const result = await run(['add', fx.file, ...args]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "tenants[2] (tenant 'initech'): host 'globex.app.example.com' is already used by tenants[1] (tenant 'globex')",
    );
    expect(readFileSync(fx.file, 'utf8')).toBe(before);
  });

  it('blocks a Cognito naming rule for the new pool', async () => {
    const fx = twoTenantFixture();
    const args = [
      'add',
      fx.file,
      '--id',
      'hooli',
      '--name',
      'Hooli',
      '--pattern',
      'dedicated',
      '--host',
      'hooli.app.example.com',
    ];
    const result = await run([
      ...args,
      '--email-domain',
      'hooli.com',
      '--metadata-file',
      downloadedMetadata(),
      '--domain-prefix',
      'hooli-aws',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("pool.domainPrefix: 'hooli-aws' contains 'aws'");
  });

  it('is not blocked by problems of other tenants', async () => {
    const fx = twoTenantFixture();
    fx.metadata('acme.xml', idpMetadata({ certificates: [certificateAround(NOW, -400, -1).base64] }));
    const raw = JSON.parse(readFileSync(fx.file, 'utf8'));
    raw.tenants[1].emailDomains.push('a-very-long-subsidiary-name.example-holdings.com');
    writeFileSync(fx.file, JSON.stringify(raw, null, 2));
    expect((await run(['check', fx.file, '--json'])).code).toBe(1);
    expect((await run(['add', fx.file, ...initech(downloadedMetadata())])).code).toBe(0);
  });

  it('lists the missing flags with exit code 2 when it cannot ask', async () => {
    const fx = twoTenantFixture();
    const result = await run(['add', fx.file, '--id', 'initech']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'missing --name, --pattern, --email-domain, --metadata-url or --metadata-file',
    );
  });

  it('reports every invalid flag value at once with exit code 1', async () => {
    const fx = twoTenantFixture();
    const result = await run([
      'add',
      fx.file,
      '--id',
      'X',
      '--pattern',
      'pooled',
      '--host',
      'bad/host',
      '--metadata-url',
      'http://x',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--id: use 3-32 lowercase letters');
    expect(result.stderr).toContain("--pattern: answer 'dedicated'");
    expect(result.stderr).toContain("--host: 'bad/host' is not a valid host name");
    expect(result.stderr).toContain('--metadata-url: use an https:// URL');
  });

  it('refuses both metadata flags as a usage error', async () => {
    const fx = twoTenantFixture();
    const result = await run([
      'add',
      fx.file,
      '--metadata-url',
      'https://x.example/m',
      '--metadata-file',
      'm.xml',
    ]);
    expect(result.code).toBe(2);
  });

  it('needs a callback URL for a shared tenant without hosts, and writes the URLs it is given', async () => {
    const fx = twoTenantFixture();
    const noHost = initech(downloadedMetadata()).filter(
      (a) => a !== '--host' && a !== 'initech.app.example.com',
    );
    const refused = await run(['add', fx.file, ...noHost]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "tenants[2] (tenant 'initech').callbackUrls: none; list callbackUrls or at least one host",
    );
    const urls = [
      '--callback-url',
      'https://app.example.com/callback',
      '--logout-url',
      'https://app.example.com/',
    ];
    expect((await run(['add', fx.file, ...noHost, ...urls])).code).toBe(0);
    const written = JSON.parse(readFileSync(fx.file, 'utf8')).tenants[2];
    expect(written.hosts).toBeUndefined();
    expect([written.callbackUrls, written.logoutUrls]).toEqual([
      ['https://app.example.com/callback'],
      ['https://app.example.com/'],
    ]);
  });

  it('writes nothing with --dry-run', async () => {
    const fx = twoTenantFixture();
    const before = readFileSync(fx.file, 'utf8');
    const result = await run(['add', fx.file, ...initech(downloadedMetadata()), '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Not written');
    expect(result.stdout).toContain('"id": "initech"');
    expect(readFileSync(fx.file, 'utf8')).toBe(before);
    expect(existsSync(join(fx.dir, 'metadata', 'initech.xml'))).toBe(false);
  });

  it('refuses to add to a file that is already invalid', async () => {
    const fx = fixture(environment([sharedTenant()], { sharedPool: undefined }));
    const result = await run(['add', fx.file, ...initech(downloadedMetadata())]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the file has problems already; fix them first');
    expect(result.stderr).toContain('sharedPool: required when any tenant uses the shared pattern');
  });

  it('explains an environment name that has no file', async () => {
    const result = await run(['add', 'nosuchenv', '--id', 'xyz']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nosuchenv\.json.*cannot read the file \(ENOENT\)/s);
  });
});

describe('tenant add in a terminal', () => {
  const answers = (metadata: string) => [
    'Initech', // id: invalid, asked again
    'initech',
    '', // display name: default (the id)
    '', // pattern: default shared (the file has a shared pool)
    'initech.app.example.com',
    'initech.com',
    'y', // include subdomains
    '', // IdP name: default
    metadata,
    'Admins, Staff',
    '',
    'Admins', // admin group
  ];

  it('asks for each answer, asks again after a bad one, confirms and writes', async () => {
    const fx = twoTenantFixture();
    const result = await run(['add', fx.file], { tty: true, input: [...answers(downloadedMetadata()), 'y'] });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Tenant id (lowercase, e.g. acme): ');
    expect(result.stderr).toContain('use 3-32 lowercase letters');
    expect(result.stderr).toContain('Pattern: dedicated (own user pool) or shared [shared]: ');
    expect(result.stderr).toContain("Add tenant 'initech' to");
    const written = JSON.parse(readFileSync(fx.file, 'utf8')).tenants[2];
    expect(written).toMatchObject({
      id: 'initech',
      displayName: 'initech',
      pattern: 'shared',
      includeSubdomains: true,
      idp: { name: 'initech', metadataFile: 'metadata/initech.xml' },
      groups: { allow: ['Admins', 'Staff'], prefixes: [], admin: 'Admins' },
    });
  });

  it('asks for callback URLs when a shared tenant has no hosts', async () => {
    const fx = twoTenantFixture();
    const input = [
      'initech',
      'Initech',
      'shared',
      '',
      '',
      'https://app.example.com/callback',
      'initech.com',
      'n',
      '',
      downloadedMetadata(),
      '',
      '',
      'y',
    ];
    const result = await run(['add', fx.file], { tty: true, input });
    expect(result.stderr).toContain('without hosts, give at least one callback URL');
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(fx.file, 'utf8')).tenants[2].callbackUrls).toEqual([
      'https://app.example.com/callback',
    ]);
  });

  it('writes nothing when the answer to the confirmation is no', async () => {
    const fx = twoTenantFixture();
    const before = readFileSync(fx.file, 'utf8');
    const result = await run(['add', fx.file], { tty: true, input: [...answers(downloadedMetadata()), 'n'] });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Not written');
    expect(readFileSync(fx.file, 'utf8')).toBe(before);
  });

  it('asks only for what the flags did not give, and skips confirmation with --yes', async () => {
    const fx = twoTenantFixture();
    const flags = [
      '--id',
      'hooli',
      '--name',
      'Hooli',
      '--pattern',
      'dedicated',
      '--email-domain',
      'hooli.com',
      '--yes',
    ];
    const input = ['', 'hooli.app.example.com', 'n', '', downloadedMetadata(), '', '', ''];
    const result = await run(['add', fx.file, ...flags], { tty: true, input });
    expect(result.stderr).toContain('a dedicated tenant needs a host');
    expect(result.stderr).not.toContain('Tenant id');
    expect(result.code).toBe(0);
    expect(loadEnvironmentFile(fx.file).tenants[2]).toMatchObject({
      id: 'hooli',
      pool: { domainPrefix: 'hooli-dev' },
    });
  });

  it('stops without writing when input ends early', async () => {
    const fx = twoTenantFixture();
    const before = readFileSync(fx.file, 'utf8');
    const result = await run(['add', fx.file], { tty: true, input: ['initech'] });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('input ended before all answers were given; nothing was written');
    expect(readFileSync(fx.file, 'utf8')).toBe(before);
  });

  it('does not prompt with --no-input', async () => {
    const result = await run(['add', twoTenantFixture().file, '--no-input'], { tty: true, input: ['x'] });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('Tenant id');
  });
});
