/** An `OPTIONS` method answered by the gateway (MOCK), so preflights never reach the authorizer. */
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration/index.js';
import { ApiGatewayIntegrationResponse } from '@cdktf/provider-aws/lib/api-gateway-integration-response/index.js';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method/index.js';
import { ApiGatewayMethodResponse } from '@cdktf/provider-aws/lib/api-gateway-method-response/index.js';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { CORS_ALLOWED_HEADERS, CORS_MAX_AGE_SECONDS, preflightResponseTemplate } from '../cors';

export interface CorsPreflightProps {
  readonly restApiId: string;
  readonly resourceId: string;
  readonly origins: readonly string[];
}

const HEADER = 'method.response.header.';

export class CorsPreflight extends Construct {
  readonly dependables: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: CorsPreflightProps) {
    super(scope, id);
    const { restApiId, resourceId } = props;
    const method = new ApiGatewayMethod(this, 'method', {
      restApiId,
      resourceId,
      httpMethod: 'OPTIONS',
      authorization: 'NONE',
    });
    const integration = new ApiGatewayIntegration(this, 'integration', {
      restApiId,
      resourceId,
      httpMethod: method.httpMethod,
      type: 'MOCK',
      requestTemplates: { 'application/json': '{"statusCode": 204}' },
    });
    const headers = [
      'Access-Control-Allow-Origin',
      'Access-Control-Allow-Methods',
      'Access-Control-Allow-Headers',
    ];
    const all = [...headers, 'Access-Control-Max-Age', 'Vary'];
    const response = new ApiGatewayMethodResponse(this, 'response', {
      restApiId,
      resourceId,
      httpMethod: method.httpMethod,
      statusCode: '204',
      responseParameters: Object.fromEntries(all.map((h) => [`${HEADER}${h}`, false])),
    });
    const integrationResponse = new ApiGatewayIntegrationResponse(this, 'integration-response', {
      restApiId,
      resourceId,
      httpMethod: method.httpMethod,
      statusCode: response.statusCode,
      responseParameters: {
        [`${HEADER}Access-Control-Allow-Methods`]: "'GET,POST,PUT,PATCH,DELETE,OPTIONS'",
        [`${HEADER}Access-Control-Allow-Headers`]: `'${CORS_ALLOWED_HEADERS.join(',')}'`,
        [`${HEADER}Access-Control-Max-Age`]: `'${CORS_MAX_AGE_SECONDS}'`,
        [`${HEADER}Vary`]: "'Origin'",
      },
      responseTemplates: { 'application/json': preflightResponseTemplate(props.origins) },
      dependsOn: [integration],
    });
    this.dependables = [method, integration, response, integrationResponse];
  }
}
