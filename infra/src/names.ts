/** Resource names of an environment: `ct-<environment>-<what>`, short enough for every AWS limit. */
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
    sharedPool: `${prefix}-shared`,
    dedicatedPool: (tenantId: string) => `${prefix}-${tenantId}`,
    lambda: (name: LambdaName) => `${prefix}-${name}`,
    api: `${prefix}-api`,
    webAcl: `${prefix}-api-public`,
    apiGatewayLoggingRole: `${prefix}-apigw-cloudwatch`,
    alarmTopic: `${prefix}-alarms`,
    dashboard: `${prefix}-operations`,
  };
};
