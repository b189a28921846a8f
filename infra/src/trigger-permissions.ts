/**
 * How Cognito may invoke pre-token-gen: one permission for this account's pools in the
 * region, the same however many pools an environment has. A grant per pool would change the
 * platform's function policy whenever a tenant is added (issue #21: a tenant changes no
 * platform resource), and its 20 KB limit ends per-pool grants at about 60 pools anyway.
 * The grant lets any pool of the account in the region invoke the trigger; the trigger binds
 * a tenant only from the registry (a pool with no `POOL#`/`IDP#` item fails `unknown-tenant`).
 */
import { type AwsContext, userPoolsArnPattern } from './aws-context';

/** The statement id of the trigger's grant in the function policy. */
export const TRIGGER_STATEMENT_ID = 'AllowCognitoPoolsOfThisAccount';

/** Cognito's grant to invoke the trigger, as infra and the copied-out wiring write it. */
export interface TriggerPermission {
  readonly statementId: string;
  readonly principal: 'cognito-idp.amazonaws.com';
  /** `arn:<partition>:cognito-idp:<region>:<account>:userpool/*`. */
  readonly sourceArn: string;
  /** Guards against a pool ARN of another account (confused deputy), besides the ARN itself. */
  readonly sourceAccount: string;
}

/** The one permission letting this account's pools in the region invoke the trigger. */
export function triggerPermission(ctx: AwsContext): TriggerPermission {
  return {
    statementId: TRIGGER_STATEMENT_ID,
    principal: 'cognito-idp.amazonaws.com',
    sourceArn: userPoolsArnPattern(ctx),
    sourceAccount: ctx.accountId,
  };
}
