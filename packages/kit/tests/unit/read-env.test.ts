import { describe, expect, it } from '@jest/globals';
import { bool, int, oneOf, optionalString, requiredString, tableName } from '../../src/env-spec';
import { corsAllowedOrigins } from '../../src/origins';
import { ConfigError, readEnv } from '../../src/read-env';
import { thrown } from '../support/thrown';

const SPECS = {
  TABLE: tableName('The table'),
  PREFIX: optionalString({ description: 'A prefix', pattern: /^\/[a-z]+$/, hint: 'a path like /abc' }),
  REGION: optionalString({ description: 'A region', hint: 'a region', default: 'eu-west-1' }),
  COUNT: int({ description: 'A count', default: 5, min: 1, max: 10 }),
  ON: bool({ description: 'A switch', default: false }),
  MODE: oneOf({ description: 'A mode', values: ['enforce', 'flag'], default: 'enforce' }),
  HEADER: oneOf({ description: 'A header', values: ['host', 'x-forwarded-host'] }),
  CORS_ALLOWED_ORIGINS: corsAllowedOrigins('Origins'),
  EMULATOR: bool({ description: 'Emulator switch', default: false, localOnly: true }),
};

const problemsOf = (env: Record<string, string>, refine?: () => string[]) =>
  thrown(() => readEnv('demo', SPECS, env, refine), ConfigError).problems;

describe('readEnv', () => {
  it('fills every default and types the values', () => {
    const values = readEnv('demo', SPECS, { TABLE: 'ct-dev-tenants' });

    expect(values).toEqual({
      TABLE: 'ct-dev-tenants',
      PREFIX: undefined,
      REGION: 'eu-west-1',
      COUNT: 5,
      ON: false,
      MODE: 'enforce',
      HEADER: undefined,
      CORS_ALLOWED_ORIGINS: [],
      EMULATOR: false,
    });
  });

  it('reads every type, trimming blanks and normalising origins', () => {
    const values = readEnv('demo', SPECS, {
      TABLE: ' t-1 ',
      PREFIX: '/abc',
      COUNT: '10',
      ON: 'TRUE',
      MODE: 'flag',
      HEADER: 'HOST',
      CORS_ALLOWED_ORIGINS: 'https://App.example.com/, ,http://localhost:4000',
    });

    expect(values).toMatchObject({
      TABLE: 't-1',
      PREFIX: '/abc',
      COUNT: 10,
      ON: true,
      MODE: 'flag',
      HEADER: 'host',
    });
    expect(values.CORS_ALLOWED_ORIGINS).toEqual(['https://app.example.com', 'http://localhost:4000']);
  });

  it('reports every problem at once, each naming the variable and the fix', () => {
    const problems = problemsOf({
      PREFIX: 'abc',
      COUNT: '11',
      ON: 'yes',
      MODE: 'audit',
      CORS_ALLOWED_ORIGINS: '*,https://app.example.com/path',
    });

    expect(problems).toEqual([
      'TABLE is required (a DynamoDB table name)',
      'PREFIX must be a path like /abc',
      'COUNT must be an integer from 1 to 10',
      'ON must be true or false',
      'MODE must be one of enforce, flag',
      "CORS_ALLOWED_ORIGINS: '*' is not allowed; list exact origins",
      "CORS_ALLOWED_ORIGINS: 'https://app.example.com/path' is not an origin (https://host[:port], no path; http only for localhost)",
    ]);
  });

  it('puts the service and every problem in the message', () => {
    expect(() => readEnv('demo', SPECS, { COUNT: '0' })).toThrow(
      'demo configuration: TABLE is required (a DynamoDB table name); COUNT must be an integer from 1 to 10',
    );
  });

  it.each(['1.5', '1e3', '0x10', '12abc', '-1', '9'.repeat(20)])('refuses %j as an integer', (raw) => {
    expect(problemsOf({ TABLE: 'abc', COUNT: raw })).toEqual(['COUNT must be an integer from 1 to 10']);
  });

  it('refuses a local-only switch inside AWS Lambda, and allows it elsewhere', () => {
    const env = { TABLE: 'abc', EMULATOR: 'true' };
    expect(readEnv('demo', SPECS, env).EMULATOR).toBe(true);
    expect(problemsOf({ ...env, AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' })).toEqual([
      'EMULATOR is local only and refused in AWS Lambda; remove it',
    ]);
    expect(
      readEnv('demo', SPECS, { TABLE: 'abc', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' }).EMULATOR,
    ).toBe(false);
  });

  it('adds cross-variable problems from refine, together with the others', () => {
    expect(problemsOf({ COUNT: '0' }, () => ['ON=true needs HEADER'])).toEqual([
      'TABLE is required (a DynamoDB table name)',
      'COUNT must be an integer from 1 to 10',
      'ON=true needs HEADER',
    ]);
  });

  it('runs a custom check after the pattern', () => {
    const specs = {
      NAME: requiredString({
        description: 'x',
        hint: 'a name',
        check: (v) => (v === 'root' ? 'must not be root' : undefined),
      }),
    };
    expect(() => readEnv('demo', specs, { NAME: 'root' })).toThrow(
      'demo configuration: NAME must not be root',
    );
    expect(readEnv('demo', specs, { NAME: 'alice' }).NAME).toBe('alice');
  });
});
