/**
 * The hook that gives an environment its operations resources: log-derived metrics, alarms,
 * the dashboard, and the alarm topic when the file asks for one (`operations`).
 */
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import type { Construct } from 'constructs';
import { OperationsAlarms } from './constructs/operations-alarms';
import { OperationsDashboard } from './constructs/operations-dashboard';
import { OperationsLogMetrics } from './constructs/operations-log-metrics';
import { OperationsTopic } from './constructs/operations-topic';
import type { ZipFunction } from './constructs/zip-function';
import type { LambdaName } from './lambda-functions';
import { namePrefix, resourceNames } from './names';
import { alarmSpecs, type WatchedResources } from './operations-metrics';

export interface OperationsProps {
  readonly env: ResolvedEnvironment;
  /** The environment file, for messages. */
  readonly source: string;
  readonly functions: ReadonlyMap<LambdaName, ZipFunction>;
  /** Which optional tables the stack has (the tenant table always exists). */
  readonly tables: { readonly revocations: boolean; readonly pets: boolean };
  /** The stage's access log group, when the environment has an API. */
  readonly accessLogs?: CloudwatchLogGroup;
}

/** Names, not references, in alarms and the dashboard: resourceNames is what names the resources too. */
function watchedResources(props: OperationsProps): WatchedResources {
  const names = resourceNames(props.env.environment);
  return {
    prefix: namePrefix(props.env.environment),
    functions: new Map([...props.functions.keys()].map((fn) => [fn, names.lambda(fn)])),
    tables: new Map([
      ['tenants', names.tenantTable],
      ...(props.tables.revocations ? [['revocations', names.revocationTable] as const] : []),
      ...(props.tables.pets ? [['pets', names.petsTable] as const] : []),
    ]),
    ...(props.accessLogs === undefined ? {} : { api: { name: names.api, stage: props.env.environment } }),
  };
}

export function addOperations(scope: Construct, props: OperationsProps): void {
  const { env } = props;
  const names = resourceNames(env.environment);
  const watched = watchedResources(props);
  const settings = env.operations;
  const topic =
    settings?.alarmTopic === undefined
      ? undefined
      : new OperationsTopic(scope, 'operations-topic', {
          topicName: names.alarmTopic,
          settings: settings.alarmTopic,
          region: env.region,
          source: props.source,
        });
  new OperationsLogMetrics(scope, 'operations-log-metrics', {
    prefix: watched.prefix,
    // References, so each filter waits for its log group.
    logGroups: {
      ...(props.accessLogs === undefined ? {} : { 'access-log': props.accessLogs.name }),
      ...Object.fromEntries(
        (['authorizer', 'config-resolver'] as const).flatMap((fn) => {
          const zip = props.functions.get(fn);
          return zip === undefined ? [] : [[fn, zip.logGroup.name]];
        }),
      ),
    },
  });
  const alarms = new OperationsAlarms(scope, 'operations-alarms', {
    specs: alarmSpecs(watched, settings?.thresholds),
    ...(topic === undefined ? {} : { topicArn: topic.arn }),
  });
  new OperationsDashboard(scope, 'operations-dashboard', {
    dashboardName: names.dashboard,
    ...watched,
    region: env.region,
    alarmArns: alarms.alarms.map((alarm) => alarm.arn),
  });
}
