import { describe, expect, it } from '@jest/globals';
import {
  apiDefinitionHash,
  deployedDefinition,
  deploymentHash,
  NOT_DEPLOYED,
  type ResourceBlock,
  stableJson,
} from '../../src/deployment-hash';

const API = '${aws_api_gateway_rest_api.api.id}';

function block(): Record<string, Record<string, Record<string, unknown>>> {
  return {
    aws_api_gateway_rest_api: { api: { name: 'ct-x-api', disable_execute_api_endpoint: false } },
    aws_api_gateway_method: {
      get: {
        rest_api_id: API,
        http_method: 'GET',
        authorization: 'NONE',
        '//': { metadata: { path: 'x/get' } },
      },
    },
    aws_api_gateway_integration: {
      get: { rest_api_id: API, type: 'AWS_PROXY', uri: '${aws_lambda_function.fn.invoke_arn}' },
    },
    aws_api_gateway_deployment: { d: { rest_api_id: API, triggers: { redeployment: 'old' } } },
    aws_api_gateway_stage: { s: { rest_api_id: API, stage_name: 'x' } },
    aws_api_gateway_method_settings: { all: { method_path: '*/*', settings: { throttling_rate_limit: 5 } } },
    aws_lambda_function: { fn: { function_name: 'ct-x-fn', memory_size: 256 } },
  };
}

describe('stableJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(stableJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: 'x', u: undefined } })).toBe(
      '{"a":{"c":"x","d":[1,{"e":3,"f":2}]},"b":1}',
    );
    expect(deploymentHash({ a: 1, b: 2 })).toBe(deploymentHash({ b: 2, a: 1 }));
  });
});

describe('deployedDefinition', () => {
  it('keeps every aws_api_gateway_* kind except the stage-level ones, without metadata or tags', () => {
    const resources: ResourceBlock = {
      ...block(),
      aws_api_gateway_some_future_kind: { f: { rest_api_id: API, setting: 1, tags: { a: 'b' } } },
    };
    const definition = deployedDefinition(resources);
    expect(Object.keys(definition).sort()).toEqual([
      'aws_api_gateway_integration',
      'aws_api_gateway_method',
      'aws_api_gateway_rest_api',
      'aws_api_gateway_some_future_kind',
    ]);
    expect(definition.aws_api_gateway_method?.get).not.toHaveProperty('//');
    expect(definition.aws_api_gateway_some_future_kind?.f).toEqual({ rest_api_id: API, setting: 1 });
  });

  it('never hashes the deployment itself (its trigger would chase its own tail)', () => {
    expect(NOT_DEPLOYED).toHaveProperty('aws_api_gateway_deployment');
    const changed = block();
    changed.aws_api_gateway_deployment = { d: { rest_api_id: API, triggers: { redeployment: 'new' } } };
    expect(apiDefinitionHash(changed)).toBe(apiDefinitionHash(block()));
  });
});

describe('apiDefinitionHash', () => {
  const before = apiDefinitionHash(block());
  /** The hash after setting `type.name.attribute` (a new resource when it did not exist). */
  const withValue = (type: string, name: string, attribute: string, value: unknown): string => {
    const b = block();
    b[type] = { ...b[type], [name]: { ...b[type]?.[name], [attribute]: value } };
    return apiDefinitionHash(b);
  };

  it('changes with any attribute of a deployed resource, or a new one', () => {
    expect(withValue('aws_api_gateway_method', 'get', 'authorization', 'CUSTOM')).not.toBe(before);
    expect(withValue('aws_api_gateway_integration', 'get', 'uri', 'https://svc')).not.toBe(before);
    expect(withValue('aws_api_gateway_rest_api', 'api', 'disable_execute_api_endpoint', true)).not.toBe(
      before,
    );
    expect(withValue('aws_api_gateway_model', 'm', 'name', 'M')).not.toBe(before);
    expect(withValue('aws_api_gateway_method', 'post', 'http_method', 'POST')).not.toBe(before);
  });

  it('ignores other resources, stage settings, tags and construct metadata', () => {
    expect(withValue('aws_lambda_function', 'fn', 'memory_size', 1024)).toBe(before);
    expect(
      withValue('aws_api_gateway_method_settings', 'all', 'settings', { throttling_rate_limit: 9 }),
    ).toBe(before);
    expect(withValue('aws_api_gateway_stage', 's', 'client_certificate_id', 'c')).toBe(before);
    expect(withValue('aws_api_gateway_rest_api', 'api', 'tags', { team: 'a' })).toBe(before);
    expect(withValue('aws_api_gateway_method', 'get', '//', { metadata: { path: 'elsewhere' } })).toBe(
      before,
    );
  });
});
