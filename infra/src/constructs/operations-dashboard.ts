/**
 * The environment's CloudWatch dashboard `<prefix>-operations`: alarm states first, then the
 * metrics the alarms watch (API traffic and latency, the authorizer, every function's errors,
 * throttles and duration, DynamoDB and SSM throttling), so a page leads to its graph.
 */
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard/index.js';
import { Construct } from 'constructs';
import { jsonAttribute } from '../json-attribute';
import { operationsNamespace, type WatchedResources } from '../operations-metrics';

/** `[namespace, metric, dimension name, value, ..., options]`, CloudWatch's metric array. */
type MetricLine = (string | Record<string, string>)[];

interface Widget {
  readonly title: string;
  readonly metrics: MetricLine[];
  readonly stat: string;
}

export interface DashboardInput extends WatchedResources {
  readonly region: string;
  /** ARNs of the alarms, for the alarm status widget. */
  readonly alarmArns: readonly string[];
}

const WIDTH = 12;
const HEIGHT = 6;
const PERIOD = 300;

/** The dashboard body (CloudWatch's dashboard JSON), as an object. */
export function dashboardBody(input: DashboardInput): { widgets: Record<string, unknown>[] } {
  const custom = (metricName: string, label: string): MetricLine => [
    operationsNamespace(input.prefix),
    metricName,
    { label },
  ];
  const fns = [...input.functions.entries()];
  const lambda = (metricName: string, stat?: string): MetricLine[] =>
    fns.map(([fn, functionName]) => [
      'AWS/Lambda',
      metricName,
      'FunctionName',
      functionName,
      { label: fn, ...(stat === undefined ? {} : { stat }) },
    ]);
  const graphs: Widget[] = [];
  const { api } = input;
  if (api !== undefined) {
    const apiLine = (metricName: string, options: Record<string, string>): MetricLine => [
      'AWS/ApiGateway',
      metricName,
      'ApiName',
      api.name,
      'Stage',
      api.stage,
      options,
    ];
    graphs.push(
      {
        title: 'API requests, errors, denied (401/403), throttled (429)',
        stat: 'Sum',
        metrics: [
          apiLine('Count', { label: 'requests' }),
          apiLine('4XXError', { label: '4xx' }),
          apiLine('5XXError', { label: '5xx' }),
          custom('ApiDenied', 'denied (401/403)'),
          custom('ApiThrottled', 'throttled (429)'),
        ],
      },
      {
        title: 'API latency (ms)',
        stat: 'p99',
        metrics: [
          apiLine('Latency', { label: 'latency p50', stat: 'p50' }),
          apiLine('Latency', { label: 'latency p99', stat: 'p99' }),
          apiLine('IntegrationLatency', { label: 'integration p99', stat: 'p99' }),
        ],
      },
    );
  }
  const authorizer = input.functions.get('authorizer');
  if (authorizer !== undefined) {
    graphs.push({
      title: 'Authorizer: p99 duration (ms), errors, SSM throttled',
      stat: 'Sum',
      metrics: [
        ['AWS/Lambda', 'Duration', 'FunctionName', authorizer, { label: 'duration p99', stat: 'p99' }],
        custom('AuthorizerErrors', 'authorizer errors'),
        custom('SsmThrottled', 'SSM throttled (authorizer + config-resolver)'),
      ],
    });
  }
  if (fns.length > 0) {
    graphs.push(
      { title: 'Lambda errors', stat: 'Sum', metrics: lambda('Errors') },
      { title: 'Lambda throttles', stat: 'Sum', metrics: lambda('Throttles') },
      { title: 'Lambda duration p99 (ms)', stat: 'p99', metrics: lambda('Duration') },
    );
  }
  const tables = [...input.tables.entries()];
  if (tables.length > 0) {
    graphs.push({
      title: 'DynamoDB throttle events',
      stat: 'Sum',
      metrics: tables.flatMap(([table, tableName]) =>
        ['ReadThrottleEvents', 'WriteThrottleEvents'].map(
          (metricName): MetricLine => [
            'AWS/DynamoDB',
            metricName,
            'TableName',
            tableName,
            { label: `${table} ${metricName === 'ReadThrottleEvents' ? 'reads' : 'writes'}` },
          ],
        ),
      ),
    });
  }
  const alarmHeight = 2 + Math.ceil(input.alarmArns.length / 4);
  const widgets: Record<string, unknown>[] = [
    {
      type: 'alarm',
      x: 0,
      y: 0,
      width: 2 * WIDTH,
      height: alarmHeight,
      properties: { title: 'Alarms', alarms: [...input.alarmArns], sortBy: 'stateUpdatedTimestamp' },
    },
    ...graphs.map((graph, index) => ({
      type: 'metric',
      x: (index % 2) * WIDTH,
      y: alarmHeight + Math.floor(index / 2) * HEIGHT,
      width: WIDTH,
      height: HEIGHT,
      properties: {
        title: graph.title,
        region: input.region,
        view: 'timeSeries',
        stacked: false,
        stat: graph.stat,
        period: PERIOD,
        metrics: graph.metrics,
      },
    })),
  ];
  return { widgets };
}

export interface OperationsDashboardProps extends DashboardInput {
  readonly dashboardName: string;
}

export class OperationsDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    this.dashboard = new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: props.dashboardName,
      dashboardBody: jsonAttribute(this, dashboardBody(props)),
    });
  }
}
