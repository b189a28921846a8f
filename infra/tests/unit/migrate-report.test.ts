/**
 * What `migrate` prints and checks about its plans (migrate.ts): the totals, the updates in
 * place by resource type (what an operator reviews before --apply), and a refusal for any
 * destroy or unmapped create.
 */
import { describe, expect, it } from '@jest/globals';
import { checkPlans, planReport } from '../../src/migrate';
import type { MigrationPlan } from '../../src/migration-map';
import { changedAttributes, type PlanSummary } from '../../src/terraform-run';

const none: PlanSummary = { imports: [], creates: [], updates: [], destroys: [], forgets: [] };
const plan: MigrationPlan = {
  platform: 'dev',
  platformCreates: [],
  removed: [{ from: 'aws_cognito_user_pool_client.shared-pool_client_1' }],
  tenants: [
    {
      stack: 'dev--acme',
      tenant: 'acme',
      imports: [{ to: 'aws_cognito_user_pool.pool_pool_1', id: 'eu-west-1_a' }],
      transfers: [],
      creates: [],
    },
  ],
};

describe('migrate plan report', () => {
  it('sums each kind of change and lists the updates in place by type', () => {
    const plans = new Map<string, PlanSummary>([
      ['dev', { ...none, forgets: ['aws_cognito_user_pool_client.shared-pool_client_1'] }],
      [
        'dev--acme',
        {
          ...none,
          imports: ['aws_cognito_user_pool.pool_pool_1'],
          updates: ['aws_cognito_user_pool.pool_pool_1', 'aws_ssm_parameter.a', 'aws_ssm_parameter.b'],
          changed: {
            'aws_cognito_user_pool.pool_pool_1': ['tags', 'tags_all'],
            'aws_ssm_parameter.a': ['value'],
            'aws_ssm_parameter.b': ['tags', 'value'],
          },
        },
      ],
    ]);
    expect(planReport(plan, plans).split('\n')).toEqual([
      '   plans of 2 stacks: 0 to destroy, 0 to create (new in this layout), 1 to import, 0 adopted through state, 1 forgotten by the platform, 3 updated in place',
      '   updated in place, by type (attributes): aws_cognito_user_pool 1 (tags, tags_all), aws_ssm_parameter 2 (tags, value)',
      '   updated beyond tags: dev--acme aws_ssm_parameter.a (value); dev--acme aws_ssm_parameter.b (tags, value)',
    ]);
    const tagsOnly = new Map<string, PlanSummary>([
      ['dev', none],
      [
        'dev--acme',
        {
          ...none,
          imports: ['aws_cognito_user_pool.pool_pool_1'],
          updates: ['aws_cognito_user_pool.pool_pool_1'],
          changed: { 'aws_cognito_user_pool.pool_pool_1': ['tags_all'] },
        },
      ],
    ]);
    expect(planReport(plan, tagsOnly)).toMatch(/\n {3}updated beyond tags: none$/);
    expect(planReport(plan, new Map([['dev', none]]))).not.toMatch(/by type|beyond tags/);
    expect(() => checkPlans(plan, plans)).not.toThrow();
  });

  it('names the attributes an update changes, the unknown ones included, never their values', () => {
    expect(
      changedAttributes(
        { name: 'a', value: 's3cret', tags: { tenant: 'acme' }, version: 1 },
        { name: 'a', value: 'other', tags: { tenant: 'acme' } },
        { version: true },
      ),
    ).toEqual(['value', 'version']);
    expect(changedAttributes(null, { a: 1 }, undefined)).toEqual(['a']);
    expect(changedAttributes({ a: [1, 2] }, { a: [1, 2] }, {})).toEqual([]);
  });

  it('refuses a destroy, a create the mapping does not know and a missing import', () => {
    const plans = new Map<string, PlanSummary>([
      ['dev', { ...none, destroys: ['aws_dynamodb_table.tenants'] }],
      ['dev--acme', { ...none, creates: ['aws_cognito_user_pool.pool_pool_1'] }],
    ]);
    expect(() => checkPlans(plan, plans)).toThrow(
      /dev would destroy aws_dynamodb_table.tenants[\s\S]*dev--acme would create aws_cognito_user_pool.pool_pool_1[\s\S]*dev--acme does not import/,
    );
  });
});
