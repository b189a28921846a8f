import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiGatewayModel } from '@cdktf/provider-aws/lib/api-gateway-model/index.js';
import { ApiGatewayRequestValidator } from '@cdktf/provider-aws/lib/api-gateway-request-validator/index.js';
import { parseEnvironment } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';
import { App, TerraformResource } from 'cdktf';
import { apiDefinitionHash, NOT_DEPLOYED } from '../../src/deployment-hash';
import { EnvironmentStack } from '../../src/environment-stack';
import { ENVIRONMENTS_DIR } from '../../src/environments';
import {
  type Body,
  environmentsWhere,
  resources,
  type StackJson,
  stack,
  synthRecord,
} from '../support/synthesized';
import { rawEnvironment } from '../support/variant-stack';

const ENVIRONMENTS = environmentsWhere((environment) => environment.api);

function trigger(s: StackJson): string {
  const deployments = resources(s, 'aws_api_gateway_deployment');
  expect(deployments).toHaveLength(1);
  return deployments[0]![1].triggers.redeployment as string;
}

describe.each(ENVIRONMENTS)('the deployment of %s', (environment) => {
  it('is triggered by the hash of the synthesized API Gateway resources, not by a hand-kept list', () => {
    const s = stack(environment);
    expect(trigger(s)).toMatch(/^[0-9a-f]{64}$/);
    expect(trigger(s)).toBe(apiDefinitionHash(s.resource));
    expect(resources(s, 'aws_api_gateway_deployment')[0]![1].lifecycle).toEqual({
      create_before_destroy: true,
    });
  });
});

/** The demo file with CORS origins, so preflights and gateway responses exist. */
function baseRaw(): Record<string, unknown> {
  const raw = rawEnvironment('demo');
  return {
    ...raw,
    api: {
      ...(raw.api as object),
      corsOrigins: ['https://app.example.com', 'https://admin.example.com'],
    },
  };
}

/**
 * Builds the stack of `raw` in process, lets `mutate` change its construct tree (as a
 * future edit of the code would), and returns the resolved Terraform JSON (nothing written).
 */
function build(
  raw: Record<string, unknown>,
  mutate: (stack: EnvironmentStack) => void = () => {},
): StackJson {
  const environment = parseEnvironment(raw, 'variant.json', ENVIRONMENTS_DIR);
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'ct-infra-redeploy-')), stackTraces: false });
  const s = new EnvironmentStack(app, {
    environment,
    source: 'variant.json',
    artifactsDir: synthRecord().artifactsDir,
  });
  mutate(s);
  return s.toTerraform() as StackJson;
}

function first(s: EnvironmentStack, type: string, where: (r: TerraformResource) => boolean = () => true) {
  const found = s.node
    .findAll()
    .find(
      (node): node is TerraformResource =>
        node instanceof TerraformResource && node.terraformResourceType === type && where(node),
    );
  if (found === undefined) throw new Error(`no ${type} in the stack`);
  return found;
}

const override =
  (type: string, path: string, value: unknown, where?: (r: TerraformResource) => boolean) =>
  (s: EnvironmentStack) =>
    first(s, type, where).addOverride(path, value);

/** A mutation that adds a resource to the REST API; `add` receives the API's id reference. */
const addedToApi = (add: (s: EnvironmentStack, restApiId: string) => void) => (s: EnvironmentStack) => {
  const api = first(s, 'aws_api_gateway_rest_api');
  add(s, `\${${api.terraformResourceType}.${api.friendlyUniqueId}.id}`);
};

describe('redeployment', () => {
  const base = trigger(build(baseRaw()));

  it('is deterministic (a second synth plans no new deployment)', () => {
    expect(trigger(build(baseRaw()))).toBe(base);
  });

  // One change per kind of resource a deployment snapshots: each must create a new deployment.
  const deployedChanges: Array<[string, (s: EnvironmentStack) => void]> = [
    ['a resource path', override('aws_api_gateway_resource', 'path_part', 'renamed')],
    ['a method', override('aws_api_gateway_method', 'api_key_required', true)],
    ['an integration', override('aws_api_gateway_integration', 'timeout_milliseconds', 10_000)],
    [
      'an integration response (CORS)',
      override('aws_api_gateway_integration_response', 'content_handling', 'CONVERT_TO_TEXT'),
    ],
    [
      'a method response (CORS)',
      override('aws_api_gateway_method_response', 'response_models', { 'application/json': 'Empty' }),
    ],
    ['a gateway response', override('aws_api_gateway_gateway_response', 'status_code', '401')],
    [
      'the authorizer',
      override('aws_api_gateway_authorizer', 'identity_validation_expression', '^Bearer .+$'),
    ],
    ['the endpoint', override('aws_api_gateway_rest_api', 'disable_execute_api_endpoint', true)],
    ['binary media types', override('aws_api_gateway_rest_api', 'binary_media_types', ['image/png'])],
    [
      'a new model (a kind nobody listed)',
      addedToApi((s, restApiId) => {
        new ApiGatewayModel(s, 'test-model', {
          restApiId,
          name: 'Pet',
          contentType: 'application/json',
          schema: '{"type":"object"}',
        });
      }),
    ],
    [
      'a new request validator',
      addedToApi((s, restApiId) => {
        new ApiGatewayRequestValidator(s, 'test-validator', {
          restApiId,
          name: 'body',
          validateRequestBody: true,
        });
      }),
    ],
  ];
  it.each(deployedChanges)('follows a change to %s', (_, mutate) => {
    expect(trigger(build(baseRaw(), mutate))).not.toBe(base);
  });

  // The same through the environment file: what an operator edits.
  const fileChanges: Array<[string, (raw: Record<string, unknown>) => Record<string, unknown>]> = [
    [
      'one more CORS origin',
      (raw) => withApi(raw, { corsOrigins: [...corsOf(raw), 'https://third.example.com'] }),
    ],
    ['no CORS origins', (raw) => withApi(raw, { corsOrigins: [] })],
    ['the authorizer cache TTL', (raw) => withApi(raw, { authorizerCacheTtlSeconds: 0 })],
    [
      'an external service instead of the pets Lambda',
      (raw) => withApi(raw, { serviceUrl: 'https://svc.example.com' }),
    ],
  ];
  it.each(fileChanges)('follows %s in the environment file', (_, edit) => {
    expect(trigger(build(edit(baseRaw())))).not.toBe(base);
  });

  // Changes a deployment does not snapshot: no new deployment (and no stage churn).
  const unrelated: Array<[string, () => StackJson]> = [
    ['a Lambda’s memory', () => build(baseRaw(), override('aws_lambda_function', 'memory_size', 1024))],
    ['a tag in the file', () => build({ ...baseRaw(), tags: { owner: 'someone-else', cost: 'x' } })],
    [
      'a tag on an API resource',
      () => build(baseRaw(), override('aws_api_gateway_rest_api', 'tags', { team: 'a' })),
    ],
    ['the stage throttle', () => build(withApi(baseRaw(), { throttle: { rateLimit: 7, burstLimit: 9 } }))],
    ['the access log retention', () => build({ ...baseRaw(), logRetentionDays: 7 })],
  ];
  it.each(unrelated)('ignores %s', (_, variant) => {
    expect(trigger(variant())).toBe(base);
  });

  it('argues every kind it leaves out', () => {
    for (const [kind, reason] of Object.entries(NOT_DEPLOYED)) {
      expect(kind).toMatch(/^aws_api_gateway_[a-z_]+$/);
      expect(reason.length).toBeGreaterThan(10);
    }
    // The kinds the API is made of are all hashed.
    const hashed = Object.keys(build(baseRaw()).resource).filter(
      (type) => type.startsWith('aws_api_gateway_') && !(type in NOT_DEPLOYED),
    );
    expect(hashed.sort()).toEqual([
      'aws_api_gateway_authorizer',
      'aws_api_gateway_gateway_response',
      'aws_api_gateway_integration',
      'aws_api_gateway_integration_response',
      'aws_api_gateway_method',
      'aws_api_gateway_method_response',
      'aws_api_gateway_resource',
      'aws_api_gateway_rest_api',
    ]);
  });
});

function corsOf(raw: Record<string, unknown>): string[] {
  return ((raw.api as Body).corsOrigins ?? []) as string[];
}

function withApi(raw: Record<string, unknown>, api: Record<string, unknown>): Record<string, unknown> {
  return { ...raw, api: { ...(raw.api as object), ...api } };
}
