import { describe } from '@jest/globals';
import { bool, int, oneOf, optionalString, requiredString, tableName } from '../../src/env-spec';
import { corsAllowedOrigins } from '../../src/origins';
import { type Env, readEnv } from '../../src/read-env';
import { casesFor, configCases } from '../../testing/config-cases';

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

const TABLE_REQUIRED = 'TABLE is required (a DynamoDB table name)';
const COUNT_OUT_OF_BOUNDS = 'COUNT must be an integer from 1 to 10';
const IN_LAMBDA = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' };

const read = (env: Env) => readEnv('demo', SPECS, env);

describe('readEnv', () => {
  configCases(
    read,
    { TABLE: 'abc' },
    {
      'fills every default and types the values': {
        env: { TABLE: 'ct-dev-tenants' },
        returns: {
          TABLE: 'ct-dev-tenants',
          PREFIX: undefined,
          REGION: 'eu-west-1',
          COUNT: 5,
          ON: false,
          MODE: 'enforce',
          HEADER: undefined,
          CORS_ALLOWED_ORIGINS: [],
          EMULATOR: false,
        },
      },
      'reads every type, trimming blanks and normalising origins': {
        env: {
          TABLE: ' t-1 ',
          PREFIX: '/abc',
          COUNT: '10',
          ON: 'TRUE',
          MODE: 'flag',
          HEADER: 'HOST',
          CORS_ALLOWED_ORIGINS: 'https://App.example.com/, ,http://localhost:4000',
        },
        includes: {
          TABLE: 't-1',
          PREFIX: '/abc',
          COUNT: 10,
          ON: true,
          MODE: 'flag',
          HEADER: 'host',
          CORS_ALLOWED_ORIGINS: ['https://app.example.com', 'http://localhost:4000'],
        },
      },
      'reports every problem at once, each naming the variable and the fix': {
        env: {
          TABLE: undefined,
          PREFIX: 'abc',
          COUNT: '11',
          ON: 'yes',
          MODE: 'audit',
          CORS_ALLOWED_ORIGINS: '*,https://app.example.com/path',
        },
        problems: [
          TABLE_REQUIRED,
          'PREFIX must be a path like /abc',
          COUNT_OUT_OF_BOUNDS,
          'ON must be true or false',
          'MODE must be one of enforce, flag',
          "CORS_ALLOWED_ORIGINS: '*' is not allowed; list exact origins",
          "CORS_ALLOWED_ORIGINS: 'https://app.example.com/path' is not an origin (https://host[:port], no path; http only for localhost)",
        ],
      },
      'puts the service and every problem in the message': {
        env: { TABLE: undefined, COUNT: '0' },
        problems: [TABLE_REQUIRED, COUNT_OUT_OF_BOUNDS],
        message: `demo configuration: ${TABLE_REQUIRED}; ${COUNT_OUT_OF_BOUNDS}`,
      },
      ...casesFor(
        ['1.5', '1e3', '0x10', '12abc', '-1', '9'.repeat(20)],
        (raw) => `refuses ${JSON.stringify(raw)} as an integer`,
        (raw) => ({ env: { COUNT: raw }, problems: [COUNT_OUT_OF_BOUNDS] }),
      ),
      'allows a local-only switch outside AWS Lambda': {
        env: { EMULATOR: 'true' },
        includes: { EMULATOR: true },
      },
      'refuses a local-only switch inside AWS Lambda': {
        env: { EMULATOR: 'true', ...IN_LAMBDA },
        problems: ['EMULATOR is local only and refused in AWS Lambda; remove it'],
      },
      'leaves a local-only switch off inside AWS Lambda': { env: IN_LAMBDA, includes: { EMULATOR: false } },
    },
  );

  describe('with refine', () => {
    configCases(
      (env) => readEnv('demo', SPECS, env, () => ['ON=true needs HEADER']),
      {},
      {
        'adds cross-variable problems from refine, together with the others': {
          env: { COUNT: '0' },
          problems: [TABLE_REQUIRED, COUNT_OUT_OF_BOUNDS, 'ON=true needs HEADER'],
        },
      },
    );
  });

  describe('with a custom check', () => {
    const specs = {
      NAME: requiredString({
        description: 'x',
        hint: 'a name',
        check: (v) => (v === 'root' ? 'must not be root' : undefined),
      }),
    };
    configCases(
      (env) => readEnv('demo', specs, env),
      {},
      {
        'runs a custom check after the pattern': {
          env: { NAME: 'root' },
          problems: ['NAME must not be root'],
          message: 'demo configuration: NAME must not be root',
        },
        'takes a value the check passes': { env: { NAME: 'alice' }, includes: { NAME: 'alice' } },
      },
    );
  });
});
