/**
 * Which user pool an (unverified) `iss` names, accepted only in its exact canonical form:
 * `https://cognito-idp.<region>.amazonaws.com/<poolId>` with the pool's own region, or,
 * only when a local origin is configured, `<loopback origin>/<poolId>` for cognito-local.
 * Look-alikes (trailing slash, `http`, upper case, other region, suffix domains, the
 * `issuer-cognito-idp` form, ports, paths) yield nothing, so they never reach the registry.
 */
import { USER_POOL_ID } from '@cognito-tenancy/registry/identifiers';
import { cognitoIssuer } from '@cognito-tenancy/registry/keys';

/** A pool named by a token's `iss`; still to be checked against the registry. */
export interface IssuerRef {
  readonly issuer: string;
  readonly userPoolId: string;
}

const AWS_ISSUER = /^https:\/\/cognito-idp\.([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com\/([^/]+)$/;

/** The pool named by `iss`, or `undefined` when `iss` is not in an accepted form. */
export function parseIssuer(iss: string, localOrigin: string | undefined): IssuerRef | undefined {
  const aws = AWS_ISSUER.exec(iss);
  if (aws) {
    const [, region, userPoolId] = aws as unknown as [string, string, string];
    if (!USER_POOL_ID.test(userPoolId) || !userPoolId.startsWith(`${region}_`)) return undefined;
    // Rebuilt with the shared builder: only the byte-identical canonical form passes.
    return cognitoIssuer(region, userPoolId) === iss ? { issuer: iss, userPoolId } : undefined;
  }
  if (localOrigin !== undefined && iss.startsWith(`${localOrigin}/`)) {
    const userPoolId = iss.slice(localOrigin.length + 1);
    return USER_POOL_ID.test(userPoolId) ? { issuer: iss, userPoolId } : undefined;
  }
  return undefined;
}

/** Where a registered issuer publishes its keys (the only place keys are fetched from). */
export function jwksUri(issuer: string): string {
  return `${issuer}/.well-known/jwks.json`;
}
