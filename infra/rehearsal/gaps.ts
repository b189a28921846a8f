/**
 * What the emulator (moto 5.2) cannot do, in one place, each with its reason. The rehearsal
 * leaves the resources of {@link UNSUPPORTED_RESOURCES} out of the apply (count 0, references
 * to them dropped from the resources that use them) and accepts the plan differences of
 * {@link PLAN_DRIFT} on a second plan; everything else must apply and plan clean.
 */

export interface ResourceGap {
  /** Terraform resource type. */
  readonly type: string;
  readonly reason: string;
  /** Nested blocks of other resources that only attach this one: cut where they refer to it. */
  readonly blocks?: readonly string[];
}

export const UNSUPPORTED_RESOURCES: readonly ResourceGap[] = [
  {
    type: 'aws_cloudfront_function',
    reason: 'moto 5.2 has no CloudFront Functions API (CreateFunction answers 404)',
    blocks: ['function_association'],
  },
  {
    type: 'aws_s3_bucket_policy',
    reason:
      'moto 5.2 treats a bucket policy as the only authority (no IAM allow for the caller): the SPA bucket policy, which grants CloudFront only, makes every later read of the bucket by Terraform answer 403',
  },
  {
    type: 'aws_cloudfront_response_headers_policy',
    reason: 'moto 5.2 has no response headers policy API (CreateResponseHeadersPolicy answers 404)',
  },
];

export interface PlanGap {
  /** Resource type whose planned update is accepted. */
  readonly type: string;
  /** Attributes that may differ (any other planned change still fails the rehearsal). */
  readonly attributes: readonly string[];
  readonly reason: string;
  /** The emulator makes the provider replace it on every plan (any attribute). */
  readonly replaced?: boolean;
}

export const PLAN_DRIFT: readonly PlanGap[] = [
  ...['aws_acm_certificate', 'aws_acm_certificate_validation', 'aws_route53_record'].map((type) => ({
    type,
    attributes: [],
    replaced: true,
    reason:
      'moto 5.2 ACM certificates never reach the state the provider reads back (no domain validation options as issued): the prod certificate, its validation and its DNS validation records are planned for replacement again',
  })),
  {
    type: 'aws_lambda_function',
    attributes: ['logging_config'],
    reason: 'moto 5.2 does not store LoggingConfig (JSON log format, log group): the provider plans it again',
  },
  {
    type: 'aws_cognito_user_pool',
    attributes: ['user_pool_tier'],
    reason: 'moto 5.2 does not store UserPoolTier (feature plan): the provider plans it again',
  },
  {
    type: 'aws_cloudfront_distribution',
    attributes: ['default_cache_behavior', 'ordered_cache_behavior', 'origin', 'viewer_certificate'],
    reason:
      'moto 5.2 returns a partial DistributionConfig (no cache/origin request policy ids, origin access control, origin custom headers or TLS minimum): the provider plans them again',
  },
];

/** The state bucket's TLS-only policy is checked as written, then removed before the backend uses it. */
export const STATE_BUCKET_POLICY_GAP =
  'moto 5.2 evaluates a bucket policy as the only authority (the caller has no IAM allow there), so the deny-only TLS policy refuses every request; the rehearsal checks the policy bootstrap wrote and then deletes it in the emulator';
