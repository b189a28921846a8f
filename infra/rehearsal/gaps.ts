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
  /**
   * The emulator makes the provider replace it on every plan: accepted for the resources of
   * this type whose synthesized configuration passes the test (any attribute).
   */
  readonly replaced?: (config: Readonly<Record<string, unknown>>) => boolean;
}

export const PLAN_DRIFT: readonly PlanGap[] = [
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

/**
 * Provider waits the rehearsal shortens (rehearsal override only; a real deploy keeps them).
 * The provider sleeps before its first status read whatever the status is, and moto reports
 * the final state at once, so these waits prove nothing here.
 */
export const PROVIDER_WAIT_SETTINGS: readonly {
  readonly type: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly reason: string;
}[] = [
  {
    type: 'aws_cloudfront_distribution',
    settings: { wait_for_deployment: false },
    reason:
      'the provider waits 30 s before reading the status after each create and update; moto reports Deployed at once',
  },
  {
    type: 'aws_cognito_user_pool',
    settings: { lifecycle: { ignore_changes: ['user_pool_tier', 'tags_all'] } },
    reason:
      "moto 5.2 does not store UserPoolTier, so every plan updates the pool; and moto's UpdateUserPool resets the pool's other settings (UsernameConfiguration, ...) to defaults, after which the next plan replaces the pool. moto 5.2 has no cognito-idp TagResource (500 after 25 retries, about 50 min), so the `tenant` tag that migration adds to an existing pool is not applied there",
  },
];

/**
 * Just before destroy the rehearsal disables every distribution through the API (the call the
 * provider's delete makes first, then sleeping 30 s whatever the status); the delete then skips
 * that step and only its 15 s wait after DeleteDistribution remains.
 */
export const DISTRIBUTIONS_DISABLED_BEFORE_DESTROY =
  'distributions are disabled through the CloudFront API before destroy (the provider would do it inside destroy, then sleep 30 s)';

/** Waits the rehearsal cannot shorten, printed so the timing is explained. */
export const UNAVOIDABLE_WAITS: readonly string[] = [
  'aws_lambda_function create: the provider waits 5 s before its first State read (moto answers Active at once), one function at a time (it holds a lock while it reads a zip from `filename`): about 30 s for six',
  'aws_route53_record create: about 15 s each for the change to be INSYNC (in parallel; validation records, then alias records after the distribution)',
  'aws_cloudfront_distribution delete: 15 s after DeleteDistribution (provider delay; in parallel; the 30 s after disabling is avoided: DISTRIBUTIONS_DISABLED_BEFORE_DESTROY)',
];

/** moto settings for the rehearsal's servers. */
export const MOTO_SETTINGS: Readonly<Record<string, string>> = {
  // ACM certificates stay PENDING_VALIDATION for 60 s by default; aws_acm_certificate_validation would wait for it.
  MOTO_ACM_VALIDATION_WAIT: '0',
};
