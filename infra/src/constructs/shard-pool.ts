/**
 * A shard of the shared pool in the tenant-stacks layout's platform stack: the pool and its
 * hosted UI domain only (each shared tenant's stack adds its IdP and its own client), and the
 * parameter that tells tenant stacks the pool's id.
 */
import type { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool/index.js';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter/index.js';
import type { PoolIdentifiers } from '@cognito-tenancy/registry/registry-entries';
import { Construct } from 'constructs';
import { cognitoIssuerUrl } from '../aws-context';
import { type PoolCoreProps, poolCore } from './pool-parts';

/**
 * The parameter tenant stacks read a shard's pool id from, at `<pool construct>/published-id`
 * in both layouts (a one-stack shard with `sharedTenantClients` writes it too, so a migration
 * keeps it where it is).
 */
export function publishPoolId(scope: Construct, userPoolId: string, name: string): SsmParameter {
  return new SsmParameter(scope, 'published-id', {
    name,
    type: 'String',
    tier: 'Standard',
    value: userPoolId,
    description: 'cognito-tenancy shared pool shard (read by tenant stacks)',
  });
}

export interface ShardPoolProps extends PoolCoreProps {
  /** Where tenant stacks read the pool id (stack-layout.ts). */
  readonly publishedAs: string;
}

export class ShardPool extends Construct {
  readonly pool: CognitoUserPool;
  readonly hostedUiDomain: string;
  /** No common client: `clientId` is empty and the issuer record lists none. */
  readonly identifiers: PoolIdentifiers;

  constructor(scope: Construct, id: string, props: ShardPoolProps) {
    super(scope, id);
    const core = poolCore(this, props);
    this.pool = core.pool;
    this.hostedUiDomain = core.hostedUiDomain;
    publishPoolId(this, core.pool.id, props.publishedAs);
    this.identifiers = {
      userPoolId: core.pool.id,
      clientId: '',
      cognitoDomain: core.hostedUiDomain,
      issuer: cognitoIssuerUrl(props.ctx, core.pool.id),
    };
  }
}
