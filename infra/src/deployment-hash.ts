/**
 * The redeployment trigger of the REST API. API Gateway serves a snapshot (a deployment):
 * a changed method, integration, gateway response, authorizer or endpoint setting reaches
 * callers only through a new deployment. The trigger is therefore a hash of the synthesized
 * configuration of every `aws_api_gateway_*` resource of the stack, except the few kinds that
 * are applied to the stage directly or live outside the API. A new resource kind is covered
 * without anyone listing it; only an exclusion has to be argued for, below.
 */
import { createHash } from 'node:crypto';

/** Stable JSON: object keys sorted at every level. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of a value's stable JSON. */
export function deploymentHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}

/** The API's resource kinds share this prefix; every one of them is deployed unless listed below. */
export const API_RESOURCE_PREFIX = 'aws_api_gateway_';

/** `aws_api_gateway_*` kinds a deployment does not snapshot, and why. */
export const NOT_DEPLOYED: Readonly<Record<string, string>> = {
  aws_api_gateway_deployment: 'the deployment itself',
  aws_api_gateway_stage: 'stage settings (access logs, client certificate) apply when the stage is updated',
  aws_api_gateway_method_settings: 'stage settings (throttling, metrics) apply when they are updated',
  aws_api_gateway_account: 'account-wide (the CloudWatch role), not part of any API',
  aws_api_gateway_client_certificate: 'referenced by the stage, not by the deployment',
  aws_api_gateway_domain_name: 'a custom domain maps to a stage; it serves whatever the stage serves',
  aws_api_gateway_base_path_mapping: 'maps a custom domain to a stage',
  aws_api_gateway_usage_plan: 'applies to stages when updated',
  aws_api_gateway_usage_plan_key: 'applies to stages when updated',
  aws_api_gateway_api_key: 'applies when updated',
};

/** Attributes that never change what a deployment serves: tags and CDKTF's construct metadata. */
const IGNORED_ATTRIBUTES = new Set(['//', 'tags', 'tags_all']);

/** Terraform JSON `resource` block: type -> logical name -> attributes. */
export type ResourceBlock = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/**
 * The part of a stack's resources that a deployment snapshots, with references left as their
 * addresses (`${aws_lambda_function.x.invoke_arn}`), so a change elsewhere (a Lambda's memory,
 * a table) does not reach it.
 */
export function deployedDefinition(resources: ResourceBlock): Record<string, Record<string, unknown>> {
  const definition: Record<string, Record<string, unknown>> = {};
  for (const [type, byName] of Object.entries(resources)) {
    if (!type.startsWith(API_RESOURCE_PREFIX) || type in NOT_DEPLOYED) continue;
    const kept: Record<string, unknown> = {};
    for (const [name, body] of Object.entries(byName)) {
      const attributes = Object.entries(body as Record<string, unknown>).filter(
        ([key]) => !IGNORED_ATTRIBUTES.has(key),
      );
      kept[name] = Object.fromEntries(attributes);
    }
    definition[type] = kept;
  }
  return definition;
}

/** The redeployment trigger: the hash of {@link deployedDefinition}. */
export function apiDefinitionHash(resources: ResourceBlock): string {
  return deploymentHash(deployedDefinition(resources));
}
