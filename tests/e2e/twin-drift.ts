/**
 * Drift fixtures for the twin: edits of the synthesized stack that AWS would answer
 * differently, so a test can show the local stack answers as AWS would.
 */
import type { StackHooks } from '@cognito-tenancy/local-stack/stack';

type Document = Parameters<NonNullable<StackHooks['editSynthesized']>>[0];

/** Puts back the sign-out permission of before the fix: source ARN with the literal `{sub}`. */
export function signOutPermissionWithLiteralSub(document: Document): void {
  const permissions = document.resource.aws_lambda_permission ?? {};
  const entry = Object.entries(permissions).find(([, p]) =>
    String(p.source_arn).includes('/POST/admin/users/'),
  );
  if (entry === undefined) throw new Error('the synthesized stack has no sign-out permission');
  entry[1].source_arn = String(entry[1].source_arn).replace(
    /\/admin\/users\/[^/]+\/sign-out$/,
    '/admin/users/{sub}/sign-out',
  );
}

/** `TWIN_DRIFT=sign-out-sub` runs an e2e file against the drifted stack (to see it fail). */
export function driftFromEnvironment(): StackHooks {
  return process.env.TWIN_DRIFT === 'sign-out-sub'
    ? { editSynthesized: signOutPermissionWithLiteralSub }
    : {};
}
