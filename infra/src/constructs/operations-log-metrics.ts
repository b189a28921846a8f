/**
 * The metrics CloudWatch cannot give: metric filters on the authorizer's and
 * config-resolver's JSON lines (authorizer errors, SSM throttling) and on the stage's access
 * log (401/403, 429), counted into the environment's namespace (operations-metrics.ts).
 */
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter/index.js';
import { Construct } from 'constructs';
import { LOG_METRICS, type LogSource, operationsNamespace } from '../operations-metrics';

export interface OperationsLogMetricsProps {
  readonly prefix: string;
  /** Log group name (a reference, so the group exists first) per source the stack has. */
  readonly logGroups: Readonly<Partial<Record<LogSource, string>>>;
}

export class OperationsLogMetrics extends Construct {
  readonly filters: readonly CloudwatchLogMetricFilter[];

  constructor(scope: Construct, id: string, props: OperationsLogMetricsProps) {
    super(scope, id);
    this.filters = LOG_METRICS.flatMap((metric) => {
      const logGroupName = props.logGroups[metric.source];
      if (logGroupName === undefined) return [];
      return [
        new CloudwatchLogMetricFilter(this, metric.id, {
          name: `${props.prefix}-${metric.id}`,
          logGroupName,
          pattern: metric.pattern,
          // One per matching line; no default value, so quiet periods have no data (not breaching).
          metricTransformation: {
            name: metric.metricName,
            namespace: operationsNamespace(props.prefix),
            value: '1',
            unit: 'Count',
          },
        }),
      ];
    });
  }
}
