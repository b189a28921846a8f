import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_PARALLELISM,
  DeployArgumentsError,
  deployOptions,
  parseDeployArguments,
  selectStacks,
} from '../../src/deploy-stacks';

const tenants = [{ id: 'acme' }, { id: 'globex' }] as const;
const split = { environment: 'dev', tenantStacks: true, tenants } as never;
const single = { environment: 'dev', tenantStacks: false, tenants } as never;

describe('deploy arguments', () => {
  it('splits the environment, the tenants and the cdktf options', () => {
    expect(
      parseDeployArguments('deploy', [
        'dev',
        '--tenant',
        'acme',
        '--auto-approve',
        '--tenant=globex',
        '--tenant',
        'acme',
      ]),
    ).toEqual({ environment: 'dev', tenants: ['acme', 'globex'], options: ['--auto-approve'] });
    // A valued cdktf option keeps its value; the value is not taken for the environment.
    expect(parseDeployArguments('deploy', ['--parallelism', '2', 'envs/dev.json'])).toEqual({
      environment: 'envs/dev.json',
      tenants: [],
      options: ['--parallelism', '2'],
    });
  });

  it.each([
    [[], /name one environment: pnpm run deploy <environment>/],
    [['dev', 'prod'], /name one environment/],
    [['dev', '--tenant'], /--tenant needs a tenant id/],
    [['dev', '--tenant', '--auto-approve'], /--tenant needs a tenant id/],
    [['dev', '--tenant='], /--tenant needs a tenant id/],
  ])('refuses %j with what to type', (args, message) => {
    expect(() => parseDeployArguments('deploy', args)).toThrow(message);
  });
});

describe('stack selection', () => {
  it('runs every stack of an environment, the platform first', () => {
    expect(selectStacks(split, [], 'dev.json')).toEqual(['dev', 'dev--acme', 'dev--globex']);
    expect(selectStacks(single, [], 'dev.json')).toEqual(['dev']);
  });

  it('runs the platform and the named tenants only', () => {
    expect(selectStacks(split, ['globex'], 'dev.json')).toEqual(['dev', 'dev--globex']);
  });

  it('refuses a tenant the file does not have, and --tenant on a one-stack environment', () => {
    expect(() => selectStacks(split, ['initech', 'acme', 'hooli'], 'dev.json')).toThrow(
      new DeployArgumentsError("--tenant: no tenant or retired tenant 'initech', 'hooli' in dev.json"),
    );
    expect(() => selectStacks(single, ['acme'], 'dev.json')).toThrow(/set "tenantStacks": true/);
  });

  it("runs a retired tenant's empty stack last, and by name", () => {
    const retiring = {
      environment: 'dev',
      tenantStacks: true,
      tenants,
      retiredTenants: ['initech'],
    } as never;
    expect(selectStacks(retiring, [], 'dev.json')).toEqual([
      'dev',
      'dev--acme',
      'dev--globex',
      'dev--initech',
    ]);
    expect(selectStacks(retiring, ['initech'], 'dev.json')).toEqual(['dev', 'dev--initech']);
  });

  it('deploys many stacks in bounded waves unless told otherwise', () => {
    expect(deployOptions(['dev', 'dev--acme'], ['--auto-approve'])).toEqual([
      '--auto-approve',
      '--parallelism',
      String(DEFAULT_PARALLELISM),
    ]);
    expect(deployOptions(['dev', 'dev--acme'], ['--parallelism', '1'])).toEqual(['--parallelism', '1']);
    expect(deployOptions(['dev'], [])).toEqual([]);
  });
});
