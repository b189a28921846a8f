/** Resource names of an environment: `ct-<environment>-<what>`, short enough for every AWS limit. */
import { shardSuffix } from '@cognito-tenancy/registry/shared-pools';
import type { LambdaName } from './lambda-functions';

export function namePrefix(environment: string): string {
  return `ct-${environment}`;
}

export const resourceNames = (environment: string) => {
  const prefix = namePrefix(environment);
  return {
    tenantTable: `${prefix}-tenants`,
    revocationTable: `${prefix}-revocations`,
    petsTable: `${prefix}-pets`,
    /** The shared pool's shard `shared-00` (the pool from before sharding). */
    sharedPool: `${prefix}-shared`,
    /** A shard of the shared pool: `<prefix>-shared` for `shared-00`, `<prefix>-shared-NN` for the others. */
    sharedPoolShard: (shard: string) => `${prefix}-shared${shardSuffix(shard)}`,
    dedicatedPool: (tenantId: string) => `${prefix}-${tenantId}`,
    lambda: (name: LambdaName) => `${prefix}-${name}`,
    api: `${prefix}-api`,
    webAcl: `${prefix}-api-public`,
    apiGatewayLoggingRole: `${prefix}-apigw-cloudwatch`,
    alarmTopic: `${prefix}-alarms`,
    dashboard: `${prefix}-operations`,
  };
};
