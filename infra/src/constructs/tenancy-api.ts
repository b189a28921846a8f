/**
 * The REST API, built from the shared route table: public discovery routes served by
 * their Lambdas, everything else behind the REQUEST authorizer and proxied to the
 * environment's service with the tenant context as headers; CORS preflights answered by
 * the gateway; a deployment that changes with the API's definition; a stage with access logs and
 * throttling (tighter on the public routes).
 */
import { ApiGatewayAuthorizer } from '@cdktf/provider-aws/lib/api-gateway-authorizer/index.js';
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment/index.js';
import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response/index.js';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration/index.js';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method/index.js';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings/index.js';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource/index.js';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api/index.js';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage/index.js';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission/index.js';
import type { Environment } from '@cognito-tenancy/registry/environment';
import { AUTHORIZER_IDENTITY_SOURCES, ROUTES, type RouteFunction } from '@cognito-tenancy/registry/routes';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ACCESS_LOG_FORMAT } from '../access-log';
import { planRoutes, routeSourceArn, serviceUri } from '../api-routes';
import { GATEWAY_ERROR_RESPONSE_TYPES, gatewayErrorCorsParameters } from '../cors';
import { apiDefinitionTrigger } from '../redeployment-trigger';
import { CorsPreflight } from './cors-preflight';

export type ApiSettings = NonNullable<Environment['api']>;

export interface TenancyApiProps {
  readonly apiName: string;
  readonly stageName: string;
  readonly settings: ApiSettings;
  /** Allowed browser origins (already normalised to origins). */
  readonly corsOrigins: readonly string[];
  readonly routeFunctions: Readonly<
    Record<RouteFunction, { arn: string; invokeArn: string; functionName: string }>
  >;
  readonly authorizerFunction: { arn: string; invokeArn: string; functionName: string };
  /** Serves `{proxy+}` (AWS_PROXY) when the settings name no `serviceUrl`: the pets Lambda. */
  readonly serviceFunction?: { arn: string; invokeArn: string; functionName: string };
  /** The authorizer's identity sources (result cache key); default `AUTHORIZER_IDENTITY_SOURCES`. */
  readonly identitySources?: readonly string[];
  /** The certificate the stage presents to an HTTP service (`serviceUrl`), so it can verify the gateway. */
  readonly clientCertificateId?: string;
  readonly logRetentionDays: number;
  /** Only custom domains serve the API (every tenant has hosts): turn the execute-api endpoint off. */
  readonly disableExecuteApiEndpoint: boolean;
  /** Resources the stage must wait for (the account's CloudWatch role). */
  readonly stageDependsOn: readonly ITerraformDependable[];
}

export class TenancyApi extends Construct {
  readonly api: ApiGatewayRestApi;
  readonly stage: ApiGatewayStage;
  readonly authorizer: ApiGatewayAuthorizer;
  readonly accessLogs: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: TenancyApiProps) {
    super(scope, id);
    const { settings } = props;
    this.api = new ApiGatewayRestApi(this, 'api', {
      name: props.apiName,
      description: 'cognito-tenancy: discovery routes and the authorized proxy to the service',
      endpointConfiguration: { types: ['REGIONAL'] },
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint,
    });
    const restApiId = this.api.id;

    this.authorizer = new ApiGatewayAuthorizer(this, 'authorizer', {
      name: 'tenant-jwt',
      restApiId,
      type: 'REQUEST',
      authorizerUri: props.authorizerFunction.invokeArn,
      identitySource: (props.identitySources ?? AUTHORIZER_IDENTITY_SOURCES).join(','),
      authorizerResultTtlInSeconds: settings.authorizerCacheTtlSeconds,
    });
    new LambdaPermission(this, 'authorizer-invoke', {
      statementId: 'AllowApiGatewayAuthorizer',
      action: 'lambda:InvokeFunction',
      functionName: props.authorizerFunction.functionName,
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${this.api.executionArn}/authorizers/${this.authorizer.id}`,
    });

    const resources = new Map<string, ApiGatewayResource>();
    const resourceFor = (segments: readonly string[]): string => {
      let parentId = this.api.rootResourceId;
      segments.forEach((part, index) => {
        const path = `/${segments.slice(0, index + 1).join('/')}`;
        let resource = resources.get(path);
        if (resource === undefined) {
          const rid = `resource${path.replace(/[^A-Za-z0-9-]/g, '_')}`;
          resource = new ApiGatewayResource(this, rid, { restApiId, parentId, pathPart: part });
          resources.set(path, resource);
        }
        parentId = resource.id;
      });
      return parentId;
    };

    const wiring: ITerraformDependable[] = [];
    const preflightPaths = new Set<string>();
    for (const planned of planRoutes(ROUTES)) {
      const { route } = planned;
      const resourceId = resourceFor(planned.segments);
      const rid = `${route.method}${route.path}`.replace(/[^A-Za-z0-9-]/g, '_');
      const isPublic = route.auth === 'public';
      const method = new ApiGatewayMethod(this, `method-${rid}`, {
        restApiId,
        resourceId,
        httpMethod: route.method,
        authorization: isPublic ? 'NONE' : 'CUSTOM',
        ...(isPublic ? {} : { authorizerId: this.authorizer.id }),
        requestParameters: { ...planned.methodRequestParameters },
      });
      let integration: ApiGatewayIntegration;
      // A Lambda behind the route: the proxy integration, and API Gateway's right to invoke it from this route only.
      const lambdaProxy = (fn: { invokeArn: string; functionName: string }, statementId: string) => {
        const proxy = new ApiGatewayIntegration(this, `integration-${rid}`, {
          restApiId,
          resourceId,
          httpMethod: method.httpMethod,
          type: 'AWS_PROXY',
          integrationHttpMethod: 'POST',
          uri: fn.invokeArn,
        });
        new LambdaPermission(this, `invoke-${rid}`, {
          statementId,
          action: 'lambda:InvokeFunction',
          functionName: fn.functionName,
          principal: 'apigateway.amazonaws.com',
          sourceArn: routeSourceArn(this.api.executionArn, route),
        });
        return proxy;
      };
      if ('lambda' in route.target) {
        integration = lambdaProxy(
          props.routeFunctions[route.target.lambda],
          // Statement ids allow letters, digits, `-` and `_` only: path parameters lose their braces.
          `AllowApiGateway-${route.method}-${planned.segments.join('-')}`
            .replace(/[^A-Za-z0-9_-]/g, '')
            .slice(0, 100),
        );
      } else if (settings.serviceUrl === undefined) {
        const fn = props.serviceFunction;
        if (fn === undefined) throw new Error('api.serviceUrl is not set and no service function was given');
        // The Lambda reads the tenant from requestContext.authorizer: no tenant headers are mapped.
        integration = lambdaProxy(fn, 'AllowApiGateway-service-proxy');
      } else {
        integration = new ApiGatewayIntegration(this, `integration-${rid}`, {
          restApiId,
          resourceId,
          httpMethod: method.httpMethod,
          type: 'HTTP_PROXY',
          integrationHttpMethod: 'ANY',
          uri: serviceUri(settings.serviceUrl, route),
          // Mapped headers replace whatever the client sent under the same names.
          requestParameters: { ...planned.integrationRequestParameters },
          timeoutMilliseconds: 29_000,
        });
      }
      wiring.push(method, integration);
      const path = planned.segments.join('/');
      if (props.corsOrigins.length > 0 && !preflightPaths.has(path)) {
        preflightPaths.add(path);
        const preflight = new CorsPreflight(this, `cors-${path.replace(/[^A-Za-z0-9-]/g, '_')}`, {
          restApiId,
          resourceId,
          origins: props.corsOrigins,
        });
        wiring.push(...preflight.dependables);
      }
    }

    // Gateway errors (401 from the authorizer, 403, 429 throttling, 5xx) carry CORS headers for every
    // configured origin, so a browser app can tell an expired session from a network failure. A gateway
    // response cannot branch on Origin: it echoes the request's. An unlisted origin can then read these
    // generic bodies too, which is safe (README, "CORS"): cors.ts.
    if (props.corsOrigins.length > 0) {
      for (const type of GATEWAY_ERROR_RESPONSE_TYPES) {
        wiring.push(
          new ApiGatewayGatewayResponse(this, `response-${type}`, {
            restApiId,
            responseType: type,
            responseParameters: { ...gatewayErrorCorsParameters() },
          }),
        );
      }
    }

    const deployment = new ApiGatewayDeployment(this, 'deployment', {
      restApiId,
      description: 'cognito-tenancy routes',
      // A hash of every API Gateway resource's synthesized configuration: any change to what a
      // deployment snapshots (methods, integrations, responses, authorizer, endpoint) redeploys.
      triggers: { redeployment: apiDefinitionTrigger(this) },
      lifecycle: { createBeforeDestroy: true },
      dependsOn: [...wiring, this.authorizer],
    });

    this.accessLogs = new CloudwatchLogGroup(this, 'access-logs', {
      name: `/aws/apigateway/${props.apiName}/${props.stageName}`,
      retentionInDays: props.logRetentionDays,
    });
    this.stage = new ApiGatewayStage(this, 'stage', {
      restApiId,
      stageName: props.stageName,
      deploymentId: deployment.id,
      ...(props.clientCertificateId === undefined ? {} : { clientCertificateId: props.clientCertificateId }),
      accessLogSettings: { destinationArn: this.accessLogs.arn, format: ACCESS_LOG_FORMAT },
      dependsOn: [...props.stageDependsOn],
    });

    // Stage-wide limits, then tighter ones on the unauthenticated discovery routes (enumeration, abuse).
    new ApiGatewayMethodSettings(this, 'throttle-all', {
      restApiId,
      stageName: this.stage.stageName,
      methodPath: '*/*',
      settings: {
        throttlingRateLimit: settings.throttle.rateLimit,
        throttlingBurstLimit: settings.throttle.burstLimit,
        metricsEnabled: true,
        // Execution logs can hold headers and bodies (tokens, emails): access logs only.
        loggingLevel: 'OFF',
        dataTraceEnabled: false,
      },
    });
    for (const planned of planRoutes(ROUTES).filter((p) => p.route.auth === 'public')) {
      new ApiGatewayMethodSettings(
        this,
        `throttle-${planned.methodSettingsPath.replace(/[^A-Za-z0-9-]/g, '_')}`,
        {
          restApiId,
          stageName: this.stage.stageName,
          methodPath: planned.methodSettingsPath,
          settings: {
            throttlingRateLimit: settings.publicThrottle.rateLimit,
            throttlingBurstLimit: settings.publicThrottle.burstLimit,
            metricsEnabled: true,
            loggingLevel: 'OFF',
            dataTraceEnabled: false,
          },
        },
      );
    }
  }
}
