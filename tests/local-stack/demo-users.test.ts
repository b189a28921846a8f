import { join } from 'node:path';
import {
  DEFAULT_DEMO_USERS_FILE,
  DemoUsersError,
  loadDemoUsers,
  parseDemoUsers,
  samlGroupsAttribute,
} from '@cognito-tenancy/local-stack/demo-users';
import { REPO_ROOT } from '@cognito-tenancy/local-stack/options';
import { loadEnvironmentFile } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';

const env = loadEnvironmentFile(join(REPO_ROOT, 'infra', 'environments', 'demo.json'));

describe('the demo environment and its users', () => {
  it('has two dedicated and two shared tenants, each with an admin group and two users', () => {
    const demo = loadDemoUsers(DEFAULT_DEMO_USERS_FILE, env);
    expect(env.tenants.map((t) => t.pattern).sort()).toEqual(['dedicated', 'dedicated', 'shared', 'shared']);
    for (const tenant of env.tenants) {
      expect(tenant.groups.admin).toBeDefined();
      const users = demo.users.filter((u) => u.tenant === tenant.id);
      expect(users.length).toBeGreaterThanOrEqual(2);
      expect(users.some((u) => u.groups.includes(tenant.groups.admin!))).toBe(true);
      expect(users.some((u) => !u.groups.includes(tenant.groups.admin!))).toBe(true);
      for (const user of users) expect(tenant.emailDomains).toContain(user.email.split('@')[1]);
    }
  });

  it('reports every bad user at once, naming the entry', () => {
    const raw = {
      password: 'short',
      users: [
        { tenant: 'nobody', email: 'a@b.example', groups: [] },
        { tenant: 'acme', email: 'not-an-email', groups: [] },
        { tenant: 'acme', email: 'x@acme.example', groups: [7] },
      ],
    };
    try {
      parseDemoUsers(raw, env, 'users.json');
      throw new Error('expected a DemoUsersError');
    } catch (error) {
      expect(error).toBeInstanceOf(DemoUsersError);
      const message = (error as Error).message;
      expect(message).toContain('password: at least 8 characters');
      expect(message).toContain("users[0].tenant: 'nobody' is not a tenant of demo");
      expect(message).toContain('users[1].email');
      expect(message).toContain('users[2].groups');
    }
  });

  it('writes groups as Cognito writes a multi-valued SAML attribute', () => {
    expect(samlGroupsAttribute(['Admins', 'Readers'])).toBe('[Admins, Readers]');
  });
});
