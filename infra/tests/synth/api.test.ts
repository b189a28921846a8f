import { AUTHORIZER_IDENTITY_SOURCES, ROUTES, TENANT_CONTEXT } from '@cognito-tenancy/registry/routes';
import { describe, expect, it } from '@jest/globals';
import { permissionProblems } from '../../rehearsal/permission-check';
import { ACCESS_LOG_FIELDS } from '../../src/access-log';
import { HOSTED_AUTHORIZER_IDENTITY_SOURCES } from '../../src/cloudfront-functions';
import { corsOrigins } from '../../src/cors';
import { resourceNames } from '../../src/names';
import { publicPathRegex } from '../../src/waf-rules';
import {
  type Body,
  environmentOf,
  environmentsWhere,
  ref,
  resources,
  resourceWhere,
  stack,
} from '../support/synthesized';

const ENVIRONMENTS = environmentsWhere((environment) => environment.api);

function keyOf(reference: string): string {
  return /^\$\{[a-z_0-9]+\.([^.]+)\.[a-z_]+\}$/.exec(reference)?.[1] ?? '(not a reference)';
}

describe.each(ENVIRONMENTS)('REST API of %s', (environment) => {
  const s = stack(environment);
  const env = environmentOf(environment);
  const api = env.api!;
  const names = resourceNames(environment);
  const identitySources =
    env.hosting === undefined ? AUTHORIZER_IDENTITY_SOURCES : HOSTED_AUTHORIZER_IDENTITY_SOURCES;
  const [apiKey] = resourceWhere(s, 'aws_api_gateway_rest_api', 'name', names.api);
  const [authorizerKey, authorizer] = resources(s, 'aws_api_gateway_authorizer')[0]!;
  const fnKey = (name: string) => resourceWhere(s, 'aws_lambda_function', 'function_name', name)[0];
  const resourcePath = (id: string): string => {
    if (id === ref('aws_api_gateway_rest_api', apiKey, 'root_resource_id')) return '';
    const resource = s.resource.aws_api_gateway_resource?.[keyOf(id)];
    return `${resourcePath(resource!.parent_id)}/${resource!.path_part}`;
  };
  const methods = resources(s, 'aws_api_gateway_method').map(([key, body]) => ({
    key,
    body,
    path: resourcePath(body.resource_id),
  }));

  it('runs a REQUEST authorizer keyed on the Authorization header and the domain, with the file’s TTL', () => {
    expect(authorizer).toMatchObject({
      type: 'REQUEST',
      identity_source: identitySources.join(','),
      authorizer_result_ttl_in_seconds: api.authorizerCacheTtlSeconds,
      authorizer_uri: ref('aws_lambda_function', fnKey(names.lambda('authorizer')), 'invoke_arn'),
    });
    // Behind CloudFront the domain is always the execute-api host: the forwarded host keys the cache.
    expect(authorizer.identity_source).toBe(
      env.hosting === undefined
        ? 'method.request.header.Authorization,context.domainName'
        : 'method.request.header.Authorization,method.request.header.X-Forwarded-Host',
    );
  });

  it('lets only this API’s authorizer invoke the authorizer function', () => {
    const invoke = resources(s, 'aws_lambda_permission').filter(
      ([, p]) =>
        p.function_name === ref('aws_lambda_function', fnKey(names.lambda('authorizer')), 'function_name'),
    );
    expect(invoke).toHaveLength(1);
    expect(invoke[0]![1]).toMatchObject({
      principal: 'apigateway.amazonaws.com',
      source_arn: `${ref('aws_api_gateway_rest_api', apiKey, 'execution_arn')}/authorizers/${ref('aws_api_gateway_authorizer', authorizerKey, 'id')}`,
    });
  });

  it('serves exactly the shared route table: public routes without, the rest behind the authorizer', () => {
    const routed = methods.filter((m) => m.body.http_method !== 'OPTIONS');
    expect(routed.map((m) => `${m.body.http_method} ${m.path}`).sort()).toEqual(
      ROUTES.map((r) => `${r.method} ${r.path}`).sort(),
    );
    for (const route of ROUTES) {
      const method = routed.find((m) => m.body.http_method === route.method && m.path === route.path)!.body;
      if (route.auth === 'public') {
        expect(method.authorization).toBe('NONE');
        expect(method.authorizer_id).toBeUndefined();
      } else {
        expect(method.authorization).toBe('CUSTOM');
        expect(method.authorizer_id).toBe(ref('aws_api_gateway_authorizer', authorizerKey, 'id'));
      }
    }
  });

  it('gives every Lambda permission a statement id AWS accepts (no path parameter braces)', () => {
    for (const [, permission] of resources(s, 'aws_lambda_permission')) {
      expect(permission.statement_id).toMatch(/^[A-Za-z0-9_-]{1,100}$/);
    }
  });

  it('wires each Lambda route to its Lambda, invocable from that method and path only', () => {
    for (const route of ROUTES.filter((r) => 'lambda' in r.target)) {
      const lambda = (route.target as { lambda: string }).lambda;
      const key = fnKey(names.lambda(lambda as never));
      const [, integration] = resourceWhere(
        s,
        'aws_api_gateway_integration',
        'uri',
        ref('aws_lambda_function', key, 'invoke_arn'),
      );
      expect(integration).toMatchObject({ type: 'AWS_PROXY', integration_http_method: 'POST' });
      const permissions = resources(s, 'aws_lambda_permission').filter(
        ([, p]) => p.function_name === ref('aws_lambda_function', key, 'function_name'),
      );
      expect(permissions).toHaveLength(1);
      // API Gateway checks a concrete request's ARN against source_arn with IAM ArnLike.
      const executionArn = `arn:aws:execute-api:${env.region}:${env.accountId ?? '123456789012'}:a1b2c3d4e5`;
      const sourceArn = String(permissions[0]![1].source_arn).replace(
        ref('aws_api_gateway_rest_api', apiKey, 'execution_arn'),
        executionArn,
      );
      expect(permissionProblems([{ route, sourceArn }], ROUTES, executionArn, environment)).toEqual([]);
    }
  });

  it('proxies the protected route to the service with every tenant header set from the authorizer', () => {
    const proxies = resources(s, 'aws_api_gateway_integration').filter(([, i]) => i.type === 'HTTP_PROXY');
    if (api.serviceUrl === undefined) {
      // No service named: the pets Lambda serves the route (tests/synth/pets-service.test.ts).
      expect(proxies).toEqual([]);
      return;
    }
    expect(proxies).toHaveLength(ROUTES.filter((r) => 'service' in r.target).length);
    const [, proxy] = proxies[0]!;
    expect(proxy.uri).toBe(`${api.serviceUrl.replace(/\/+$/, '')}/{proxy}`);
    expect(proxy.integration_http_method).toBe('ANY');
    for (const [key, header] of Object.entries(TENANT_CONTEXT)) {
      // Mapped headers overwrite a client's own copy, so a caller cannot choose its tenant.
      expect(proxy.request_parameters[`integration.request.header.${header}`]).toBe(
        `context.authorizer.${key}`,
      );
    }
    expect(proxy.request_parameters['integration.request.path.proxy']).toBe('method.request.path.proxy');
  });

  it('answers CORS preflights at the gateway for the configured origins only', () => {
    const origins = corsOrigins(api.corsOrigins);
    const preflights = methods.filter((m) => m.body.http_method === 'OPTIONS');
    if (origins.length === 0) {
      expect(preflights).toEqual([]);
      return;
    }
    expect(preflights.map((m) => m.path).sort()).toEqual(ROUTES.map((r) => r.path).sort());
    for (const m of preflights) expect(m.body.authorization).toBe('NONE');
    for (const [, response] of resources(s, 'aws_api_gateway_integration_response')) {
      const template: string = response.response_templates['application/json'];
      for (const origin of origins) expect(template).toContain(`"${origin}"`);
      expect(template).not.toContain('*');
      expect(response.response_parameters['method.response.header.Access-Control-Allow-Headers']).toBe(
        "'Authorization,Content-Type'",
      );
    }
  });

  it('gives gateway errors (401, 403, 429, 5xx) CORS headers for every configured origin', () => {
    const responses = resources(s, 'aws_api_gateway_gateway_response');
    if (corsOrigins(api.corsOrigins).length === 0) {
      expect(responses).toEqual([]);
      return;
    }
    // DEFAULT_4XX and DEFAULT_5XX cover every error type the gateway answers itself.
    expect(responses.map(([, r]) => r.response_type).sort()).toEqual(['DEFAULT_4XX', 'DEFAULT_5XX']);
    for (const [, response] of responses) {
      // Echoed, not one static origin: a gateway response cannot choose among several.
      expect(response.response_parameters).toEqual({
        'gatewayresponse.header.Access-Control-Allow-Origin': 'method.request.header.Origin',
        'gatewayresponse.header.Vary': "'Origin'",
      });
      expect(JSON.stringify(response)).not.toMatch(/Allow-Credentials|'\*'/);
    }
  });

  it('logs every request of the stage as JSON, with the tenant and without tokens', () => {
    const [, stage] = resourceWhere(s, 'aws_api_gateway_stage', 'stage_name', environment);
    const [logKey, group] = resourceWhere(
      s,
      'aws_cloudwatch_log_group',
      'name',
      `/aws/apigateway/${names.api}/${environment}`,
    );
    expect(stage.access_log_settings.destination_arn).toBe(ref('aws_cloudwatch_log_group', logKey, 'arn'));
    expect(JSON.parse(stage.access_log_settings.format)).toEqual(ACCESS_LOG_FIELDS);
    expect(stage.access_log_settings.format).not.toMatch(/Authorization|token|email/i);
    expect(group.retention_in_days).toBe(env.logRetentionDays);
  });

  it('throttles the stage, and the public routes harder; execution logs stay off', () => {
    const settings = Object.fromEntries(
      resources(s, 'aws_api_gateway_method_settings').map(([, m]) => [m.method_path, m.settings]),
    );
    expect(settings['*/*']).toMatchObject({
      throttling_rate_limit: api.throttle.rateLimit,
      throttling_burst_limit: api.throttle.burstLimit,
    });
    for (const route of ROUTES.filter((r) => r.auth === 'public')) {
      expect(settings[`${route.path.slice(1)}/${route.method}`]).toMatchObject({
        throttling_rate_limit: api.publicThrottle.rateLimit,
        throttling_burst_limit: api.publicThrottle.burstLimit,
      });
    }
    for (const value of Object.values(settings)) {
      expect(value).toMatchObject({ logging_level: 'OFF', data_trace_enabled: false });
    }
  });

  it('puts the WAF rate rule on the public routes exactly when the file asks for it', () => {
    const acls = resources(s, 'aws_wafv2_web_acl');
    const withRate = acls.filter(([, a]) =>
      (JSON.parse(a.rule_json) as Body[]).some((r) => r.Name === 'public-routes-rate-limit'),
    );
    const regional = acls.filter(([, a]) => a.scope === 'REGIONAL');
    // With hosting the stage's ACL exists for the origin secret rule too (tests/synth/hosting.test.ts).
    expect(regional).toHaveLength(
      env.hosting === undefined && api.wafRateLimitPer5Minutes === undefined ? 0 : 1,
    );
    if (api.wafRateLimitPer5Minutes === undefined) {
      expect(withRate).toEqual([]);
      return;
    }
    // Behind CloudFront the stage sees edge addresses: the per-IP rule sits on the distributions.
    expect(withRate).toHaveLength(1);
    const [rateKey, rateAcl] = withRate[0]!;
    expect(rateAcl.scope).toBe(env.hosting === undefined ? 'REGIONAL' : 'CLOUDFRONT');
    const rule = (JSON.parse(rateAcl.rule_json) as Body[]).find(
      (r) => r.Name === 'public-routes-rate-limit',
    )!;
    expect(rule.Statement.RateBasedStatement).toMatchObject({
      Limit: api.wafRateLimitPer5Minutes,
      AggregateKeyType: 'IP',
    });
    // Which paths it counts (and that slashes, case and encoding do not dodge it): tests/unit/waf-rules.test.ts.
    expect(rule.Statement.RateBasedStatement.ScopeDownStatement.RegexMatchStatement.RegexString).toBe(
      publicPathRegex(),
    );
    const [, association] = resources(s, 'aws_wafv2_web_acl_association')[0]!;
    expect(association.web_acl_arn).toBe(ref('aws_wafv2_web_acl', regional[0]![0], 'arn'));
    expect(association.resource_arn).toMatch(/^\$\{aws_api_gateway_stage\.[^.]+\.arn\}$/);
    if (env.hosting !== undefined) {
      for (const [, d] of resources(s, 'aws_cloudfront_distribution')) {
        expect(d.web_acl_id).toBe(ref('aws_wafv2_web_acl', rateKey, 'arn'));
      }
      expect(rateAcl.provider).toBe('aws.us-east-1');
    }
  });

  it('accepts hosts that are not tenant hosts only while some traffic must use them', () => {
    const hostsOnly = api.customDomains !== undefined && env.tenants.every((t) => t.hosts.length > 0);
    const [, restApi] = resourceWhere(s, 'aws_api_gateway_rest_api', 'name', names.api);
    expect(restApi.disable_execute_api_endpoint).toBe(hostsOnly);
    const [, authorizerFn] = resourceWhere(
      s,
      'aws_lambda_function',
      'function_name',
      names.lambda('authorizer'),
    );
    // Behind CloudFront only a list of shared hosts (hosting.test.ts); "any host" only on execute-api.
    expect(authorizerFn.environment.variables.ALLOW_UNREGISTERED_HOSTS).toBe(
      env.hosting === undefined && !hostsOnly ? 'true' : undefined,
    );
  });

  it('maps a custom domain per tenant host when the file configures them', () => {
    const domains = resources(s, 'aws_api_gateway_domain_name');
    const hosts = env.tenants.flatMap((t) => t.hosts);
    if (api.customDomains === undefined) {
      expect(domains).toEqual([]);
      return;
    }
    expect(domains.map(([, d]) => d.domain_name).sort()).toEqual([...hosts].sort());
    for (const [, d] of domains) {
      expect(d).toMatchObject({
        regional_certificate_arn: api.customDomains.certificateArn,
        security_policy: 'TLS_1_2',
        endpoint_configuration: { types: ['REGIONAL'] },
      });
    }
    expect(resources(s, 'aws_api_gateway_base_path_mapping')).toHaveLength(hosts.length);
    expect(resources(s, 'aws_route53_record')).toHaveLength(
      api.customDomains.route53ZoneId ? hosts.length : 0,
    );
  });
});
