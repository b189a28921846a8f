/**
 * Resource types of the synthesized stack that the local twin knows and deliberately does
 * not run, each with its reason. A type in neither this list nor the modelled ones refuses
 * the start, naming the resource, so nothing new is silently skipped.
 */
export const IGNORED_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  aws_api_gateway_account: 'account-wide CloudWatch role for API Gateway logs',
  aws_api_gateway_client_certificate:
    'certificate API Gateway presents to an HTTPS service; the local service is plain HTTP',
  aws_api_gateway_deployment: 'a snapshot of the methods; the twin serves them directly',
  aws_api_gateway_rest_api: 'only its id/execution ARN are used (local values)',
  aws_api_gateway_domain_name: 'custom domains: the local gateway answers on every host',
  aws_api_gateway_base_path_mapping: 'custom domains: the local gateway answers on every host',
  aws_cloudwatch_log_group: 'logs go to the state folder',
  aws_iam_role: 'IAM is not enforced locally',
  aws_iam_role_policy: 'IAM is not enforced locally',
  aws_iam_role_policy_attachment: 'IAM is not enforced locally',
  aws_cognito_user_pool:
    'pools are created in cognito-local from the environment file (seed.ts), matched by name',
  aws_cognito_user_pool_client: 'app clients are created in cognito-local (seed.ts)',
  aws_cognito_user_pool_domain: 'the hosted UI is the managed-login stand-in',
  aws_cognito_identity_provider: 'the local sign-in does not federate (see README)',
  aws_cognito_user_group: 'groups are created with the demo users',
  aws_ssm_parameter:
    'the same registry entries are written to the Parameter Store stand-in (registryEntries)',
  aws_dynamodb_table_item: 'the same registry entries are written to dynalite (registryEntries)',
  aws_wafv2_web_acl: 'no WAF locally (rate rules, origin secret)',
  aws_wafv2_web_acl_association: 'no WAF locally',
  aws_wafv2_web_acl_logging_configuration: 'no WAF locally',
  aws_s3_bucket: 'CloudFront/S3 hosting: the local web server serves the SPA',
  aws_s3_bucket_public_access_block: 'CloudFront/S3 hosting',
  aws_s3_bucket_ownership_controls: 'CloudFront/S3 hosting',
  aws_s3_bucket_server_side_encryption_configuration: 'CloudFront/S3 hosting',
  aws_s3_bucket_policy: 'CloudFront/S3 hosting',
  aws_s3_object: 'CloudFront/S3 hosting',
  aws_cloudfront_distribution: 'CloudFront/S3 hosting: the local web server proxies the API paths',
  aws_cloudfront_origin_access_control: 'CloudFront/S3 hosting',
  aws_cloudfront_function: 'CloudFront/S3 hosting',
  aws_cloudfront_response_headers_policy: 'CloudFront/S3 hosting',
  aws_acm_certificate: 'certificates: the local stack is plain HTTP',
  aws_acm_certificate_validation: 'certificates: the local stack is plain HTTP',
  aws_route53_record: 'DNS: *.localhost resolves to loopback',
  aws_cloudwatch_metric_alarm: 'operations alarms: no CloudWatch locally (logs go to the state folder)',
  aws_cloudwatch_dashboard: 'operations dashboard: no CloudWatch locally',
  aws_cloudwatch_log_metric_filter: 'operations metrics from logs: no CloudWatch locally',
  aws_sns_topic: 'the alarm topic: no alarms locally',
  aws_sns_topic_subscription: 'the alarm topic: no alarms locally',
  terraform_data: 'deploy-time values (origin secret slots)',
};
