/**
 * The REST API's wiring, derived from the shared route table: resource paths, method
 * request parameters, and for the service route the HTTP proxy URI and the headers the
 * gateway sets from the authorizer's context (overwriting anything a client sent).
 */
import { ROUTES, type Route, TENANT_CONTEXT } from '@cognito-tenancy/registry/routes';
import { ORIGIN_SECRET_HEADER } from './origin-secret';

/**
 * What the service receives as `x-origin-verify` (a static value): behind CloudFront the
 * request carries the origin secret, and an HTTP_PROXY integration would pass it on, handing
 * it to the service (and anyone who reads its logs), who could then call API Gateway directly.
 */
export const ORIGIN_SECRET_REPLACEMENT = 'withheld-by-gateway';

export interface PlannedRoute {
  readonly route: Route;
  /** Path segments under the root (`['tenant-match']`, `['{proxy+}']`). */
  readonly segments: readonly string[];
  /** Method request parameters (`method.request.path.proxy`: required). */
  readonly methodRequestParameters: Readonly<Record<string, boolean>>;
  /** Integration request parameters (path parameters and, for the service, its headers). */
  readonly integrationRequestParameters: Readonly<Record<string, string>>;
  /** `<resource path without leading slash>/<method>`, as method settings name it. */
  readonly methodSettingsPath: string;
}

/** `integration.request.header.<header>` <- `context.authorizer.<key>` for every tenant context key. */
export function tenantHeaderMappings(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, header] of Object.entries(TENANT_CONTEXT)) {
    out[`integration.request.header.${header}`] = `context.authorizer.${key}`;
  }
  return out;
}

function pathParameters(segments: readonly string[]): string[] {
  return segments.flatMap((segment) => {
    const match = /^\{([A-Za-z0-9_]+)\+?\}$/.exec(segment);
    return match?.[1] === undefined ? [] : [match[1]];
  });
}

/** The service's headers: the tenant context, and the origin secret replaced by a static value. */
export function serviceHeaderMappings(): Record<string, string> {
  return {
    ...tenantHeaderMappings(),
    // A static value (quoted) replaces the header: API Gateway cannot drop a proxied header.
    [`integration.request.header.${ORIGIN_SECRET_HEADER}`]: `'${ORIGIN_SECRET_REPLACEMENT}'`,
  };
}

/** Plans one route. */
export function planRoute(route: Route): PlannedRoute {
  const segments = route.path.split('/').filter((segment) => segment !== '');
  const params = pathParameters(segments);
  const methodRequestParameters = Object.fromEntries(params.map((p) => [`method.request.path.${p}`, true]));
  const pathMappings = Object.fromEntries(
    params.map((p) => [`integration.request.path.${p}`, `method.request.path.${p}`]),
  );
  const isService = 'service' in route.target;
  return {
    route,
    segments,
    methodRequestParameters,
    integrationRequestParameters: isService ? { ...pathMappings, ...serviceHeaderMappings() } : pathMappings,
    methodSettingsPath: `${segments.join('/')}/${route.method === 'ANY' ? '*' : route.method}`,
  };
}

/** The service URI of an HTTP proxy route: the service URL plus the route path (`{proxy+}` -> `{proxy}`). */
export function serviceUri(serviceUrl: string, route: Route): string {
  const base = serviceUrl.replace(/\/+$/, '');
  return `${base}${route.path.replace(/\{([A-Za-z0-9_]+)\+\}/g, '{$1}')}`;
}

/**
 * Source ARN allowing API Gateway to invoke a route's Lambda from this API only. API Gateway
 * checks the request's real path against it with IAM `ArnLike`, where `{sub}` is literal
 * text: every path parameter (`{sub}`, `{proxy+}`) must be `*`, or the invoke is refused.
 */
export function routeSourceArn(executionArn: string, route: Route): string {
  const path = route.path.replace(/\{[A-Za-z0-9_]+\+?\}/g, '*');
  return `${executionArn}/*/${route.method === 'ANY' ? '*' : route.method}${path}`;
}

/** Every route of the shared table, planned. */
export function planRoutes(routes: readonly Route[] = ROUTES): PlannedRoute[] {
  return routes.map(planRoute);
}
