/**
 * One contract between infra and the Lambda packages (#17): for every synthesized
 * environment file, each function's environment, exactly as infra sets it in cdk.tf.json
 * (references resolved to plausible values), passes its package's `loadConfig` as the
 * Lambda runtime would run it, and names only variables the package declares in its
 * `src/env-spec.ts`. A typo in infra fails here, not at cold start in AWS.
 */
import { describe, expect, it } from '@jest/globals';
import { loadConfig as authorizerConfig } from '../../../packages/authorizer/src/config';
import { ENV_SPECS as authorizerSpecs } from '../../../packages/authorizer/src/env-spec';
import { loadConfig as resolverConfig } from '../../../packages/config-resolver/src/config';
import { ENV_SPECS as resolverSpecs } from '../../../packages/config-resolver/src/env-spec';
import { loadConfig as petsConfig } from '../../../packages/pets/src/config';
import { ENV_SPECS as petsSpecs } from '../../../packages/pets/src/env-spec';
import { loadConfig as triggerConfig } from '../../../packages/pre-token-gen/src/config';
import { ENV_SPECS as triggerSpecs } from '../../../packages/pre-token-gen/src/env-spec';
import { loadConfig as signOutConfig } from '../../../packages/sign-out/src/config';
import { ENV_SPECS as signOutSpecs } from '../../../packages/sign-out/src/env-spec';
import { loadConfig as matchConfig } from '../../../packages/tenant-match/src/config';
import { ENV_SPECS as matchSpecs } from '../../../packages/tenant-match/src/env-spec';
import { LAMBDA_FUNCTIONS, type LambdaName } from '../../src/lambda-functions';
import { resourceNames } from '../../src/names';
import { type Body, resources, type StackJson, stack, synthRecord } from '../support/synthesized';
import { resolveReferences, UnresolvedReferenceError } from '../support/terraform-references';

type Env = Record<string, string | undefined>;

/** Each package's declared variables and its reader. */
const PACKAGES: Readonly<Record<LambdaName, { specs: object; loadConfig: (env: Env) => unknown }>> = {
  authorizer: { specs: authorizerSpecs, loadConfig: authorizerConfig },
  'config-resolver': { specs: resolverSpecs, loadConfig: resolverConfig },
  pets: { specs: petsSpecs, loadConfig: petsConfig },
  'pre-token-gen': { specs: triggerSpecs, loadConfig: triggerConfig },
  'sign-out': { specs: signOutSpecs, loadConfig: signOutConfig },
  'tenant-match': { specs: matchSpecs, loadConfig: matchConfig },
};

/** Read by libraries (Powertools), not by `loadConfig`. */
const LIBRARY_VARIABLES = new Set(['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOG_LEVEL']);

/** What the Lambda runtime adds: local-only switches are refused under it. */
const RUNTIME = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', AWS_REGION: 'eu-west-1' };

const { environments: ENVIRONMENTS } = synthRecord();

interface Deployed {
  readonly environment: string;
  readonly name: LambdaName;
  readonly variables: Record<string, string>;
  readonly stack: StackJson;
}

function deployedFunctions(environment: string): Deployed[] {
  const s = stack(environment);
  const names = resourceNames(environment);
  return resources(s, 'aws_lambda_function').map(([key, body]: [string, Body]) => {
    const name = LAMBDA_FUNCTIONS.find((candidate) => names.lambda(candidate) === body.function_name);
    if (name === undefined)
      throw new Error(`${environment}: function ${key} is no package of LAMBDA_FUNCTIONS`);
    const variables = (body.environment?.variables ?? {}) as Record<string, string>;
    return { environment, name, variables, stack: s };
  });
}

const DEPLOYED = ENVIRONMENTS.flatMap(deployedFunctions);

function resolved(fn: Deployed): Env {
  return Object.fromEntries(
    Object.entries(fn.variables).map(([name, value]) => [name, resolveReferences(fn.stack, String(value))]),
  );
}

describe('Lambda environments against the packages (contract)', () => {
  it('synthesizes every Lambda of LAMBDA_FUNCTIONS in at least one environment', () => {
    expect(new Set(DEPLOYED.map((fn) => fn.name))).toEqual(new Set(LAMBDA_FUNCTIONS));
  });

  it.each(DEPLOYED.map((fn) => [`${fn.environment} ${fn.name}`, fn] as const))(
    '%s: passes the package loadConfig as the Lambda runtime runs it',
    (_, fn) => {
      const env = { ...resolved(fn), ...RUNTIME };
      expect(() => PACKAGES[fn.name].loadConfig(env)).not.toThrow();
    },
  );

  it.each(DEPLOYED.map((fn) => [`${fn.environment} ${fn.name}`, fn] as const))(
    '%s: sets only variables the package declares',
    (_, fn) => {
      const declared = new Set(Object.keys(PACKAGES[fn.name].specs));
      const unknown = Object.keys(fn.variables).filter(
        (name) => !declared.has(name) && !LIBRARY_VARIABLES.has(name),
      );
      expect(unknown).toEqual([]);
    },
  );
});

describe('the contract check itself', () => {
  it('meets deploy-time references (not only literals) and resolves each of them', () => {
    const references = DEPLOYED.flatMap((fn) =>
      Object.values(fn.variables).flatMap((value) =>
        [...String(value).matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]),
      ),
    );
    // Pool ids and distribution names are only known at deploy time: the resolver must be used.
    expect(references.length).toBeGreaterThan(0);
    expect(new Set(references.map((reference) => reference?.split('.')[0]))).toEqual(
      new Set(['aws_cognito_user_pool', 'aws_cloudfront_distribution', 'aws_dynamodb_table']),
    );
  });

  const sample = DEPLOYED.find((fn) => fn.name === 'tenant-match');

  it('fails on a value the package refuses (a typo in infra)', () => {
    if (!sample) throw new Error('no tenant-match function synthesized');
    const env = { ...resolved(sample), ...RUNTIME, TENANT_TABLE_NAME: 'ct dev tenants' };
    expect(() => PACKAGES['tenant-match'].loadConfig(env)).toThrow(
      'TENANT_TABLE_NAME must be a DynamoDB table name',
    );
  });

  it('fails on a reference it cannot resolve, rather than passing it', () => {
    if (!sample) throw new Error('no tenant-match function synthesized');
    expect(() => resolveReferences(sample.stack, '${aws_s3_bucket.nowhere.bucket}')).toThrow(
      UnresolvedReferenceError,
    );
    expect(() => resolveReferences(sample.stack, '${join(",", aws_x.y.ids)}')).toThrow(
      UnresolvedReferenceError,
    );
  });
});
