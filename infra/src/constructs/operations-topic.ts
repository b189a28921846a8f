/**
 * Where alarms notify (`operations.alarmTopic`): an SNS topic of this stack with optional
 * email subscriptions (each address confirms by mail before it receives anything), or an
 * existing topic by ARN, which must be in the environment's region (CloudWatch alarms
 * notify topics of their own region only).
 */
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic/index.js';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription/index.js';
import type { Environment } from '@cognito-tenancy/registry/environment';
import { Construct } from 'constructs';

export type AlarmTopicSettings = NonNullable<NonNullable<Environment['operations']>['alarmTopic']>;

export interface OperationsTopicProps {
  readonly topicName: string;
  readonly settings: AlarmTopicSettings;
  readonly region: string;
  /** The environment file, for messages. */
  readonly source: string;
}

export class OperationsTopic extends Construct {
  /** The ARN alarms notify. */
  readonly arn: string;
  readonly topic?: SnsTopic;

  constructor(scope: Construct, id: string, props: OperationsTopicProps) {
    super(scope, id);
    const { settings } = props;
    if (settings.arn !== undefined) {
      const region = settings.arn.split(':')[3];
      if (region !== props.region) {
        throw new Error(
          `${props.source}: operations.alarmTopic.arn: the topic is in ${region}, but alarms of this environment live in ${props.region} and can only notify a topic there: name a topic in ${props.region}, or set "create": true`,
        );
      }
      this.arn = settings.arn;
      return;
    }
    // No KMS key: CloudWatch cannot publish to a topic encrypted with the AWS managed key (aws/sns).
    this.topic = new SnsTopic(this, 'topic', { name: props.topicName, displayName: props.topicName });
    this.arn = this.topic.arn;
    for (const [index, address] of (settings.emailSubscriptions ?? []).entries()) {
      new SnsTopicSubscription(this, `email-${index}`, {
        topicArn: this.topic.arn,
        protocol: 'email',
        endpoint: address,
      });
    }
  }
}
