/**
 * The gateway-answered CORS preflights infra synthesizes (infra/src/constructs/cors-preflight.ts):
 * per path an `OPTIONS` method without authorization, a MOCK integration answering 204, and
 * an integration response whose VTL template echoes `Origin` only when it is on a list. The
 * twin models exactly that shape (the list is read from the template); any other MOCK or
 * template is refused, so a change in infra shows up here instead of being served wrongly.
 */
import { TwinRefusalError } from './terraform-refs';

export interface TwinPreflight {
  /** Resource paths with a gateway-answered `OPTIONS`. */
  readonly paths: readonly string[];
  /** Origins the template allows (the same on every path). */
  readonly origins: readonly string[];
}

/** The MOCK integration's only request template: every preflight is answered with 204. */
export const MOCK_PREFLIGHT_REQUEST = '{"statusCode": 204}';

const TEMPLATE_LINES = [
  /^#set\(\$origin = \$input\.params\(\)\.header\.get\("Origin"\)\)$/,
  /^#if\("\$!origin" == ""\)#set\(\$origin = \$input\.params\(\)\.header\.get\("origin"\)\)#end$/,
  /^#if\((.+)\)$/,
  /^#set\(\$context\.responseOverride\.header\.Access-Control-Allow-Origin = \$origin\)$/,
  /^#end$/,
  /^$/,
];
const ORIGIN_TEST = /^\$origin == "(https?:\/\/[a-z0-9.-]+(?::\d+)?)"$/;

/**
 * The allowed origins of a preflight template, or a refusal when the template is not the one
 * infra writes (the twin does not run VTL).
 */
export function preflightTemplateOrigins(address: string, template: string): string[] {
  const lines = template.split('\n');
  const condition =
    lines.length === TEMPLATE_LINES.length && lines.every((line, i) => TEMPLATE_LINES[i]?.test(line))
      ? (TEMPLATE_LINES[2]?.exec(lines[2] ?? '')?.[1] ?? '')
      : undefined;
  const origins = condition?.split(' || ').map((test) => ORIGIN_TEST.exec(test)?.[1]);
  if (origins === undefined || origins.length === 0 || origins.some((o) => o === undefined))
    throw new TwinRefusalError(
      address,
      'only the preflight template of infra/src/cors.ts is modelled (echo Origin when listed)',
    );
  return origins as string[];
}

/** Static `method.response.header.*` values of an integration response (quoted literals only). */
export function staticResponseHeaders(address: string, parameters: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [target, source] of Object.entries((parameters ?? {}) as Record<string, unknown>)) {
    const header = /^method\.response\.header\.(.+)$/.exec(target)?.[1];
    const literal = /^'([^']*)'$/.exec(String(source))?.[1];
    if (header === undefined || literal === undefined)
      throw new TwinRefusalError(
        address,
        `response parameter '${target}' = '${String(source)}' is not modelled`,
      );
    headers[header.toLowerCase()] = literal;
  }
  return headers;
}
