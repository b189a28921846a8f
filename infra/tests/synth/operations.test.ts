/**
 * Alarms, log metric filters, the dashboard and the alarm topic, read from the synthesized
 * stacks: every name an alarm or a dashboard graph watches must be a resource of the same
 * stack (function, table, API and stage, or a metric filter's metric).
 */
import { describe, expect, it } from '@jest/globals';
import { namePrefix, resourceNames } from '../../src/names';
import { DEFAULT_THRESHOLDS, operationsNamespace } from '../../src/operations-metrics';
import { type Body, environmentOf, resources, type StackJson, stack } from '../support/synthesized';
import { rawEnvironment, synthVariant } from '../support/variant-stack';

/** Names the stack deploys, read from its resources (not from the code under test). */
function deployed(s: StackJson) {
  const names = (type: string, field: string) => new Set(resources(s, type).map(([, body]) => body[field]));
  return {
    functions: names('aws_lambda_function', 'function_name'),
    tables: names('aws_dynamodb_table', 'name'),
    apis: names('aws_api_gateway_rest_api', 'name'),
    stages: names('aws_api_gateway_stage', 'stage_name'),
    filtered: new Set(
      resources(s, 'aws_cloudwatch_log_metric_filter').map(
        ([, body]) => `${body.metric_transformation.namespace}/${body.metric_transformation.name}`,
      ),
    ),
  };
}

/** Problems with one metric (namespace, name, dimensions) against what the stack deploys. */
function unknownMetric(
  s: StackJson,
  namespace: string,
  metricName: string,
  dimensions: Record<string, string>,
): string[] {
  const d = deployed(s);
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(`${namespace} ${metricName}: ${what}`);
  };
  if (namespace === 'AWS/Lambda')
    check(d.functions.has(dimensions.FunctionName), `function ${dimensions.FunctionName}`);
  else if (namespace === 'AWS/DynamoDB')
    check(d.tables.has(dimensions.TableName), `table ${dimensions.TableName}`);
  else if (namespace === 'AWS/ApiGateway') {
    check(d.apis.has(dimensions.ApiName), `API ${dimensions.ApiName}`);
    check(d.stages.has(dimensions.Stage), `stage ${dimensions.Stage}`);
  } else check(d.filtered.has(`${namespace}/${metricName}`), 'no metric filter publishes it');
  return problems;
}

function alarms(s: StackJson): Map<string, Body> {
  return new Map(resources(s, 'aws_cloudwatch_metric_alarm').map(([, body]) => [body.alarm_name, body]));
}

function alarm(s: StackJson, name: string): Body {
  const found = alarms(s).get(name);
  if (found === undefined) throw new Error(`no alarm ${name}`);
  return found;
}

describe.each(['dev', 'prod'])('operations of %s', (environment) => {
  const s = stack(environment);
  const env = environmentOf(environment);
  const prefix = namePrefix(environment);
  const names = resourceNames(environment);
  const namespace = operationsNamespace(prefix);
  const threshold = (key: keyof typeof DEFAULT_THRESHOLDS) =>
    env.operations?.thresholds?.[key] ?? DEFAULT_THRESHOLDS[key];
  const apiDimensions = { ApiName: names.api, Stage: environment };

  it('names every alarm after the environment, never breaching on missing data', () => {
    expect(alarms(s).size).toBeGreaterThan(10);
    for (const [name, body] of alarms(s)) {
      expect(name.startsWith(`${prefix}-`)).toBe(true);
      expect(body.treat_missing_data).toBe('notBreaching');
      expect(body.evaluation_periods).toBeGreaterThanOrEqual(body.datapoints_to_alarm);
    }
  });

  it('alarms on authorizer errors and SSM throttling from the metric filters', () => {
    expect(alarm(s, `${prefix}-authorizer-errors`)).toMatchObject({
      namespace,
      metric_name: 'AuthorizerErrors',
      statistic: 'Sum',
      period: 300,
      threshold: threshold('authorizerErrors'),
      comparison_operator: 'GreaterThanOrEqualToThreshold',
    });
    expect(alarm(s, `${prefix}-ssm-throttled`)).toMatchObject({
      namespace,
      metric_name: 'SsmThrottled',
      statistic: 'Sum',
      threshold: threshold('ssmThrottles'),
    });
  });

  it('alarms on API p99 latency, 5xx rate and 429s of its own API and stage', () => {
    expect(alarm(s, `${prefix}-api-latency-p99`)).toMatchObject({
      namespace: 'AWS/ApiGateway',
      metric_name: 'Latency',
      dimensions: apiDimensions,
      extended_statistic: 'p99',
      threshold: threshold('apiLatencyP99Ms'),
      comparison_operator: 'GreaterThanThreshold',
    });
    expect(alarm(s, `${prefix}-api-5xx-rate`)).toMatchObject({
      namespace: 'AWS/ApiGateway',
      metric_name: '5XXError',
      dimensions: apiDimensions,
      statistic: 'Average',
      threshold: threshold('api5xxPercent') / 100,
    });
    expect(alarm(s, `${prefix}-api-throttled`)).toMatchObject({
      namespace,
      metric_name: 'ApiThrottled',
      threshold: threshold('api429Count'),
    });
  });

  it('alarms on the deny rate: 401/403 from the access log over the stage request count', () => {
    const body = alarm(s, `${prefix}-denied-rate`);
    expect(body.threshold).toBe(threshold('deniedPercent'));
    const queries = body.metric_query as Body[];
    expect(queries.filter((q) => q.return_data === true)).toHaveLength(1);
    const byId = new Map(queries.map((q) => [q.id, q]));
    expect(byId.get('denied')?.metric).toMatchObject({ namespace, metric_name: 'ApiDenied', stat: 'Sum' });
    expect(byId.get('requests')?.metric).toMatchObject({
      namespace: 'AWS/ApiGateway',
      metric_name: 'Count',
      dimensions: apiDimensions,
      stat: 'Sum',
    });
    expect(queries.find((q) => q.return_data)?.expression).toMatch(/100 \* FILL\(denied, 0\) \/ requests/);
  });

  it('alarms on the authorizer p99 duration', () => {
    expect(alarm(s, `${prefix}-authorizer-latency-p99`)).toMatchObject({
      namespace: 'AWS/Lambda',
      metric_name: 'Duration',
      dimensions: { FunctionName: names.lambda('authorizer') },
      extended_statistic: 'p99',
      threshold: threshold('authorizerLatencyP99Ms'),
    });
  });

  it('alarms on throttles of every function the stack deploys', () => {
    const throttled = [...alarms(s).values()]
      .filter((body) => body.namespace === 'AWS/Lambda' && body.metric_name === 'Throttles')
      .map((body) => body.dimensions.FunctionName)
      .sort();
    expect(throttled).toEqual([...deployed(s).functions].sort());
    for (const body of alarms(s).values()) {
      if (body.metric_name === 'Throttles') expect(body.threshold).toBe(threshold('lambdaThrottles'));
    }
  });

  it('alarms on read and write throttle events of every table', () => {
    const watched = [...alarms(s).values()]
      .filter((body) => body.alarm_name.startsWith(`${prefix}-dynamodb-throttles-`))
      .map((body) => {
        const metrics = (body.metric_query as Body[])
          .filter((q) => q.metric !== undefined)
          .map((q) => q.metric);
        expect(metrics.map((m) => m.metric_name).sort()).toEqual([
          'ReadThrottleEvents',
          'WriteThrottleEvents',
        ]);
        expect(new Set(metrics.map((m) => m.dimensions.TableName)).size).toBe(1);
        expect(body.threshold).toBe(threshold('dynamodbThrottles'));
        return metrics[0].dimensions.TableName;
      })
      .sort();
    expect(watched).toEqual([...deployed(s).tables].sort());
  });

  it('alarms on pre-token-gen errors when the trigger is deployed', () => {
    const trigger = names.lambda('pre-token-gen');
    expect(alarms(s).has(`${prefix}-pre-token-gen-errors`)).toBe(deployed(s).functions.has(trigger));
    if (deployed(s).functions.has(trigger)) {
      expect(alarm(s, `${prefix}-pre-token-gen-errors`)).toMatchObject({
        namespace: 'AWS/Lambda',
        metric_name: 'Errors',
        dimensions: { FunctionName: trigger },
        threshold: threshold('preTokenGenErrors'),
      });
    }
  });

  it('watches only metrics that exist in this stack', () => {
    const problems = [...alarms(s).values()].flatMap((body) =>
      body.metric_query === undefined
        ? unknownMetric(s, body.namespace, body.metric_name, body.dimensions ?? {})
        : (body.metric_query as Body[])
            .filter((q) => q.metric !== undefined)
            .flatMap((q) =>
              unknownMetric(s, q.metric.namespace, q.metric.metric_name, q.metric.dimensions ?? {}),
            ),
    );
    expect(problems).toEqual([]);
  });

  it('filters the authorizer, config-resolver and access log groups of this stack', () => {
    const groups = new Map(resources(s, 'aws_cloudwatch_log_group').map(([key, body]) => [key, body.name]));
    const read = resources(s, 'aws_cloudwatch_log_metric_filter').map(([, body]) => {
      const key = /^\$\{aws_cloudwatch_log_group\.([^.]+)\.name\}$/.exec(body.log_group_name)?.[1];
      expect(body.name.startsWith(`${prefix}-`)).toBe(true);
      return groups.get(key ?? '');
    });
    expect(new Set(read)).toEqual(
      new Set([
        `/aws/lambda/${names.lambda('authorizer')}`,
        `/aws/lambda/${names.lambda('config-resolver')}`,
        `/aws/apigateway/${names.api}/${environment}`,
      ]),
    );
  });

  describe('dashboard', () => {
    const [[, dashboard] = ['', {}]] = resources(s, 'aws_cloudwatch_dashboard');
    const body = JSON.parse(dashboard.dashboard_body as string) as { widgets: Body[] };

    it('is named after the environment and its body is JSON with widgets', () => {
      expect(resources(s, 'aws_cloudwatch_dashboard')).toHaveLength(1);
      expect(dashboard.dashboard_name).toBe(`${prefix}-operations`);
      expect(body.widgets.length).toBeGreaterThan(4);
    });

    it('shows the state of every alarm of the stack', () => {
      const widget = body.widgets.find((w) => w.type === 'alarm');
      const keys = resources(s, 'aws_cloudwatch_metric_alarm').map(
        ([key]) => `\${aws_cloudwatch_metric_alarm.${key}.arn}`,
      );
      expect([...(widget?.properties.alarms ?? [])].sort()).toEqual(keys.sort());
    });

    it('graphs only metrics that exist in this stack, in its region', () => {
      const problems: string[] = [];
      let lines = 0;
      for (const widget of body.widgets.filter((w) => w.type === 'metric')) {
        expect(widget.properties.region).toBe(env.region);
        for (const line of widget.properties.metrics as unknown[][]) {
          lines++;
          const parts = line.filter((part): part is string => typeof part === 'string');
          const [ns = '', metric = '', ...pairs] = parts;
          const dimensions: Record<string, string> = {};
          for (let i = 0; i + 1 < pairs.length; i += 2)
            dimensions[pairs[i] as string] = pairs[i + 1] as string;
          problems.push(...unknownMetric(s, ns, metric, dimensions));
        }
      }
      expect(lines).toBeGreaterThan(15);
      expect(problems).toEqual([]);
    });
  });

  it('creates the alarm topic and its subscriptions only as the file says', () => {
    const topic = env.operations?.alarmTopic;
    const topics = resources(s, 'aws_sns_topic');
    const subscriptions = resources(s, 'aws_sns_topic_subscription');
    if (topic?.create !== true) {
      expect(topics).toEqual([]);
      expect(subscriptions).toEqual([]);
    } else {
      expect(topics.map(([, t]) => t.name)).toEqual([names.alarmTopic]);
      expect(subscriptions.map(([, sub]) => [sub.protocol, sub.endpoint]).sort()).toEqual(
        (topic.emailSubscriptions ?? []).map((address) => ['email', address]).sort(),
      );
    }
    const expectedAction =
      topic === undefined ? undefined : (topic.arn ?? `\${aws_sns_topic.${topics[0]?.[0]}.arn}`);
    for (const body of alarms(s).values()) {
      expect(body.alarm_actions).toEqual(expectedAction === undefined ? undefined : [expectedAction]);
      expect(body.ok_actions).toEqual(expectedAction === undefined ? undefined : [expectedAction]);
    }
  });
});

describe('operations settings in a variant of dev', () => {
  const dev = rawEnvironment('dev');

  it('without an alarm topic: no SNS resources and alarms without actions', () => {
    const s = synthVariant({ ...dev, operations: { thresholds: { apiLatencyP99Ms: 750 } } });
    expect(resources(s, 'aws_sns_topic')).toEqual([]);
    expect(resources(s, 'aws_sns_topic_subscription')).toEqual([]);
    for (const body of alarms(s).values()) expect(body.alarm_actions).toBeUndefined();
    expect(alarm(s, 'ct-dev-api-latency-p99').threshold).toBe(750);
    expect(alarm(s, 'ct-dev-authorizer-latency-p99').threshold).toBe(
      DEFAULT_THRESHOLDS.authorizerLatencyP99Ms,
    );
  });

  it('with a created topic: the topic, one email subscription per address, alarm and OK actions', () => {
    const s = synthVariant({
      ...dev,
      operations: { alarmTopic: { create: true, emailSubscriptions: ['a@example.com', 'b@example.com'] } },
    });
    const [[key, topic] = ['', {}]] = resources(s, 'aws_sns_topic');
    expect(topic.name).toBe('ct-dev-alarms');
    expect(topic).not.toHaveProperty('kms_master_key_id');
    const subscriptions = resources(s, 'aws_sns_topic_subscription').map(([, sub]) => sub);
    expect(subscriptions.map((sub) => sub.endpoint).sort()).toEqual(['a@example.com', 'b@example.com']);
    for (const sub of subscriptions)
      expect(sub).toMatchObject({ protocol: 'email', topic_arn: `\${aws_sns_topic.${key}.arn}` });
    const action = [`\${aws_sns_topic.${key}.arn}`];
    for (const body of alarms(s).values())
      expect(body).toMatchObject({ alarm_actions: action, ok_actions: action });
  });

  it('with an existing topic of the same region: notifies it and creates none', () => {
    const arn = `arn:aws:sns:${dev.region as string}:123456789012:oncall`;
    const s = synthVariant({ ...dev, operations: { alarmTopic: { arn } } });
    expect(resources(s, 'aws_sns_topic')).toEqual([]);
    for (const body of alarms(s).values())
      expect(body).toMatchObject({ alarm_actions: [arn], ok_actions: [arn] });
  });

  it('refuses a topic of another region, naming the field and the fix', () => {
    const arn = 'arn:aws:sns:ap-southeast-2:123456789012:oncall';
    expect(() => synthVariant({ ...dev, operations: { alarmTopic: { arn } } })).toThrow(
      /operations\.alarmTopic\.arn: the topic is in ap-southeast-2.*name a topic in eu-/,
    );
  });
});
