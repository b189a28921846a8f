import { join } from 'node:path';
import { demoUserDomainWarnings } from '@cognito-tenancy/local-stack/demo-user-domains';
import { DEFAULT_DEMO_USERS_FILE, loadDemoUsers } from '@cognito-tenancy/local-stack/demo-users';
import { REPO_ROOT } from '@cognito-tenancy/local-stack/options';
import { loadEnvironmentFile } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';

const env = loadEnvironmentFile(join(REPO_ROOT, 'infra', 'environments', 'demo.json'));

describe('demo users whose email domain finds no tenant', () => {
  it('has no warning for the shipped demo users', () => {
    const demo = loadDemoUsers(DEFAULT_DEMO_USERS_FILE, env);
    expect(demoUserDomainWarnings(demo.users, env, 'users.json')).toEqual([]);
  });

  it('names the user, the domain and both fixes when the domain belongs to no tenant', () => {
    const [warning, ...rest] = demoUserDomainWarnings(
      [{ tenant: 'globex', email: 'sam@gmail.com' }],
      env,
      'my-users.json',
    );
    expect(rest).toEqual([]);
    expect(warning).toContain('demo user sam@gmail.com');
    expect(warning).toContain('gmail.com is an email domain of no tenant');
    expect(warning).toContain('@globex.example in my-users.json');
    expect(warning).toContain("add gmail.com to tenant 'globex' emailDomains");
  });

  it('warns when the domain leads to another tenant', () => {
    const [warning] = demoUserDomainWarnings([{ tenant: 'globex', email: 'x@acme.example' }], env, 'u.json');
    expect(warning).toContain("acme.example belongs to tenant 'acme', not 'globex'");
  });

  it('accepts a subdomain only when the tenant includes subdomains', () => {
    // umbrella sets includeSubdomains; globex does not.
    expect(
      demoUserDomainWarnings([{ tenant: 'umbrella', email: 'a@eu.umbrella.example' }], env, 'u'),
    ).toEqual([]);
    expect(
      demoUserDomainWarnings([{ tenant: 'globex', email: 'a@eu.globex.example' }], env, 'u'),
    ).toHaveLength(1);
  });
});
