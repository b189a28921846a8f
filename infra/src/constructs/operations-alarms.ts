/**
 * One CloudWatch alarm per {@link AlarmSpec}: missing data is not breaching (no traffic is
 * no problem), and alarm and OK transitions notify the topic when there is one.
 */
import {
  CloudwatchMetricAlarm,
  type CloudwatchMetricAlarmMetricQuery,
} from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js';
import { Construct } from 'constructs';
import type { AlarmSpec, MetricRef } from '../operations-metrics';

export interface OperationsAlarmsProps {
  readonly specs: readonly AlarmSpec[];
  /** SNS topic ARN notified on ALARM and OK. */
  readonly topicArn?: string;
}

const PERCENTILE = /^p\d+(\.\d+)?$/;

function query(id: string, metric: MetricRef, period: number): CloudwatchMetricAlarmMetricQuery {
  return {
    id,
    returnData: false,
    metric: {
      namespace: metric.namespace,
      metricName: metric.metricName,
      ...(Object.keys(metric.dimensions).length > 0 ? { dimensions: { ...metric.dimensions } } : {}),
      stat: metric.stat,
      period,
    },
  };
}

export class OperationsAlarms extends Construct {
  readonly alarms: readonly CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    const actions =
      props.topicArn === undefined ? {} : { alarmActions: [props.topicArn], okActions: [props.topicArn] };
    this.alarms = props.specs.map((spec) => {
      const common = {
        alarmName: spec.name,
        alarmDescription: `${spec.description} Threshold: operations.thresholds.${spec.key}. See infra/README.md, Operations.`,
        comparisonOperator: spec.comparison,
        threshold: spec.threshold,
        evaluationPeriods: spec.evaluationPeriods,
        datapointsToAlarm: spec.datapointsToAlarm,
        treatMissingData: 'notBreaching',
        ...actions,
      };
      const { metric } = spec;
      if (metric.kind === 'expression') {
        return new CloudwatchMetricAlarm(this, spec.name, {
          ...common,
          metricQuery: [
            ...Object.entries(metric.inputs).map(([input, ref]) => query(input, ref, spec.period)),
            { id: 'result', expression: metric.expression, label: metric.label, returnData: true },
          ],
        });
      }
      const { metric: ref } = metric;
      const percentile = PERCENTILE.test(ref.stat);
      return new CloudwatchMetricAlarm(this, spec.name, {
        ...common,
        namespace: ref.namespace,
        metricName: ref.metricName,
        ...(Object.keys(ref.dimensions).length > 0 ? { dimensions: { ...ref.dimensions } } : {}),
        period: spec.period,
        ...(percentile ? { extendedStatistic: ref.stat } : { statistic: ref.stat }),
        // A percentile over a handful of requests says little: evaluate it only with enough samples.
        ...(percentile ? { evaluateLowSampleCountPercentiles: 'ignore' } : {}),
      });
    });
  }
}
