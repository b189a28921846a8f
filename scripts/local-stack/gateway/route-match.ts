/**
 * Matches a request against the route table the REST API in infra is built from
 * (`ROUTES` in the registry), the way API Gateway selects a resource: an exact resource
 * path wins over the greedy `{proxy+}`, and a path that matches a resource whose method
 * is not defined gets API Gateway's `Missing Authentication Token` 403, not a fallback.
 */
import type { Route } from '@cognito-tenancy/registry/routes';

export type RouteMatch =
  | {
      readonly kind: 'route';
      readonly route: Route;
      readonly pathParameters: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'no-route' };

const PROXY_SEGMENT = /^\{([A-Za-z0-9_]+)\+\}$/;
const PARAM_SEGMENT = /^\{([A-Za-z0-9_]+)\}$/;

function matchPath(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/').filter((s) => s !== '');
  const got = path.split('/').filter((s) => s !== '');
  const params: Record<string, string> = Object.create(null);
  for (const [index, segment] of want.entries()) {
    const greedy = PROXY_SEGMENT.exec(segment);
    if (greedy?.[1] !== undefined) {
      // `{proxy+}` needs at least one segment: `/` alone is not matched by `/{proxy+}`.
      if (index >= got.length) return undefined;
      params[greedy[1]] = got.slice(index).join('/');
      return params;
    }
    const value = got[index];
    if (value === undefined) return undefined;
    const param = PARAM_SEGMENT.exec(segment);
    if (param?.[1] !== undefined) params[param[1]] = value;
    else if (segment !== value) return undefined;
  }
  return got.length === want.length ? params : undefined;
}

/** How specific a template is: literal segments count most, a greedy segment least. */
function specificity(template: string): number {
  return template
    .split('/')
    .filter((s) => s !== '')
    .reduce((score, s) => score + (PROXY_SEGMENT.test(s) ? 1 : PARAM_SEGMENT.test(s) ? 10 : 100), 0);
}

/** Selects the route for `method` and `path` (already without query string). */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const candidates = routes
    .map((route) => ({ route, params: matchPath(route.path, path) }))
    .filter((c): c is { route: Route; params: Record<string, string> } => c.params !== undefined)
    .sort((a, b) => specificity(b.route.path) - specificity(a.route.path));
  const best = candidates[0];
  if (best === undefined) return { kind: 'no-route' };
  // API Gateway picks the resource first, then the method on that resource only.
  const onResource = candidates.filter((c) => c.route.path === best.route.path);
  const hit =
    onResource.find((c) => c.route.method === method.toUpperCase()) ??
    onResource.find((c) => c.route.method === 'ANY');
  return hit ? { kind: 'route', route: hit.route, pathParameters: hit.params } : { kind: 'no-route' };
}
