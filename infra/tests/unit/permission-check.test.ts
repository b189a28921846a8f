import { ROUTES } from '@cognito-tenancy/registry/routes';
import { describe, expect, it } from '@jest/globals';
import {
  concretePaths,
  permissionProblems,
  requestArns,
  triggerPermissionProblems,
} from '../../rehearsal/permission-check';
import { routeSourceArn } from '../../src/api-routes';
import { triggerPermission } from '../../src/trigger-permissions';

const EXECUTION_ARN = 'arn:aws:execute-api:eu-west-1:111111111111:a1b2c3d4e5';
const signOut = ROUTES.find((r) => r.path.endsWith('/sign-out'))!;
const greedy = ROUTES.find((r) => r.path.includes('+}'))!;

describe('permissionProblems', () => {
  it('accepts the source ARNs infra writes, for every route', () => {
    const permissions = ROUTES.map((route) => ({ route, sourceArn: routeSourceArn(EXECUTION_ARN, route) }));
    expect(permissionProblems(permissions, ROUTES, EXECUTION_ARN, 'dev')).toEqual([]);
  });

  it('fails the literal route template {sub}: API Gateway would refuse the invoke (500)', () => {
    const sourceArn = `${EXECUTION_ARN}/*/POST/admin/users/{sub}/sign-out`;
    const problems = permissionProblems([{ route: signOut, sourceArn }], ROUTES, EXECUTION_ARN, 'dev');
    expect(problems).toEqual([expect.stringContaining('refuses its own request')]);
    expect(problems[0]).toContain('/dev/POST/admin/users/0f8fad5b-d9cb-469f-a165-70867728950e/sign-out');
  });

  it('fails a permission that also lets other routes, APIs or accounts invoke the function', () => {
    const tooWide = [
      `${EXECUTION_ARN}/*/*`,
      `${EXECUTION_ARN}/*/POST/*`,
      'arn:aws:execute-api:eu-west-1:111111111111:*/*/POST/admin/users/*/sign-out',
      'arn:aws:execute-api:eu-west-1:*:a1b2c3d4e5/*/POST/admin/users/*/sign-out',
    ];
    for (const sourceArn of tooWide) {
      expect(permissionProblems([{ route: signOut, sourceArn }], ROUTES, EXECUTION_ARN, 'dev')).not.toEqual(
        [],
      );
    }
  });

  it('fills path parameters with a concrete value and tries a greedy route at two depths', () => {
    expect(concretePaths(signOut)).toEqual(['/admin/users/0f8fad5b-d9cb-469f-a165-70867728950e/sign-out']);
    expect(requestArns(EXECUTION_ARN, 'prod', greedy)).toEqual([
      `${EXECUTION_ARN}/prod/GET/pets`,
      `${EXECUTION_ARN}/prod/GET/pets/8c1d2e5f-0a4b-4c7d-9e1f-2a3b4c5d6e7f`,
      `${EXECUTION_ARN}/prod/POST/pets`,
      `${EXECUTION_ARN}/prod/POST/pets/8c1d2e5f-0a4b-4c7d-9e1f-2a3b4c5d6e7f`,
    ]);
  });
});

describe('triggerPermissionProblems', () => {
  const ctx = { partition: 'aws', region: 'eu-west-1', accountId: '111111111111' };
  const pools = [
    'arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_Shared1',
    'arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_Acme1',
  ];

  it('accepts the one grant infra writes, for every deployed pool', () => {
    expect(triggerPermissionProblems([triggerPermission(ctx)], pools)).toEqual([]);
  });

  it('fails a grant that refuses a deployed pool (a per-pool grant for another pool, another region)', () => {
    const grants = [
      { sourceArn: pools[0] as string, sourceAccount: '111111111111' },
      triggerPermission({ ...ctx, region: 'eu-central-1' }),
    ];
    expect(triggerPermissionProblems([grants[0]!], pools)).toEqual([
      expect.stringContaining(`refuses the deployed pool ${pools[1]}`),
    ]);
    expect(triggerPermissionProblems([grants[1]!], pools)).toEqual(
      pools.map((pool) => expect.stringContaining(`refuses the deployed pool ${pool}`)),
    );
  });

  it('fails a grant that also lets pools of another account, region or partition invoke the trigger', () => {
    const tooWide = [
      'arn:aws:cognito-idp:eu-west-1:*:userpool/*',
      'arn:aws:cognito-idp:*:111111111111:userpool/*',
      'arn:*:cognito-idp:eu-west-1:111111111111:userpool/*',
    ];
    for (const sourceArn of tooWide) {
      const problems = triggerPermissionProblems([{ sourceArn, sourceAccount: '111111111111' }], pools);
      expect(problems).toHaveLength(pools.length);
      for (const problem of problems) expect(problem).toContain('allows a pool of another account or region');
    }
  });

  it('fails a missing or different source account, and anything but exactly one grant', () => {
    const { sourceArn } = triggerPermission(ctx);
    expect(triggerPermissionProblems([{ sourceArn }], pools)).toEqual([
      expect.stringContaining('source account missing'),
    ]);
    expect(triggerPermissionProblems([{ sourceArn, sourceAccount: '222222222222' }], pools)).toEqual([
      expect.stringContaining("the pool's is 111111111111"),
    ]);
    expect(triggerPermissionProblems([], pools)).toEqual(['0 Cognito invoke grants on the trigger, want 1']);
    expect(triggerPermissionProblems([triggerPermission(ctx), triggerPermission(ctx)], pools)).toHaveLength(
      1,
    );
  });
});
