/**
 * Matches a request against the route table the REST API in infra is built from
 * (`ROUTES` in the registry), the way API Gateway selects a resource: an exact resource
 * path wins over the greedy `{proxy+}`, and a path that matches a resource whose method
 * is not defined gets API Gateway's `Missing Authentication Token` 403, not a fallback.
 * That includes the intermediate resources a nested route creates (`/admin`, `/admin/users`
 * and `/admin/users/{sub}` of `/admin/users/{sub}/sign-out`), which have no methods.
 */
/** What matching needs of a method: the registry's `Route` and the twin's `TwinMethod` both fit. */
export interface RouteLike {
  readonly path: string;
  readonly method: string;
}

export type RouteMatch<R extends RouteLike = RouteLike> =
  | {
      readonly kind: 'route';
      readonly route: R;
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

/** Every resource path the routes create: each route's path and each of its ancestors. */
export function resourcePaths(routes: readonly RouteLike[]): string[] {
  const paths = new Set<string>();
  for (const route of routes) {
    const segments = route.path.split('/').filter((s) => s !== '');
    for (let end = 1; end <= segments.length; end++) paths.add(`/${segments.slice(0, end).join('/')}`);
  }
  return [...paths];
}

/** Selects the route for `method` and `path` (already without query string). */
export function matchRoute<R extends RouteLike>(
  routes: readonly R[],
  method: string,
  path: string,
): RouteMatch<R> {
  // API Gateway picks the resource first (methods or not), then the method on that resource only.
  const best = resourcePaths(routes)
    .map((resource) => ({ resource, params: matchPath(resource, path) }))
    .filter((c): c is { resource: string; params: Record<string, string> } => c.params !== undefined)
    .sort((a, b) => specificity(b.resource) - specificity(a.resource))[0];
  if (best === undefined) return { kind: 'no-route' };
  const onResource = routes.filter((route) => route.path === best.resource);
  const hit =
    onResource.find((route) => route.method === method.toUpperCase()) ??
    onResource.find((route) => route.method === 'ANY');
  return hit ? { kind: 'route', route: hit, pathParameters: best.params } : { kind: 'no-route' };
}
