/**
 * Reads a synthesized environment (`cdktf.out/stacks/<env>/cdk.tf.json`) into what the
 * local gateway serves: REST resources and methods, authorization types, the REQUEST
 * authorizer, AWS_PROXY and HTTP_PROXY integrations (URI, request parameters, timeout),
 * gateway-answered CORS preflights (twin-preflight.ts), gateway responses, method throttling and the Lambda permissions API Gateway needs to
 * invoke each function; plus the functions (environment, package) and DynamoDB tables.
 * What the twin does not model is refused with the resource's address (TwinRefusalError).
 */
import { basename } from 'node:path';
import { ArnPatternError, checkArnPattern } from '@cognito-tenancy/registry/arn-like';
import { type IntegrationUri, IntegrationUriError, parseIntegrationUri } from './integration-target';
import type { ApiIdentity } from './proxy-event';
import { resolveDeep, resolveRefs, type TerraformRef, TwinRefusalError } from './terraform-refs';
import { IGNORED_RESOURCE_TYPES } from './twin-ignored';
import {
  MOCK_PREFLIGHT_REQUEST,
  preflightTemplateOrigins,
  staticResponseHeaders,
  type TwinPreflight,
} from './twin-preflight';

/** Where a header of an HTTP_PROXY integration comes from. */
export type HeaderSource =
  | { readonly context: string }
  | { readonly header: string }
  | { readonly literal: string };

export type TwinIntegration =
  | { readonly type: 'AWS_PROXY'; readonly functionName: string }
  | {
      readonly type: 'HTTP_PROXY';
      readonly uri: IntegrationUri;
      /** URI placeholder -> method path parameter. */
      readonly pathParameters: Readonly<Record<string, string>>;
      /** Integration request header (lower case) -> source. */
      readonly headers: Readonly<Record<string, HeaderSource>>;
      readonly timeoutMs: number;
    };

export interface TwinMethod {
  readonly address: string;
  readonly path: string;
  readonly method: string;
  readonly auth: 'public' | 'authorizer';
  readonly integration: TwinIntegration;
}

export interface TwinAuthorizer {
  readonly address: string;
  readonly functionName: string;
  readonly identitySources: readonly string[];
  readonly ttlSeconds: number;
  /** The source ARN API Gateway invokes it with: `<execution ARN>/authorizers/<id>`. */
  readonly sourceArn: string;
}

export interface TwinPermission {
  readonly address: string;
  readonly functionName: string;
  /** ArnLike pattern; undefined: any API of any account may invoke. */
  readonly sourceArn: string | undefined;
}

export interface TwinThrottle {
  /** `*\/*` or `<resource path without leading slash>/<METHOD>`. */
  readonly methodPath: string;
  readonly ratePerSecond: number;
  readonly burst: number;
}

export interface TwinGatewayResponse {
  readonly status?: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Response header (lower case) -> request header it echoes (`method.request.header.<name>`). */
  readonly echoHeaders?: Readonly<Record<string, string>>;
  /** The application/json template; undefined: API Gateway's `{"message":$context.error.messageString}`. */
  readonly template?: string;
}

export interface TwinFunction {
  readonly address: string;
  readonly functionName: string;
  /** The package under `packages/` whose zip the function deploys. */
  readonly packageName: string;
  readonly timeoutSeconds: number;
  /** Variables as synthesized; references resolved by {@link functionEnvironment}. */
  readonly rawEnvironment: Readonly<Record<string, string>>;
}

export interface TwinTable {
  readonly address: string;
  readonly name: string;
  readonly hashKey: { readonly name: string; readonly type: string };
  readonly rangeKey?: { readonly name: string; readonly type: string };
}

export interface TwinStack {
  readonly identity: ApiIdentity;
  readonly methods: readonly TwinMethod[];
  readonly authorizer: TwinAuthorizer | undefined;
  readonly permissions: readonly TwinPermission[];
  readonly throttles: readonly TwinThrottle[];
  readonly gatewayResponses: Readonly<Record<string, TwinGatewayResponse>>;
  /** Gateway-answered `OPTIONS` (MOCK) of the synthesized CORS setup; undefined without `api.corsOrigins`. */
  readonly preflight?: TwinPreflight;
  readonly functions: readonly TwinFunction[];
  readonly tables: readonly TwinTable[];
  /** Resource type -> count, for the start summary. */
  readonly ignored: Readonly<Record<string, number>>;
}

type Block = Record<string, unknown>;
type Resources = Record<string, Record<string, Block>>;

const LOCAL_ACCOUNT = '000000000000';
const LOCAL_API_ID = 'localapi';
// Keys every resource may carry that change nothing at runtime.
const META_KEYS = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'rest_api_id']);

const MODELLED = new Set([
  'aws_api_gateway_resource',
  'aws_api_gateway_method',
  'aws_api_gateway_integration',
  'aws_api_gateway_authorizer',
  'aws_api_gateway_method_settings',
  'aws_api_gateway_gateway_response',
  'aws_api_gateway_method_response',
  'aws_api_gateway_integration_response',
  'aws_api_gateway_stage',
  'aws_lambda_permission',
  'aws_lambda_function',
  'aws_dynamodb_table',
]);

function onlyKeys(address: string, block: Block, allowed: readonly string[]): void {
  for (const key of Object.keys(block)) {
    if (!META_KEYS.has(key) && !allowed.includes(key)) {
      throw new TwinRefusalError(address, `attribute '${key}' is not modelled by the local twin`);
    }
  }
}

const str = (address: string, block: Block, key: string): string => {
  const value = block[key];
  if (typeof value !== 'string') throw new TwinRefusalError(address, `'${key}' must be a string`);
  return value;
};

/** Reads and checks the stack. `region` defaults to the default aws provider's. */
export function readTwinStack(document: unknown): TwinStack {
  const doc = document as { resource?: Resources; provider?: { aws?: Block[] } };
  const resources: Resources = doc.resource ?? {};
  const ignored: Record<string, number> = {};
  for (const [type, blocks] of Object.entries(resources)) {
    if (MODELLED.has(type)) continue;
    const names = Object.keys(blocks);
    if (!(type in IGNORED_RESOURCE_TYPES)) {
      throw new TwinRefusalError(
        `${type}.${names[0]}`,
        'resource type not modelled by the local twin (add it to gateway/twin-stack.ts or, with a reason, gateway/twin-ignored.ts)',
      );
    }
    ignored[type] = names.length;
  }
  const apis = Object.keys(resources.aws_api_gateway_rest_api ?? {});
  if (apis.length > 1)
    throw new TwinRefusalError(`aws_api_gateway_rest_api.${apis[1]}`, 'the twin serves one REST API');
  const restApi = resources.aws_api_gateway_rest_api?.[apis[0] ?? ''];
  if (restApi !== undefined) {
    for (const key of ['body', 'policy', 'binary_media_types', 'minimum_compression_size']) {
      if (restApi[key] !== undefined)
        throw new TwinRefusalError(
          `aws_api_gateway_rest_api.${apis[0]}`,
          `'${key}' is not modelled by the local twin`,
        );
    }
  }
  const region = String(doc.provider?.aws?.find((p) => p.alias === undefined)?.region ?? 'local');
  const stages = Object.entries(resources.aws_api_gateway_stage ?? {});
  if (stages.length > 1)
    throw new TwinRefusalError(`aws_api_gateway_stage.${stages[1]?.[0]}`, 'the twin serves one stage');
  const [stageName, stage] = stages[0] ?? ['', {}];
  const stageAddress = `aws_api_gateway_stage.${stageName}`;
  if (stages.length === 1) {
    const variables = stage.variables as Block | undefined;
    if (variables !== undefined && Object.keys(variables).length > 0)
      throw new TwinRefusalError(stageAddress, 'stage variables are not modelled by the local twin');
    if (stage.cache_cluster_enabled === true)
      throw new TwinRefusalError(stageAddress, 'the stage cache is not modelled by the local twin');
  }
  const identity: ApiIdentity = {
    region,
    accountId: LOCAL_ACCOUNT,
    apiId: LOCAL_API_ID,
    stage: stages.length === 1 ? str(stageAddress, stage, 'stage_name') : 'local',
  };
  const executionArn = `arn:aws:execute-api:${identity.region}:${identity.accountId}:${identity.apiId}`;
  const lambdaArn = (name: string) =>
    `arn:aws:lambda:${identity.region}:${identity.accountId}:function:${name}`;
  const invokeArn = (name: string) =>
    `arn:aws:apigateway:${identity.region}:lambda:path/2015-03-31/functions/${lambdaArn(name)}/invocations`;

  const block = (address: string): Block | undefined => {
    const [type = '', name = ''] = address.split('.');
    return resources[type]?.[name];
  };

  // Resource paths: root is `/`, each resource its parent's path plus its path_part.
  const paths = new Map<string, string>();
  const resourcePath = (address: string, seen: Set<string> = new Set()): string => {
    const known = paths.get(address);
    if (known !== undefined) return known;
    const res = block(address);
    if (res === undefined || seen.has(address))
      throw new TwinRefusalError(address, 'unknown or cyclic resource');
    seen.add(address);
    onlyKeys(address, res, ['parent_id', 'path_part']);
    const parent = resolveRefs(str(address, res, 'parent_id'), address, (ref) =>
      ref.attribute === 'root_resource_id'
        ? '/'
        : ref.attribute === 'id' && ref.address.startsWith('aws_api_gateway_resource.')
          ? `@${ref.address}`
          : undefined,
    );
    const parentPath =
      parent === '/' ? '' : parent.startsWith('@') ? resourcePath(parent.slice(1), seen) : undefined;
    if (parentPath === undefined)
      throw new TwinRefusalError(address, `parent_id '${parent}' is not a resource of this API`);
    const path = `${parentPath}/${str(address, res, 'path_part')}`;
    paths.set(address, path);
    return path;
  };

  const lookup = (ref: TerraformRef): string | undefined => {
    const [type] = ref.address.split('.');
    const res = block(ref.address);
    if (ref.address.startsWith('data.aws_caller_identity.') && ref.attribute === 'account_id')
      return identity.accountId;
    if (res === undefined) return undefined;
    switch (`${type}.${ref.attribute}`) {
      case 'aws_api_gateway_rest_api.id':
        return identity.apiId;
      case 'aws_api_gateway_rest_api.root_resource_id':
        return '/';
      case 'aws_api_gateway_rest_api.execution_arn':
        return executionArn;
      case 'aws_api_gateway_resource.id':
        return resourcePath(ref.address);
      case 'aws_api_gateway_method.http_method':
        return String(res.http_method);
      case 'aws_api_gateway_method_response.status_code':
        return String(res.status_code);
      case 'aws_api_gateway_authorizer.id':
        return ref.address.split('.')[1];
      case 'aws_api_gateway_stage.stage_name':
        return String(res.stage_name);
      case 'aws_lambda_function.function_name':
        return String(res.function_name);
      case 'aws_lambda_function.arn':
        return lambdaArn(String(res.function_name));
      case 'aws_lambda_function.invoke_arn':
        return invokeArn(String(res.function_name));
      case 'aws_dynamodb_table.name':
        return String(res.name);
      default:
        return undefined;
    }
  };
  const resolve = (address: string, value: unknown) => resolveDeep(value, address, lookup);

  const functions = Object.entries(resources.aws_lambda_function ?? {}).map(([name, fn]): TwinFunction => {
    const address = `aws_lambda_function.${name}`;
    const filename = str(address, fn, 'filename');
    const variables = ((fn.environment as Block | undefined)?.variables ?? {}) as Record<string, string>;
    return {
      address,
      functionName: str(address, fn, 'function_name'),
      packageName: basename(filename).replace(/\.zip$/, ''),
      timeoutSeconds: typeof fn.timeout === 'number' ? fn.timeout : 3,
      rawEnvironment: variables,
    };
  });
  const functionByInvokeArn = new Map(functions.map((f) => [invokeArn(f.functionName), f]));
  const functionByName = new Map(functions.map((f) => [f.functionName, f]));

  // The authorizer.
  const authorizers = Object.entries(resources.aws_api_gateway_authorizer ?? {});
  if (authorizers.length > 1)
    throw new TwinRefusalError(
      `aws_api_gateway_authorizer.${authorizers[1]?.[0]}`,
      'the twin models one authorizer',
    );
  let authorizer: TwinAuthorizer | undefined;
  for (const [name, raw] of authorizers) {
    const address = `aws_api_gateway_authorizer.${name}`;
    onlyKeys(address, raw, [
      'authorizer_result_ttl_in_seconds',
      'authorizer_uri',
      'identity_source',
      'name',
      'type',
    ]);
    if (raw.type !== 'REQUEST')
      throw new TwinRefusalError(
        address,
        `authorizer type '${String(raw.type)}' is not modelled (REQUEST only)`,
      );
    const uri = resolve(address, raw.authorizer_uri) as string;
    const fn = functionByInvokeArn.get(uri);
    if (fn === undefined)
      throw new TwinRefusalError(address, `authorizer_uri '${uri}' is not a function of this stack`);
    authorizer = {
      address,
      functionName: fn.functionName,
      identitySources: str(address, raw, 'identity_source')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
      ttlSeconds:
        typeof raw.authorizer_result_ttl_in_seconds === 'number' ? raw.authorizer_result_ttl_in_seconds : 300,
      sourceArn: `${executionArn}/authorizers/${name}`,
    };
  }

  // Integrations, keyed by "<path> <METHOD>".
  const integrations = new Map<string, TwinIntegration>();
  // MOCK integrations: only infra's CORS preflight (OPTIONS answered 204 by the gateway).
  const mockPreflights = new Set<string>();
  for (const [name, raw] of Object.entries(resources.aws_api_gateway_integration ?? {})) {
    const address = `aws_api_gateway_integration.${name}`;
    onlyKeys(address, raw, [
      'http_method',
      'integration_http_method',
      'resource_id',
      'type',
      'uri',
      'request_parameters',
      'timeout_milliseconds',
      'connection_type',
      'passthrough_behavior',
      'request_templates',
    ]);
    const path = resolve(address, raw.resource_id) as string;
    const method = resolve(address, raw.http_method) as string;
    if (raw.type === 'MOCK') {
      const templates = (raw.request_templates ?? {}) as Record<string, unknown>;
      if (method !== 'OPTIONS' || Object.keys(templates).join() !== 'application/json')
        throw new TwinRefusalError(address, 'MOCK is modelled only as the CORS preflight (OPTIONS)');
      if (templates['application/json'] !== MOCK_PREFLIGHT_REQUEST)
        throw new TwinRefusalError(address, `MOCK request template must be ${MOCK_PREFLIGHT_REQUEST}`);
      mockPreflights.add(path);
      continue;
    }
    if (raw.request_templates !== undefined)
      throw new TwinRefusalError(address, 'request_templates are modelled only on the MOCK preflight');
    if (raw.connection_type !== undefined && raw.connection_type !== 'INTERNET')
      throw new TwinRefusalError(address, `connection_type '${String(raw.connection_type)}' is not modelled`);
    const uri = resolve(address, raw.uri) as string;
    let integration: TwinIntegration;
    if (raw.type === 'AWS_PROXY') {
      const fn = functionByInvokeArn.get(uri);
      if (fn === undefined)
        throw new TwinRefusalError(address, `uri '${uri}' is not a function of this stack`);
      if (raw.integration_http_method !== 'POST')
        throw new TwinRefusalError(address, 'AWS_PROXY needs integration_http_method POST (as Lambda does)');
      if (raw.request_parameters !== undefined && Object.keys(raw.request_parameters as Block).length > 0)
        throw new TwinRefusalError(address, 'request_parameters on AWS_PROXY are not modelled');
      integration = { type: 'AWS_PROXY', functionName: fn.functionName };
    } else if (raw.type === 'HTTP_PROXY') {
      let parsed: IntegrationUri;
      try {
        parsed = parseIntegrationUri(uri);
      } catch (error) {
        if (error instanceof IntegrationUriError) throw new TwinRefusalError(address, error.message);
        throw error;
      }
      const pathParameters: Record<string, string> = {};
      const headers: Record<string, HeaderSource> = {};
      for (const [target, source] of Object.entries(
        (raw.request_parameters ?? {}) as Record<string, string>,
      )) {
        const pathTarget = /^integration\.request\.path\.(.+)$/.exec(target)?.[1];
        const headerTarget = /^integration\.request\.header\.(.+)$/.exec(target)?.[1];
        const pathSource = /^method\.request\.path\.(.+)$/.exec(source)?.[1];
        if (pathTarget !== undefined && pathSource !== undefined) pathParameters[pathTarget] = pathSource;
        else if (headerTarget !== undefined) {
          const context = /^context\.authorizer\.([A-Za-z0-9_]+)$/.exec(source)?.[1];
          const header = /^method\.request\.header\.(.+)$/.exec(source)?.[1];
          const literal = /^'([^']*)'$/.exec(source)?.[1];
          const from: HeaderSource | undefined =
            context !== undefined
              ? { context }
              : header !== undefined
                ? { header }
                : literal !== undefined
                  ? { literal }
                  : undefined;
          if (from === undefined)
            throw new TwinRefusalError(address, `request parameter source '${source}' is not modelled`);
          headers[headerTarget.toLowerCase()] = from;
        } else
          throw new TwinRefusalError(address, `request parameter '${target}' = '${source}' is not modelled`);
      }
      for (const placeholder of parsed.placeholders) {
        if (pathParameters[placeholder] === undefined)
          throw new TwinRefusalError(
            address,
            `uri placeholder {${placeholder}} has no integration.request.path.${placeholder}`,
          );
      }
      integration = {
        type: 'HTTP_PROXY',
        uri: parsed,
        pathParameters,
        headers,
        timeoutMs: typeof raw.timeout_milliseconds === 'number' ? raw.timeout_milliseconds : 29_000,
      };
    } else {
      throw new TwinRefusalError(
        address,
        `integration type '${String(raw.type)}' is not modelled (AWS_PROXY, HTTP_PROXY)`,
      );
    }
    integrations.set(`${path} ${method}`, integration);
  }

  const preflightPaths: string[] = [];
  const methods = Object.entries(resources.aws_api_gateway_method ?? {}).flatMap(
    ([name, raw]): TwinMethod[] => {
      const address = `aws_api_gateway_method.${name}`;
      onlyKeys(address, raw, [
        'authorization',
        'authorizer_id',
        'http_method',
        'resource_id',
        'request_parameters',
        'api_key_required',
      ]);
      if (raw.api_key_required === true) throw new TwinRefusalError(address, 'API keys are not modelled');
      const path = resolve(address, raw.resource_id) as string;
      const method = str(address, raw, 'http_method');
      if (method === 'OPTIONS' && mockPreflights.has(path)) {
        if (raw.authorization !== 'NONE')
          throw new TwinRefusalError(address, 'a preflight is answered without authorization (NONE)');
        preflightPaths.push(path);
        return [];
      }
      let auth: TwinMethod['auth'];
      if (raw.authorization === 'NONE') auth = 'public';
      else if (raw.authorization === 'CUSTOM') {
        const id = resolve(address, raw.authorizer_id);
        if (authorizer === undefined || `aws_api_gateway_authorizer.${String(id)}` !== authorizer.address)
          throw new TwinRefusalError(address, `authorizer_id '${String(id)}' is not the stack's authorizer`);
        auth = 'authorizer';
      } else
        throw new TwinRefusalError(
          address,
          `authorization '${String(raw.authorization)}' is not modelled (NONE, CUSTOM)`,
        );
      const integration = integrations.get(`${path} ${method}`);
      if (integration === undefined) throw new TwinRefusalError(address, 'the method has no integration');
      return [{ address, path, method, auth, integration }];
    },
  );

  // Method and integration responses exist only for the preflights; the template names the origins.
  for (const [name, raw] of Object.entries(resources.aws_api_gateway_method_response ?? {})) {
    const address = `aws_api_gateway_method_response.${name}`;
    onlyKeys(address, raw, ['http_method', 'resource_id', 'status_code', 'response_parameters']);
    if (!mockPreflights.has(resolve(address, raw.resource_id) as string))
      throw new TwinRefusalError(address, 'method responses are modelled only on the CORS preflight');
  }
  let preflightOrigins: string[] | undefined;
  for (const [name, raw] of Object.entries(resources.aws_api_gateway_integration_response ?? {})) {
    const address = `aws_api_gateway_integration_response.${name}`;
    onlyKeys(address, raw, [
      'http_method',
      'resource_id',
      'status_code',
      'response_parameters',
      'response_templates',
    ]);
    const path = resolve(address, raw.resource_id) as string;
    if (!mockPreflights.has(path) || resolve(address, raw.http_method) !== 'OPTIONS')
      throw new TwinRefusalError(address, 'integration responses are modelled only on the CORS preflight');
    if (resolve(address, raw.status_code) !== '204')
      throw new TwinRefusalError(address, 'the preflight answers 204');
    staticResponseHeaders(address, raw.response_parameters);
    const templates = (raw.response_templates ?? {}) as Record<string, string>;
    const origins = preflightTemplateOrigins(address, templates['application/json'] ?? '');
    if (preflightOrigins !== undefined && preflightOrigins.join() !== origins.join())
      throw new TwinRefusalError(address, 'the twin models one origin list for every preflight');
    preflightOrigins = origins;
  }
  if (
    preflightPaths.length !== mockPreflights.size ||
    (preflightPaths.length > 0 && preflightOrigins === undefined)
  )
    throw new TwinRefusalError(
      'aws_api_gateway_integration (MOCK)',
      'a preflight needs its OPTIONS method and integration response',
    );

  const permissions: TwinPermission[] = [];
  for (const [name, raw] of Object.entries(resources.aws_lambda_permission ?? {})) {
    const address = `aws_lambda_permission.${name}`;
    if (raw.principal === 'cognito-idp.amazonaws.com') {
      ignored['aws_lambda_permission (cognito-idp)'] =
        (ignored['aws_lambda_permission (cognito-idp)'] ?? 0) + 1;
      continue;
    }
    onlyKeys(address, raw, ['action', 'function_name', 'principal', 'source_arn', 'statement_id']);
    if (raw.principal !== 'apigateway.amazonaws.com')
      throw new TwinRefusalError(address, `principal '${String(raw.principal)}' is not modelled`);
    if (raw.action !== 'lambda:InvokeFunction')
      throw new TwinRefusalError(address, `action '${String(raw.action)}' is not modelled`);
    const functionName = resolve(address, raw.function_name) as string;
    if (!functionByName.has(functionName))
      throw new TwinRefusalError(address, `function '${functionName}' is not a function of this stack`);
    const sourceArn = raw.source_arn === undefined ? undefined : (resolve(address, raw.source_arn) as string);
    if (sourceArn !== undefined) {
      try {
        checkArnPattern(sourceArn);
      } catch (error) {
        if (error instanceof ArnPatternError) throw new TwinRefusalError(address, error.message);
        throw error;
      }
    }
    permissions.push({ address, functionName, sourceArn });
  }

  const throttles: TwinThrottle[] = [];
  for (const [name, raw] of Object.entries(resources.aws_api_gateway_method_settings ?? {})) {
    const address = `aws_api_gateway_method_settings.${name}`;
    onlyKeys(address, raw, ['method_path', 'settings', 'stage_name']);
    const settings = (raw.settings ?? {}) as Block;
    if (settings.caching_enabled === true)
      throw new TwinRefusalError(address, 'method caching is not modelled');
    const rate = settings.throttling_rate_limit;
    const burst = settings.throttling_burst_limit;
    if (typeof rate === 'number' && typeof burst === 'number' && rate >= 0 && burst >= 0) {
      throttles.push({ methodPath: str(address, raw, 'method_path'), ratePerSecond: rate, burst });
    }
  }

  const gatewayResponses: Record<string, TwinGatewayResponse> = {};
  for (const [name, raw] of Object.entries(resources.aws_api_gateway_gateway_response ?? {})) {
    const address = `aws_api_gateway_gateway_response.${name}`;
    onlyKeys(address, raw, ['response_type', 'status_code', 'response_parameters', 'response_templates']);
    const headers: Record<string, string> = {};
    const echoHeaders: Record<string, string> = {};
    for (const [target, source] of Object.entries(
      (raw.response_parameters ?? {}) as Record<string, string>,
    )) {
      const header = /^gatewayresponse\.header\.(.+)$/.exec(target)?.[1];
      const literal = /^'([^']*)'$/.exec(String(source))?.[1];
      const requestHeader = /^method\.request\.header\.([A-Za-z0-9-]+)$/.exec(String(source))?.[1];
      if (header !== undefined && literal !== undefined) headers[header.toLowerCase()] = literal;
      else if (header !== undefined && requestHeader !== undefined)
        echoHeaders[header.toLowerCase()] = requestHeader;
      else
        throw new TwinRefusalError(
          address,
          `response parameter '${target}' = '${String(source)}' is not modelled (static or request headers only)`,
        );
    }
    const templates = (raw.response_templates ?? {}) as Record<string, string>;
    const unknownType = Object.keys(templates).find((type) => type !== 'application/json');
    if (unknownType !== undefined)
      throw new TwinRefusalError(address, `response template for '${unknownType}' is not modelled`);
    const template = templates['application/json'];
    if (
      template !== undefined &&
      /\$(?!context\.error\.messageString|context\.error\.message)/.test(template)
    ) {
      throw new TwinRefusalError(
        address,
        'templates may use only $context.error.messageString and $context.error.message',
      );
    }
    gatewayResponses[str(address, raw, 'response_type')] = {
      ...(raw.status_code === undefined ? {} : { status: Number(raw.status_code) }),
      headers,
      ...(Object.keys(echoHeaders).length === 0 ? {} : { echoHeaders }),
      ...(template === undefined ? {} : { template }),
    };
  }

  const tables = Object.entries(resources.aws_dynamodb_table ?? {}).map(([name, raw]): TwinTable => {
    const address = `aws_dynamodb_table.${name}`;
    if (raw.global_secondary_index !== undefined || raw.local_secondary_index !== undefined)
      throw new TwinRefusalError(address, 'secondary indexes are not modelled');
    const attributes = (raw.attribute ?? []) as Array<{ name: string; type: string }>;
    const key = (attr: string) => {
      const keyName = raw[attr];
      if (keyName === undefined) return undefined;
      const found = attributes.find((a) => a.name === keyName);
      if (found === undefined)
        throw new TwinRefusalError(address, `${attr} '${String(keyName)}' has no attribute definition`);
      return { name: found.name, type: found.type };
    };
    const hashKey = key('hash_key');
    if (hashKey === undefined) throw new TwinRefusalError(address, 'hash_key missing');
    const rangeKey = key('range_key');
    return { address, name: str(address, raw, 'name'), hashKey, ...(rangeKey ? { rangeKey } : {}) };
  });

  return {
    identity,
    methods,
    authorizer,
    permissions,
    throttles,
    gatewayResponses,
    ...(preflightOrigins === undefined
      ? {}
      : { preflight: { paths: preflightPaths, origins: preflightOrigins } }),
    functions,
    tables,
    ignored,
  };
}

/** Local values for the references a function environment may hold beyond the gateway's. */
export interface EnvironmentRefs {
  /** Local user pool id per hosted-UI domain prefix (the pool's aws_cognito_user_pool_domain). */
  readonly userPoolId: (domainPrefix: string) => string | undefined;
}

/**
 * A function's synthesized environment with its references resolved: table names, user
 * pool ids (the local pool of the same name). Any other reference is refused.
 */
export function functionEnvironment(
  document: unknown,
  fn: TwinFunction,
  refs: EnvironmentRefs,
): Record<string, string> {
  const resources: Resources = (document as { resource?: Resources }).resource ?? {};
  const lookup = (ref: TerraformRef): string | undefined => {
    const [type = '', name = ''] = ref.address.split('.');
    const res = resources[type]?.[name];
    if (res === undefined) return undefined;
    if (type === 'aws_dynamodb_table' && ref.attribute === 'name') return String(res.name);
    if (type === 'aws_lambda_function' && ref.attribute === 'function_name') return String(res.function_name);
    if (type === 'aws_cognito_user_pool' && ref.attribute === 'id') {
      // Local pools are named by their domain prefix (seed.ts): find this pool's domain.
      const domain = Object.values(resources.aws_cognito_user_pool_domain ?? {}).find(
        (d) => d.user_pool_id === `\${${ref.address}.id}`,
      )?.domain;
      return typeof domain === 'string' ? refs.userPoolId(domain) : undefined;
    }
    return undefined;
  };
  return Object.fromEntries(
    Object.entries(fn.rawEnvironment).map(([key, value]) => [
      key,
      resolveRefs(String(value), fn.address, lookup),
    ]),
  );
}
