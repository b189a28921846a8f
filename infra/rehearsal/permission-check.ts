/**
 * Checks Lambda invoke permissions the way API Gateway does: the execute-api ARN of a concrete
 * request (`arn:aws:execute-api:<region>:<account>:<api id>/<stage>/<METHOD>/<path>`) must
 * match the permission's `source_arn` under IAM `ArnLike`; and the way Cognito invokes the
 * trigger: the pool's ARN against the grant's `source_arn`. Used on the synthesized stacks
 * (tests/synth) and on what the rehearsal deployed (policies read back from the emulator).
 */
import { arnComponents, arnLike } from '@cognito-tenancy/registry/arn-like';
import type { Route } from '@cognito-tenancy/registry/routes';

/** A path parameter's value in a concrete request: a user's `sub` is a UUID. */
const PARAMETER_VALUE = '0f8fad5b-d9cb-469f-a165-70867728950e';
/** Requests on a greedy `{proxy+}` route: one and several segments. */
const GREEDY_VALUES = ['pets', 'pets/8c1d2e5f-0a4b-4c7d-9e1f-2a3b4c5d6e7f'];

/** Concrete request paths for a route: parameters filled in, a greedy one in two depths. */
export function concretePaths(route: Route): string[] {
  const greedy = /\{[A-Za-z0-9_]+\+\}/.test(route.path);
  const values = greedy ? GREEDY_VALUES : [PARAMETER_VALUE];
  return values.map((value) =>
    route.path.replace(/\{[A-Za-z0-9_]+\+\}/g, value).replace(/\{[A-Za-z0-9_]+\}/g, PARAMETER_VALUE),
  );
}

/** Concrete methods a request on the route uses (`ANY` is exercised with two). */
function concreteMethods(route: Route): string[] {
  return route.method === 'ANY' ? ['GET', 'POST'] : [route.method];
}

/** The execute-api ARNs API Gateway checks for concrete requests on a route. */
export function requestArns(executionArn: string, stage: string, route: Route): string[] {
  return concreteMethods(route).flatMap((method) =>
    concretePaths(route).map((path) => `${executionArn}/${stage}/${method}${path}`),
  );
}

export interface PermissionUnderTest {
  readonly route: Route;
  readonly sourceArn: string;
}

/**
 * Problems with the permissions (empty when every one is right): each must let concrete
 * requests on its own route through, none on another API or account, and none on another
 * route's requests. A greedy route (`{proxy+}`) necessarily matches every path; API Gateway
 * sends a path to the most specific resource, so that overlap cannot route a request there.
 */
export function permissionProblems(
  permissions: readonly PermissionUnderTest[],
  routes: readonly Route[],
  executionArn: string,
  stage: string,
): string[] {
  const problems: string[] = [];
  const foreignApi = executionArn.replace(/[^/:]+$/, 'otherapi01');
  const foreignAccount = executionArn.replace(/:\d{12}:/, ':999999999999:');
  for (const { route, sourceArn } of permissions) {
    const label = `${route.method} ${route.path} (source_arn ${sourceArn})`;
    for (const arn of requestArns(executionArn, stage, route)) {
      if (!arnLike(sourceArn, arn)) problems.push(`${label} refuses its own request ${arn}`);
    }
    for (const base of [foreignApi, foreignAccount]) {
      for (const arn of requestArns(base, stage, route)) {
        if (arnLike(sourceArn, arn)) problems.push(`${label} allows a request on another API: ${arn}`);
      }
    }
    if (/\{[A-Za-z0-9_]+\+\}/.test(route.path)) continue;
    for (const other of routes.filter((r) => r !== route)) {
      for (const arn of requestArns(executionArn, stage, other)) {
        if (arnLike(sourceArn, arn)) problems.push(`${label} allows ${other.method} ${other.path}: ${arn}`);
      }
    }
  }
  return problems;
}

/** Cognito's grant on the trigger, as read back (`AWS:SourceArn`, `AWS:SourceAccount`). */
export interface TriggerGrantUnderTest {
  readonly sourceArn: string;
  readonly sourceAccount?: string;
}

/** `arn` with one ARN component replaced (1 partition, 3 region, 4 account). */
function withComponent(arn: string, index: number, value: string): string {
  const parts = arnComponents(arn) ?? [];
  parts[index] = value;
  return parts.join(':');
}

/**
 * Problems with the trigger's invoke permission (empty when it is right): exactly one grant
 * for Cognito; under ArnLike its source ARN matches each deployed pool's ARN and no pool ARN
 * of another account, region or partition; its source account is the pools' account.
 */
export function triggerPermissionProblems(
  grants: readonly TriggerGrantUnderTest[],
  poolArns: readonly string[],
): string[] {
  if (grants.length !== 1) return [`${grants.length} Cognito invoke grants on the trigger, want 1`];
  const [{ sourceArn, sourceAccount } = { sourceArn: '' }] = grants;
  const label = `trigger grant (source_arn ${sourceArn})`;
  const problems: string[] = [];
  for (const pool of poolArns) {
    if (!arnLike(sourceArn, pool)) problems.push(`${label} refuses the deployed pool ${pool}`);
    const account = arnComponents(pool)?.[4] ?? '';
    if (sourceAccount !== account) {
      problems.push(`${label}: source account ${sourceAccount ?? 'missing'}, the pool's is ${account}`);
    }
    const region = arnComponents(pool)?.[3] ?? '';
    const foreign = [
      withComponent(pool, 4, account === '999999999999' ? '888888888888' : '999999999999'),
      withComponent(pool, 3, region === 'us-east-1' ? 'eu-west-1' : 'us-east-1'),
      withComponent(pool, 1, arnComponents(pool)?.[1] === 'aws' ? 'aws-cn' : 'aws'),
    ];
    for (const arn of foreign) {
      if (arnLike(sourceArn, arn))
        problems.push(`${label} allows a pool of another account or region: ${arn}`);
    }
  }
  return [...new Set(problems)];
}
