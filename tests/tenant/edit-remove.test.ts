import { readFileSync } from 'node:fs';
import { loadEnvironmentFile } from '@cognito-tenancy/registry/environment';
import {
  appendToTopLevelArrayOrAdd,
  replaceTopLevelArrayItem,
} from '@cognito-tenancy/tenant-tool/json-insert';
import { describe, expect, it } from '@jest/globals';
import {
  dedicatedTenant,
  environment,
  fixture,
  goodMetadata,
  run,
  sharedTenant,
  twoTenantFixture,
} from './helpers/environment';

/** The file as a person formatted it: inline objects, CRLF-free, one odd spacing to keep. */
const TEXT = `{
  "environment": "dev",
  "region":   "eu-west-1",
  "tenants": [
    { "id": "a", "n": 1 },
    {
      "id": "b",
      "idp": { "name": "B", "metadataFile": "m.xml" },
      "groups": { "allow": ["X"] }
    },
    { "id": "c" }
  ]
}
`;

describe('replaceTopLevelArrayItem', () => {
  it('changes only the members that changed and keeps every other byte', () => {
    const before = JSON.parse(TEXT).tenants[1];
    const after = { ...before, groups: { allow: ['X', 'Y'] } };
    const edited = replaceTopLevelArrayItem(TEXT, 'tenants', 1, after);
    expect(edited).toBe(TEXT.replace('"allow": ["X"]', '"allow": ["X", "Y"]'));
  });

  it('appends a new member after the last one, at the members indentation', () => {
    const before = JSON.parse(TEXT).tenants[1];
    const edited = replaceTopLevelArrayItem(TEXT, 'tenants', 1, { ...before, hosts: ['b.example.com'] });
    expect(edited).toContain('"groups": { "allow": ["X"] },\n      "hosts": ["b.example.com"]\n    },');
    expect(JSON.parse(edited).tenants[1].hosts).toEqual(['b.example.com']);
  });

  it.each([0, 1, 2])(
    'removes item %i with its separator, leaving valid JSON and the rest as it was',
    (index) => {
      const edited = replaceTopLevelArrayItem(TEXT, 'tenants', index);
      const ids = JSON.parse(edited).tenants.map((t: { id: string }) => t.id);
      expect(ids).toEqual(['a', 'b', 'c'].filter((_, i) => i !== index));
      expect(edited).toContain('"region":   "eu-west-1"');
    },
  );

  it('removes the only item', () => {
    const edited = replaceTopLevelArrayItem('{"tenants": [ {"id": "a"} ]}', 'tenants', 0);
    expect(JSON.parse(edited)).toEqual({ tenants: [] });
  });
});

describe('tenant edit', () => {
  it('changes the named fields, keeps the others and the rest of the text', async () => {
    const fx = twoTenantFixture();
    const before = readFileSync(fx.file, 'utf8');
    const result = await run([
      'edit',
      fx.file,
      'globex',
      '--name',
      'Globex EU',
      '--callback-url',
      'http://globex.localhost:4000/callback',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Changed tenant 'globex' in ${fx.file}`);
    const globex = loadEnvironmentFile(fx.file).tenants[1];
    expect(globex).toMatchObject({
      displayName: 'Globex EU',
      callbackUrls: ['http://globex.localhost:4000/callback'],
      emailDomains: ['globex.com'],
    });
    const after = readFileSync(fx.file, 'utf8');
    // acme's entry is untouched text.
    const acme = (text: string) => text.slice(text.indexOf('"id": "acme"'), text.indexOf('"id": "globex"'));
    expect(acme(after)).toBe(acme(before));
  });

  it('refuses a change the schema refuses, naming the field, and writes nothing', async () => {
    const fx = twoTenantFixture();
    const before = readFileSync(fx.file, 'utf8');
    const result = await run(['edit', fx.file, 'globex', '--email-domain', 'acme.com']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("tenant 'globex' was not changed");
    expect(result.stderr).toContain('acme.com');
    expect(readFileSync(fx.file, 'utf8')).toBe(before);
  });

  it('refuses to change the pattern or an unknown tenant, and an edit without fields', async () => {
    const fx = twoTenantFixture();
    expect((await run(['edit', fx.file, 'globex', '--pattern', 'dedicated'])).stderr).toContain(
      'unknown option --pattern',
    );
    const unknown = await run(['edit', fx.file, 'nobody', '--name', 'X']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no tenant 'nobody'");
    expect(unknown.stderr).toContain('acme, globex');
    const empty = await run(['edit', fx.file, 'globex']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('nothing to change');
  });

  it('writes nothing with --dry-run or when the confirmation is declined', async () => {
    const fx = twoTenantFixture();
    const before = readFileSync(fx.file, 'utf8');
    expect((await run(['edit', fx.file, 'globex', '--name', 'G', '--dry-run'])).stdout).toContain(
      'Not written',
    );
    const declined = await run(['edit', fx.file, 'globex', '--name', 'G'], { tty: true, input: ['n'] });
    expect(declined.stderr).toContain("Write tenant 'globex'");
    expect(readFileSync(fx.file, 'utf8')).toBe(before);
  });
});

describe('tenant remove', () => {
  it('removes the tenant, keeps its metadata file and says what deploy will do', async () => {
    const fx = twoTenantFixture();
    const result = await run(['remove', fx.file, 'acme', '--yes']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Removed tenant 'acme' from ${fx.file}`);
    expect(result.stdout).toContain('Kept its metadata file metadata/acme.xml');
    expect(loadEnvironmentFile(fx.file).tenants.map((t) => t.id)).toEqual(['globex']);
  });

  it('asks in a terminal and writes nothing when declined', async () => {
    const fx = twoTenantFixture();
    const before = readFileSync(fx.file, 'utf8');
    const result = await run(['remove', fx.file, 'acme'], { tty: true, input: ['n'] });
    expect(result.stderr).toContain("Remove tenant 'acme'");
    expect(result.stdout).toContain('Not removed');
    expect(readFileSync(fx.file, 'utf8')).toBe(before);
  });

  it('reports an unknown tenant as JSON with --json', async () => {
    const result = await run(['remove', twoTenantFixture().file, 'nobody', '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { kind: 'failed' } });
  });
});

describe('tenant remove with tenantStacks', () => {
  const stacksFixture = (extra: Record<string, unknown> = {}) => {
    const fx = fixture(environment([dedicatedTenant(), sharedTenant()], { tenantStacks: true, ...extra }));
    fx.metadata('acme.xml', goodMetadata('http://www.okta.com/acme'));
    fx.metadata('globex.xml', goodMetadata('https://sts.windows.net/globex/'));
    return fx;
  };

  it('lists the removed tenant in retiredTenants, so the next deploy destroys its stack', async () => {
    const fx = stacksFixture();
    const result = await run(['remove', fx.file, 'acme', '--yes']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Listed 'acme' in retiredTenants");
    expect(result.stdout).toContain('pnpm run deploy');
    // acme has its own pool and the file keeps the default deletion protection.
    expect(result.stdout).toContain("Warning: 'acme' has its own pool and deletionProtection is on");
    expect(result.stdout).toContain('"deletionProtection": false in its "pool", deploy --tenant acme');
    const env = loadEnvironmentFile(fx.file);
    expect(env.tenants.map((t) => t.id)).toEqual(['globex']);
    expect(env.retiredTenants).toEqual(['acme']);
    // The key goes on its own line before "tenants", indented like its neighbours.
    expect(readFileSync(fx.file, 'utf8')).toMatch(
      /\n {2}"retiredTenants": \[\s*"acme"\s*\],\n {2}"tenants": \[/,
    );
  });

  it("does not warn when the tenant's own pool is already unprotected", async () => {
    const fx = fixture(
      environment(
        [dedicatedTenant({ pool: { domainPrefix: 'acme-dev', deletionProtection: false } }), sharedTenant()],
        { tenantStacks: true },
      ),
    );
    fx.metadata('acme.xml', goodMetadata('http://www.okta.com/acme'));
    fx.metadata('globex.xml', goodMetadata('https://sts.windows.net/globex/'));
    const result = await run(['remove', fx.file, 'acme', '--yes']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Listed 'acme' in retiredTenants");
    expect(result.stdout).not.toContain('Warning');
  });

  it('appends to an existing retiredTenants list', async () => {
    const fx = stacksFixture({ retiredTenants: ['initech'] });
    const result = await run(['remove', fx.file, 'globex', '--yes']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('Warning');
    expect(loadEnvironmentFile(fx.file).retiredTenants).toEqual(['initech', 'globex']);
  });

  it('adds the key on one line in a one-line file, and changes nothing else', () => {
    const text = '{"a":1,"tenants":[]}';
    expect(appendToTopLevelArrayOrAdd(text, 'retiredTenants', 'x', 'tenants')).toBe(
      '{"a":1,"retiredTenants": ["x"], "tenants":[]}',
    );
    expect(() => appendToTopLevelArrayOrAdd(text, 'retiredTenants', 'x', 'nope')).toThrow(/"nope"/);
  });
});
