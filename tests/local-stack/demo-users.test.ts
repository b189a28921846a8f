import { join } from 'node:path';
import { loadEnvironmentFile } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_DEMO_USERS_FILE,
  DemoUsersError,
  loadDemoUsers,
  parseDemoUsers,
  samlGroupsAttribute,
} from '../../scripts/local-stack/demo-users';
import { lambdaEnvironments, pageOrigins } from '../../scripts/local-stack/lambda-env';
import { REPO_ROOT } from '../../scripts/local-stack/options';

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

describe('function environments on the local stack', () => {
  const pools = {
    dedicatedPools: {
      acme: {
        userPoolId: 'local_a',
        clientId: 'c1',
        cognitoDomain: 'http://127.0.0.1:9229',
        issuer: 'http://127.0.0.1:9229/local_a',
      },
    },
    sharedPool: {
      userPoolId: 'local_s',
      clientId: 'c2',
      cognitoDomain: 'http://127.0.0.1:9229',
      issuer: 'http://127.0.0.1:9229/local_s',
    },
  };
  const envs = lambdaEnvironments({
    env,
    ssmUrl: 'http://127.0.0.1:1',
    dynamodbUrl: 'http://127.0.0.1:2',
    cognitoEndpoint: 'http://127.0.0.1:9229',
    pools,
    corsOrigins: pageOrigins(env, 4000),
  });

  it('points each function at the emulators with the registry prefix and table of the environment', () => {
    expect(envs['config-resolver']).toMatchObject({
      REGISTRY_PREFIX: '/cognito-tenancy/demo',
      AWS_ENDPOINT_URL_SSM: 'http://127.0.0.1:1',
    });
    expect(envs['tenant-match']).toMatchObject({
      TENANT_TABLE_NAME: 'cognito-tenancy-demo-tenants',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:2',
    });
    expect(envs['pre-token-gen']).toMatchObject({
      SHARED_USER_POOL_ID: 'local_s',
      COGNITO_LOCAL_COMPAT: 'true',
    });
  });

  it("sets the authorizer's local-only switches explicitly, and pins the trusted pools", () => {
    expect(envs.authorizer).toMatchObject({
      LOCAL_ISSUER_ORIGIN: 'http://127.0.0.1:9229',
      TRUSTED_USER_POOL_IDS: 'local_a,local_s',
      ACCEPTED_TOKEN_USE: 'access,id',
    });
    // The authorizer refuses a local issuer when it believes it runs in Lambda.
    expect(envs.authorizer.AWS_EXECUTION_ENV?.startsWith('AWS_Lambda_')).toBe(false);
  });

  it('allows the sign-in page on every tenant host, the shared app host and localhost', () => {
    expect(envs['config-resolver']!.CORS_ALLOWED_ORIGINS!.split(',')).toEqual([
      'http://localhost:4000',
      'http://app.localhost:4000',
      'http://acme.localhost:4000',
      'http://initech.localhost:4000',
    ]);
  });
});
