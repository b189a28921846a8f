/**
 * What an environment is watched by, as data: the metrics derived from log lines (metric
 * filters), every alarm with its metric, statistic, period and default threshold, and the
 * names they all carry. The constructs (constructs/operations-*.ts) only turn this into
 * resources, and infra/README.md (Operations) says what each alarm means.
 */
import type { Environment } from '@cognito-tenancy/registry/environment';
import type { LambdaName } from './lambda-functions';

export type Thresholds = NonNullable<NonNullable<Environment['operations']>['thresholds']>;
export type ThresholdKey = keyof Thresholds;

/** Defaults of `operations.thresholds` (units in the key). */
export const DEFAULT_THRESHOLDS: Readonly<Required<Thresholds>> = {
  authorizerErrors: 5,
  deniedPercent: 25,
  apiLatencyP99Ms: 3000,
  authorizerLatencyP99Ms: 1000,
  api5xxPercent: 1,
  api429Count: 20,
  lambdaThrottles: 1,
  preTokenGenErrors: 3,
  dynamodbThrottles: 1,
  ssmThrottles: 1,
};

/** The deny rate is computed only over periods with at least this many requests (few requests, noisy rate). */
export const DENIED_RATE_MIN_REQUESTS = 20;

/** Namespace of the metrics this stack derives from logs: one per environment, so two never mix. */
export function operationsNamespace(prefix: string): string {
  return `CognitoTenancy/${prefix}`;
}

/** Which log group a filter reads. */
export type LogSource = 'authorizer' | 'config-resolver' | 'access-log';

export interface LogMetric {
  /** Unique in the stack; the filter's name is `<prefix>-<id>`. */
  readonly id: string;
  readonly source: LogSource;
  /** CloudWatch Logs JSON filter pattern (see filter-pattern.ts for the subset). */
  readonly pattern: string;
  readonly metricName: string;
}

/**
 * The log-derived metrics. The authorizer and config-resolver write one JSON line per outcome
 * (`service` names the function: Lambda's own lines, such as the runtime's `Invoke Error` for
 * every 401 the authorizer throws, have none). The access log writes every field as a string.
 */
export const LOG_METRICS: readonly LogMetric[] = [
  {
    id: 'authorizer-errors',
    source: 'authorizer',
    pattern: '{ ($.service = "authorizer") && ($.level = "ERROR") }',
    metricName: 'AuthorizerErrors',
  },
  {
    id: 'authorizer-ssm-throttled',
    source: 'authorizer',
    pattern: '{ ($.service = "authorizer") && ($.detail = "ssm-throttled") }',
    metricName: 'SsmThrottled',
  },
  {
    id: 'config-resolver-ssm-throttled',
    source: 'config-resolver',
    pattern: '{ ($.service = "config-resolver") && ($.reason = "ssm-throttled") }',
    metricName: 'SsmThrottled',
  },
  {
    id: 'api-denied',
    source: 'access-log',
    pattern: '{ ($.status = "401") || ($.status = "403") }',
    metricName: 'ApiDenied',
  },
  { id: 'api-throttled', source: 'access-log', pattern: '{ $.status = "429" }', metricName: 'ApiThrottled' },
];

/** One CloudWatch metric with its statistic. */
export interface MetricRef {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** `Sum`, `Average`, ... or a percentile such as `p99`. */
  readonly stat: string;
}

export type AlarmMetric =
  | { readonly kind: 'metric'; readonly metric: MetricRef }
  | {
      readonly kind: 'expression';
      readonly expression: string;
      readonly label: string;
      /** Metric math ids (lowercase, used in `expression`) to metrics. */
      readonly inputs: Readonly<Record<string, MetricRef>>;
    };

export interface AlarmSpec {
  /** Full name, `<prefix>-<what>`. */
  readonly name: string;
  readonly key: ThresholdKey;
  readonly description: string;
  readonly metric: AlarmMetric;
  readonly threshold: number;
  readonly comparison: 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold';
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

/** What the environment deploys that alarms can watch. */
export interface WatchedResources {
  readonly prefix: string;
  /** Deployed functions, name -> function name. */
  readonly functions: ReadonlyMap<LambdaName, string>;
  /** Tables, short name (`tenants`, `revocations`, `pets`) -> table name. */
  readonly tables: ReadonlyMap<string, string>;
  /** The REST API and stage, when the environment has an `api`. */
  readonly api?: { readonly name: string; readonly stage: string };
}

const FIVE_MINUTES = 300;
/** Sustained problems: 2 of 3 five-minute periods. */
const SUSTAINED = { period: FIVE_MINUTES, evaluationPeriods: 3, datapointsToAlarm: 2 } as const;
/** Events that should not happen at all: any five-minute period. */
const ANY_PERIOD = { period: FIVE_MINUTES, evaluationPeriods: 1, datapointsToAlarm: 1 } as const;

const lambda = (functionName: string, metricName: string, stat: string): MetricRef => ({
  namespace: 'AWS/Lambda',
  metricName,
  dimensions: { FunctionName: functionName },
  stat,
});

/** Every alarm of the environment, thresholds from the file or the defaults. */
export function alarmSpecs(watched: WatchedResources, overrides: Thresholds = {}): AlarmSpec[] {
  const threshold = (key: ThresholdKey) => overrides[key] ?? DEFAULT_THRESHOLDS[key];
  const name = (what: string) => `${watched.prefix}-${what}`;
  const custom = (metricName: string): MetricRef => ({
    namespace: operationsNamespace(watched.prefix),
    metricName,
    dimensions: {},
    stat: 'Sum',
  });
  const specs: AlarmSpec[] = [];
  const { api } = watched;
  const authorizer = watched.functions.get('authorizer');

  if (api !== undefined) {
    const apiMetric = (metricName: string, stat: string): MetricRef => ({
      namespace: 'AWS/ApiGateway',
      metricName,
      dimensions: { ApiName: api.name, Stage: api.stage },
      stat,
    });
    specs.push(
      {
        name: name('denied-rate'),
        key: 'deniedPercent',
        description:
          'Percent of API requests answered 401 or 403 (access log), over periods with enough requests.',
        metric: {
          kind: 'expression',
          expression: `IF(requests >= ${DENIED_RATE_MIN_REQUESTS}, 100 * FILL(denied, 0) / requests, 0)`,
          label: 'denied percent',
          inputs: { denied: custom('ApiDenied'), requests: apiMetric('Count', 'Sum') },
        },
        threshold: threshold('deniedPercent'),
        comparison: 'GreaterThanThreshold',
        ...SUSTAINED,
      },
      {
        name: name('api-latency-p99'),
        key: 'apiLatencyP99Ms',
        description: 'p99 of API Gateway latency (ms), authorizer and integration included.',
        metric: { kind: 'metric', metric: apiMetric('Latency', 'p99') },
        threshold: threshold('apiLatencyP99Ms'),
        comparison: 'GreaterThanThreshold',
        ...SUSTAINED,
      },
      {
        name: name('api-5xx-rate'),
        key: 'api5xxPercent',
        description: 'Share of API requests answered 5xx (the 5XXError average, threshold in percent / 100).',
        metric: { kind: 'metric', metric: apiMetric('5XXError', 'Average') },
        // 5XXError is 0 or 1 per request: its average is the rate.
        threshold: threshold('api5xxPercent') / 100,
        comparison: 'GreaterThanThreshold',
        ...SUSTAINED,
      },
      {
        name: name('api-throttled'),
        key: 'api429Count',
        description: 'API requests answered 429 (stage or route throttling) in five minutes (access log).',
        metric: { kind: 'metric', metric: custom('ApiThrottled') },
        threshold: threshold('api429Count'),
        comparison: 'GreaterThanOrEqualToThreshold',
        ...ANY_PERIOD,
      },
    );
  }
  if (authorizer !== undefined) {
    specs.push(
      {
        name: name('authorizer-errors'),
        key: 'authorizerErrors',
        description:
          'Authorizer ERROR lines in five minutes: registry, keys or revocation unavailable, deadline, internal error.',
        metric: { kind: 'metric', metric: custom('AuthorizerErrors') },
        threshold: threshold('authorizerErrors'),
        comparison: 'GreaterThanOrEqualToThreshold',
        ...ANY_PERIOD,
      },
      {
        name: name('authorizer-latency-p99'),
        key: 'authorizerLatencyP99Ms',
        description: 'p99 of the authorizer Lambda duration (ms).',
        metric: { kind: 'metric', metric: lambda(authorizer, 'Duration', 'p99') },
        threshold: threshold('authorizerLatencyP99Ms'),
        comparison: 'GreaterThanThreshold',
        ...SUSTAINED,
      },
    );
  }
  const trigger = watched.functions.get('pre-token-gen');
  if (trigger !== undefined) {
    specs.push({
      name: name('pre-token-gen-errors'),
      key: 'preTokenGenErrors',
      description: 'Failed pre-token-gen invocations in five minutes: each is a refused sign-in.',
      metric: { kind: 'metric', metric: lambda(trigger, 'Errors', 'Sum') },
      threshold: threshold('preTokenGenErrors'),
      comparison: 'GreaterThanOrEqualToThreshold',
      ...ANY_PERIOD,
    });
  }
  for (const [fn, functionName] of watched.functions) {
    specs.push({
      name: name(`lambda-throttles-${fn}`),
      key: 'lambdaThrottles',
      description: `Throttled invocations of ${functionName} in five minutes (concurrency limit).`,
      metric: { kind: 'metric', metric: lambda(functionName, 'Throttles', 'Sum') },
      threshold: threshold('lambdaThrottles'),
      comparison: 'GreaterThanOrEqualToThreshold',
      ...ANY_PERIOD,
    });
  }
  for (const [table, tableName] of watched.tables) {
    const events = (metricName: string): MetricRef => ({
      namespace: 'AWS/DynamoDB',
      metricName,
      dimensions: { TableName: tableName },
      stat: 'Sum',
    });
    specs.push({
      name: name(`dynamodb-throttles-${table}`),
      key: 'dynamodbThrottles',
      description: `Throttled reads and writes on ${tableName} in five minutes.`,
      metric: {
        kind: 'expression',
        expression: 'FILL(reads, 0) + FILL(writes, 0)',
        label: 'throttle events',
        inputs: { reads: events('ReadThrottleEvents'), writes: events('WriteThrottleEvents') },
      },
      threshold: threshold('dynamodbThrottles'),
      comparison: 'GreaterThanOrEqualToThreshold',
      ...ANY_PERIOD,
    });
  }
  if (authorizer !== undefined || watched.functions.has('config-resolver')) {
    specs.push({
      name: name('ssm-throttled'),
      key: 'ssmThrottles',
      description: 'Registry reads SSM throttled in five minutes (authorizer and config-resolver log lines).',
      metric: { kind: 'metric', metric: custom('SsmThrottled') },
      threshold: threshold('ssmThrottles'),
      comparison: 'GreaterThanOrEqualToThreshold',
      ...ANY_PERIOD,
    });
  }
  return specs;
}
