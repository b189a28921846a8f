import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAuthorizeUrl } from '@cognito-tenancy/registry/authorize-url';
import { describe, expect, it } from '@jest/globals';
import {
  dedicatedTenant,
  environment,
  fixture,
  run,
  sharedTenant,
  twoTenantFixture,
} from './helpers/environment';

async function spInfo(file: string, tenant: string, extra: string[] = []) {
  const result = await run(['sp-info', file, tenant, '--json', ...extra]);
  return { code: result.code, info: JSON.parse(result.stdout), stderr: result.stderr };
}

describe('tenant sp-info', () => {
  it("gives the dedicated pool's ACS URL and leaves the audience null until the pool id is known", async () => {
    const { code, info } = await spInfo(twoTenantFixture().file, 'acme');
    expect(code).toBe(0);
    expect(info).toMatchObject({
      tenant: 'acme',
      pattern: 'dedicated',
      cognitoDomain: 'acme-dev.auth.eu-west-1.amazoncognito.com',
      acsUrl: 'https://acme-dev.auth.eu-west-1.amazoncognito.com/saml2/idpresponse',
      audience: null,
      userPoolId: null,
      signInTestUrl: null,
      nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      signOutUrl: null,
    });
  });

  it('marks the unknown pool and client ids as placeholders in the text', async () => {
    const result = await run(['sp-info', twoTenantFixture().file, 'acme']);
    expect(result.stdout).toContain(
      'urn:amazon:cognito:sp:<USER_POOL_ID: known after deploy; pass --pool-id or --outputs>',
    );
    expect(result.stdout).toContain('client_id=CLIENT_ID_KNOWN_AFTER_DEPLOY');
    expect(result.stdout).toContain('Not known until deploy, shown as placeholders:');
  });

  it('uses the shared pool domain for a shared tenant and builds the audience and test URL from the ids', async () => {
    const { info } = await spInfo(twoTenantFixture().file, 'globex', [
      '--pool-id',
      'eu-west-1_Shared1',
      '--client-id',
      'abcdefghijklmnopqrstuvwxyz',
    ]);
    expect(info.acsUrl).toBe('https://shared-dev.auth.eu-west-1.amazoncognito.com/saml2/idpresponse');
    expect(info.audience).toBe('urn:amazon:cognito:sp:eu-west-1_Shared1');
    expect(info.signInTestUrl).toBe(
      buildAuthorizeUrl({
        cognitoDomain: 'shared-dev.auth.eu-west-1.amazoncognito.com',
        clientId: 'abcdefghijklmnopqrstuvwxyz',
        redirectUri: 'https://globex.app.example.com/callback',
        identityProvider: 'GlobexEntra',
      }),
    );
    const text = await run(['sp-info', twoTenantFixture().file, 'globex', '--pool-id', 'eu-west-1_Shared1']);
    expect(text.stdout).toContain('urn:amazon:cognito:sp:eu-west-1_Shared1');
    expect(text.stdout).not.toContain('USER_POOL_ID');
  });

  it('lists the SAML attributes to send and the group filter from the group policy', async () => {
    const fx = fixture(
      environment([dedicatedTenant({ groups: { allow: ['App.Admins', 'Staff (EU)'], prefixes: ['app-'] } })]),
    );
    const { info } = await spInfo(fx.file, 'acme');
    expect(info.attributes.map((a: { userAttribute: string }) => a.userAttribute)).toEqual([
      'email',
      'given_name',
      'family_name',
      'custom:groups',
    ]);
    expect(info.attributes[0]).toEqual({
      userAttribute: 'email',
      samlAttribute: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
      required: true,
    });
    expect(info.groupFilter.regex).toBe('^(?:App\\.Admins|Staff \\(EU\\)|app-.*)$');
    const regex = new RegExp(info.groupFilter.regex);
    expect(['App.Admins', 'Staff (EU)', 'app-reader'].every((g) => regex.test(g))).toBe(true);
    expect(['AppXAdmins', 'Staff EU', 'myapp-reader'].some((g) => regex.test(g))).toBe(false);
  });

  it('has no group filter when groups are not mapped, and a logout URL when sign-out is on', async () => {
    const idp = {
      name: 'AcmeOkta',
      metadataFile: 'metadata/acme.xml',
      signOut: true,
      attributeMapping: { email: 'email' },
    };
    const { info } = await spInfo(fixture(environment([dedicatedTenant({ idp })])).file, 'acme');
    expect(info.groupFilter).toBeNull();
    expect(info.attributes).toEqual([{ userAttribute: 'email', samlAttribute: 'email', required: true }]);
    expect(info.signOutUrl).toBe('https://acme-dev.auth.eu-west-1.amazoncognito.com/saml2/logout');
  });

  it('reads the pool and client ids from a terraform outputs file', async () => {
    const fx = twoTenantFixture();
    const outputs = join(fx.dir, 'outputs.json');
    writeFileSync(
      outputs,
      JSON.stringify({
        dedicated_pools: {
          sensitive: false,
          type: ['map', ['object', {}]],
          value: { acme: { user_pool_id: 'eu-west-1_Acme1', client_id: 'acmeclient0123456789abcdef' } },
        },
        shared_pool_id: { sensitive: false, type: 'string', value: 'eu-west-1_Shared1' },
        shared_pool_client_id: { sensitive: false, type: 'string', value: 'sharedclient0123456789abc' },
      }),
    );
    const acme = await spInfo(fx.file, 'acme', ['--outputs', outputs]);
    expect([acme.info.userPoolId, acme.info.clientId]).toEqual([
      'eu-west-1_Acme1',
      'acmeclient0123456789abcdef',
    ]);
    const globex = await spInfo(fx.file, 'globex', ['--outputs', 'outputs.json']);
    expect(globex.code).toBe(1);
    const relative = await run(['sp-info', fx.file, 'globex', '--outputs', 'outputs.json', '--json'], {
      cwd: fx.dir,
    });
    expect(JSON.parse(relative.stdout).audience).toBe('urn:amazon:cognito:sp:eu-west-1_Shared1');
  });

  it('lets --pool-id win over the outputs file', async () => {
    const fx = twoTenantFixture();
    const outputs = join(fx.dir, 'outputs.json');
    writeFileSync(
      outputs,
      JSON.stringify({ 'cognito-tenancy-dev': { acmeUserPoolId: 'eu-west-1_FromFile' } }),
    );
    const { info } = await spInfo(fx.file, 'acme', ['--outputs', outputs, '--pool-id', 'eu-west-1_FromFlag']);
    expect(info.userPoolId).toBe('eu-west-1_FromFlag');
  });

  it('refuses a pool from another region and a malformed pool id', async () => {
    const fx = twoTenantFixture();
    const other = await run(['sp-info', fx.file, 'acme', '--pool-id', 'us-east-1_Abc']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('user pool us-east-1_Abc is not in eu-west-1');
    const bad = await run(['sp-info', fx.file, 'acme', '--pool-id', 'eu-west-1/../x']);
    expect(bad.code).toBe(2);
  });

  it('names the tenants of the file when the tenant is unknown', async () => {
    const result = await run(['sp-info', twoTenantFixture().file, 'initech']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("no tenant 'initech' in dev");
    expect(result.stderr).toContain('tenants in this file: acme, globex');
  });

  it('fails on an invalid environment file with the registry problems', async () => {
    const fx = fixture(environment([sharedTenant()], { region: 'mars-1' }));
    const result = await run(['sp-info', fx.file, 'globex', '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-environment', problems: ['region: an AWS region such as eu-west-1'] },
    });
  });
});
