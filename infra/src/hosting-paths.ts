/**
 * Which request paths the distribution sends to API Gateway: the first segment of every
 * route of the shared table (`/config`, `/tenant-match`, `/admin/*`), and for `{proxy+}`
 * the service's paths (the pets service: `/pets`, `/pets/*`). Everything else is the SPA.
 */
import { ROUTES, type Route } from '@cognito-tenancy/registry/routes';

/** The sample pets service's paths; an external service lists its own in `hosting.servicePaths`. */
export const DEFAULT_SERVICE_PATHS: readonly string[] = ['/pets', '/pets/*'];

/** CloudFront path patterns of the API, in the order they are matched. */
export function apiPathPatterns(
  servicePaths: readonly string[],
  routes: readonly Route[] = ROUTES,
): string[] {
  const patterns: string[] = [];
  for (const route of routes) {
    const segments = route.path.split('/').filter((segment) => segment !== '');
    const [first] = segments;
    if (first === undefined) continue;
    if (first.startsWith('{')) {
      patterns.push(...servicePaths);
      continue;
    }
    patterns.push(segments.length === 1 ? `/${first}` : `/${first}/*`);
  }
  return [...new Set(patterns)];
}
