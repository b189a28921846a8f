/**
 * Hosting on the synthesized stacks (every environment file with `hosting`): private
 * bucket, distribution(s), origin secret, certificate, and the dev-without-DNS hosts.
 */
import { hostingAliases } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';
import { forwardHostFunction, SPA_FALLBACK_FUNCTION } from '../../src/cloudfront-functions';
import { CLOUDFRONT_HOSTED_ZONE_ID } from '../../src/constructs/distribution-dns';
import { MANAGED_POLICIES } from '../../src/constructs/spa-hosting';
import { apiPathPatterns } from '../../src/hosting-paths';
import { resourceNames } from '../../src/names';
import { ORIGIN_SECRET_HEADER } from '../../src/origin-secret';
import { CACHE_CONTROL, HSTS_MAX_AGE_SECONDS } from '../../src/security-headers';
import {
  type Body,
  environmentOf,
  environmentsWhere,
  ref,
  resources,
  resourceWhere,
  stack,
} from '../support/synthesized';

const ENVIRONMENTS = environmentsWhere((environment) => environment.hosting);

const keyOf = (reference: string) => /^\$\{[a-z_0-9]+\.([^.]+)\.[a-z_.]+\}$/.exec(reference)?.[1] ?? '(none)';

it('covers prod (certificate) and dev (no DNS)', () => {
  expect(ENVIRONMENTS).toEqual(expect.arrayContaining(['dev', 'prod']));
});

describe.each(ENVIRONMENTS)('hosting of %s', (environment) => {
  const s = stack(environment);
  const env = environmentOf(environment);
  const hosting = env.hosting!;
  const names = resourceNames(environment);
  const distributions = resources(s, 'aws_cloudfront_distribution');
  const [bucketKey, bucket] = resources(s, 'aws_s3_bucket')[0]!;
  const [mainKey, main] = distributions.find(([key]) => key.includes('distribution-main'))!;
  const fnArn = (code: string) => {
    const [key] = resources(s, 'aws_cloudfront_function').find(([, f]) => f.code === code)!;
    return ref('aws_cloudfront_function', key, 'arn');
  };
  const headersPolicy = (id: string) => s.resource.aws_cloudfront_response_headers_policy![keyOf(id)]!;
  const [slotA, slotB] = ['a', 'b'].map((slot) => {
    const [key] = resources(s, 'terraform_data').find(([k]) => k.includes(`slot-${slot}`))!;
    return ref('terraform_data', key, 'output.value');
  });

  it('keeps the bucket private: public access blocked, owner-enforced, encrypted', () => {
    expect(resources(s, 'aws_s3_bucket')).toHaveLength(1);
    expect(bucket.bucket).toContain(`${names.tenantTable.replace(/-tenants$/, '')}-spa-`);
    const [, block] = resources(s, 'aws_s3_bucket_public_access_block')[0]!;
    expect(block).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const [, ownership] = resources(s, 'aws_s3_bucket_ownership_controls')[0]!;
    expect(ownership.rule.object_ownership).toBe('BucketOwnerEnforced');
    expect(resources(s, 'aws_s3_bucket_server_side_encryption_configuration')).toHaveLength(1);
  });

  it('lets only this environment’s distributions read the bucket, over TLS only', () => {
    const [, policy] = resources(s, 'aws_s3_bucket_policy')[0]!;
    const statements: Body[] = JSON.parse(policy.policy).Statement;
    const read = statements.find((st) => st.Effect === 'Allow')!;
    expect(read.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(read.Action).toEqual(['s3:GetObject']);
    expect(read.Condition.StringEquals['AWS:SourceArn'].sort()).toEqual(
      distributions.map(([key]) => ref('aws_cloudfront_distribution', key, 'arn')).sort(),
    );
    const deny = statements.find((st) => st.Effect === 'Deny')!;
    expect(deny.Condition).toEqual({ Bool: { 'aws:SecureTransport': ['false'] } });
    expect(statements).toHaveLength(2);
  });

  describe.each(distributions.map(([key, body]) => [key, body] as const))('distribution %s', (_key, d) => {
    const spaOrigin = d.origin.find((o: Body) => o.origin_id === 'spa');
    const apiOrigin = d.origin.find((o: Body) => o.origin_id === 'api');

    it('reads S3 through origin access control only', () => {
      expect(spaOrigin.domain_name).toBe(ref('aws_s3_bucket', bucketKey, 'bucket_regional_domain_name'));
      const oac =
        s.resource.aws_cloudfront_origin_access_control![keyOf(spaOrigin.origin_access_control_id)]!;
      expect(oac).toMatchObject({
        origin_access_control_origin_type: 's3',
        signing_behavior: 'always',
        signing_protocol: 'sigv4',
      });
      expect(spaOrigin.s3_origin_config).toBeUndefined();
    });

    it('reaches the API stage over TLS 1.2 with the origin secret of the configured slot', () => {
      expect(apiOrigin.domain_name).toMatch(/^\$\{aws_api_gateway_rest_api\.[^.]+\.id\}\.execute-api\./);
      expect(apiOrigin.domain_name).toContain(`.execute-api.${env.region}.amazonaws.com`);
      // The stage's name as a literal: a reference would make the stage (which needs the
      // authorizer, whose environment names this distribution) a dependency: a cycle.
      const [, stage] = resources(s, 'aws_api_gateway_stage')[0]!;
      expect(apiOrigin.origin_path).toBe(`/${stage.stage_name}`);
      expect(apiOrigin.custom_origin_config).toMatchObject({
        origin_protocol_policy: 'https-only',
        origin_ssl_protocols: ['TLSv1.2'],
      });
      expect(apiOrigin.custom_header).toEqual([
        { name: ORIGIN_SECRET_HEADER, value: hosting.originSecretSlot === 'a' ? slotA : slotB },
      ]);
    });

    it('maps no error to index.html: only navigations fall back, by a function', () => {
      expect(d.custom_error_response).toBeUndefined();
      expect(d.default_cache_behavior).toMatchObject({
        target_origin_id: 'spa',
        viewer_protocol_policy: 'redirect-to-https',
        allowed_methods: ['GET', 'HEAD'],
        cache_policy_id: MANAGED_POLICIES.cachingDisabled,
        function_association: [{ event_type: 'viewer-request', function_arn: fnArn(SPA_FALLBACK_FUNCTION) }],
      });
      expect(d.default_root_object).toBe('index.html');
    });

    it('revalidates index.html and caches the hashed assets a year', () => {
      const document = headersPolicy(d.default_cache_behavior.response_headers_policy_id);
      expect(document.custom_headers_config.items).toContainEqual({
        header: 'Cache-Control',
        value: CACHE_CONTROL.document,
        override: true,
      });
      const assets = d.ordered_cache_behavior.find((b: Body) => b.path_pattern === '/assets/*');
      expect(assets).toMatchObject({
        target_origin_id: 'spa',
        cache_policy_id: MANAGED_POLICIES.cachingOptimized,
      });
      expect(headersPolicy(assets.response_headers_policy_id).custom_headers_config.items).toContainEqual({
        header: 'Cache-Control',
        value: CACHE_CONTROL.asset,
        override: true,
      });
    });

    it('sends exactly the API paths to API Gateway, uncached, without the viewer Host, with the host rewritten', () => {
      // Only the distribution's names reach the API: its aliases, else its own cloudfront.net name.
      const forwardHost = forwardHostFunction(d.aliases ?? []);
      const api = d.ordered_cache_behavior.filter((b: Body) => b.target_origin_id === 'api');
      expect(api.map((b: Body) => b.path_pattern)).toEqual(apiPathPatterns(hosting.servicePaths));
      for (const b of api) {
        expect(b).toMatchObject({
          viewer_protocol_policy: 'https-only',
          cache_policy_id: MANAGED_POLICIES.cachingDisabled,
          origin_request_policy_id: MANAGED_POLICIES.allViewerExceptHostHeader,
          function_association: [{ event_type: 'viewer-request', function_arn: fnArn(forwardHost) }],
        });
        expect(b.allowed_methods).toEqual(
          expect.arrayContaining(['GET', 'POST', 'OPTIONS', 'PUT', 'DELETE']),
        );
        // API responses keep their own Cache-Control.
        const items: Body[] = headersPolicy(b.response_headers_policy_id).custom_headers_config.items;
        expect(items.map((i) => i.header)).not.toContain('Cache-Control');
      }
    });

    it('sends HSTS, a CSP of this origin and Cognito, and the usual security headers on every behaviour', () => {
      const ids = [d.default_cache_behavior, ...d.ordered_cache_behavior].map(
        (b: Body) => b.response_headers_policy_id,
      );
      for (const id of ids) {
        const config = headersPolicy(id).security_headers_config;
        expect(config.strict_transport_security).toMatchObject({
          access_control_max_age_sec: HSTS_MAX_AGE_SECONDS,
          include_subdomains: true,
          override: true,
        });
        const csp: string = config.content_security_policy.content_security_policy;
        const connect = csp
          .split('; ')
          .find((x) => x.startsWith('connect-src '))!
          .split(' ')
          .slice(1);
        const pools = resources(s, 'aws_cognito_user_pool_domain').map(
          ([, domain]) => domain.domain as string,
        );
        expect(connect.sort()).toEqual(
          [
            "'self'",
            `https://cognito-idp.${env.region}.amazonaws.com`,
            ...pools.map((prefix) => `https://${prefix}.auth.${env.region}.amazoncognito.com`),
          ].sort(),
        );
        expect(config.frame_options.frame_option).toBe('DENY');
        expect(config.content_type_options.override).toBe(true);
        expect(config.referrer_policy.referrer_policy).toBe('strict-origin-when-cross-origin');
      }
    });
  });

  it('refuses calls that skipped CloudFront: WAF on the stage requires either secret slot, first', () => {
    const [aclKey, acl] = resourceWhere(s, 'aws_wafv2_web_acl', 'name', names.webAcl);
    const [first] = JSON.parse(acl.rule_json);
    expect(first.Priority).toBe(0);
    expect(first.Action).toEqual({ Block: {} });
    const accepted = first.Statement.NotStatement.Statement.OrStatement.Statements.map((st: Body) => {
      expect(st.ByteMatchStatement.FieldToMatch).toEqual({ SingleHeader: { Name: ORIGIN_SECRET_HEADER } });
      expect(st.ByteMatchStatement.PositionalConstraint).toBe('EXACTLY');
      return st.ByteMatchStatement.SearchString;
    });
    expect(accepted).toEqual([slotA, slotB]);
    const [, association] = resources(s, 'aws_wafv2_web_acl_association')[0]!;
    expect(association.web_acl_arn).toBe(ref('aws_wafv2_web_acl', aclKey, 'arn'));
    expect(association.resource_arn).toMatch(/^\$\{aws_api_gateway_stage\.[^.]+\.arn\}$/);
    for (const [, slot] of resources(s, 'terraform_data')) {
      // A secret drawn once and kept until the slot is replaced on purpose, never printed by a plan.
      expect(slot).toMatchObject({
        input: { value: '${sensitive(uuid())}' },
        lifecycle: { ignore_changes: ['input'] },
      });
    }
  });

  it('keeps the origin secret out of WAF samples and outputs', () => {
    const [, acl] = resourceWhere(s, 'aws_wafv2_web_acl', 'name', names.webAcl);
    // Requests past the origin rule carry the secret, and WAF cannot redact sampled requests.
    expect(acl.visibility_config.sampled_requests_enabled).toBe(false);
    for (const rule of JSON.parse(acl.rule_json) as Body[]) {
      expect(rule.VisibilityConfig.SampledRequestsEnabled).toBe(
        rule.Name === 'require-cloudfront-origin-secret',
      );
    }
    // No logging configuration exists that could record the header unredacted.
    expect(resources(s, 'aws_wafv2_web_acl_logging_configuration')).toEqual([]);
    // Outputs never reference a slot (state holds it; a plan prints "(sensitive value)").
    expect(JSON.stringify(s.output ?? {})).not.toContain('terraform_data.');
  });

  it('has config-resolver and the authorizer trust only the header CloudFront writes', () => {
    const [, authorizer] = resourceWhere(
      s,
      'aws_lambda_function',
      'function_name',
      names.lambda('authorizer'),
    );
    expect(authorizer.environment.variables.TRUSTED_HOST_HEADER).toBe('x-forwarded-host');
    const [, fn] = resourceWhere(s, 'aws_lambda_function', 'function_name', names.lambda('config-resolver'));
    expect(fn.environment.variables.TRUSTED_HOST_HEADER).toBe('x-forwarded-host');
    expect(fn.environment.variables.ALLOW_DISTRIBUTION_HOSTS).toBe(
      hosting.certificate === undefined ? 'true' : undefined,
    );
  });

  it('has the authorizer accept no unregistered host but the shared tenants’ (#15)', () => {
    const [, authorizer] = resourceWhere(
      s,
      'aws_lambda_function',
      'function_name',
      names.lambda('authorizer'),
    );
    const variables = authorizer.environment.variables;
    // Never "any host": that accepted a tenant's token on the distribution's cloudfront.net name.
    expect(variables.ALLOW_UNREGISTERED_HOSTS).toBeUndefined();
    const shared = env.tenants.some((tenant) => tenant.pattern === 'shared');
    const expected =
      hosting.certificate === undefined
        ? ref('aws_cloudfront_distribution', mainKey, 'domain_name')
        : [...new Set(env.tenants.flatMap((t) => (t.pattern === 'shared' ? (t.callbackUrls ?? []) : [])))]
            .map((url) => new URL(url).hostname)
            .join(',');
    expect(variables.ALLOWED_UNREGISTERED_HOSTS).toBe(shared ? expected : undefined);
    if (hosting.certificate !== undefined) {
      // Each listed host is an alias: any other name is refused by the distribution itself.
      for (const host of String(variables.ALLOWED_UNREGISTERED_HOSTS).split(',')) {
        expect(main.aliases).toContain(host);
      }
    }
  });

  if (hosting.certificate !== undefined) {
    it('serves every tenant host as an alias, TLS 1.2+ with the us-east-1 certificate', () => {
      const hosts = hostingAliases(env);
      expect(main.aliases).toEqual(hosts);
      expect(main.viewer_certificate).toMatchObject({
        ssl_support_method: 'sni-only',
        minimum_protocol_version: 'TLSv1.2_2021',
      });
      expect(distributions).toHaveLength(1);
      if (!('route53ZoneId' in hosting.certificate!)) {
        expect(main.viewer_certificate.acm_certificate_arn).toBe(hosting.certificate!.certificateArn);
        return;
      }
      const zone = hosting.certificate!.route53ZoneId;
      const [validationKey] = resources(s, 'aws_acm_certificate_validation')[0]!;
      expect(main.viewer_certificate.acm_certificate_arn).toBe(
        ref('aws_acm_certificate_validation', validationKey, 'certificate_arn'),
      );
      const east = s.provider.aws.find((p) => p.alias === 'us-east-1')!;
      expect(east.region).toBe('us-east-1');
      expect(east.allowed_account_ids).toEqual([env.accountId]);
      const [, certificate] = resources(s, 'aws_acm_certificate')[0]!;
      expect(certificate).toMatchObject({
        provider: 'aws.us-east-1',
        domain_name: hosts[0],
        subject_alternative_names: hosts.slice(1),
        validation_method: 'DNS',
      });
      const records = resources(s, 'aws_route53_record').map(([, r]) => r);
      const validations = records.filter((r) => String(r.name).includes('domain_validation_options'));
      expect(validations).toHaveLength(hosts.length);
      for (const host of hosts) {
        expect(validations.some((r) => String(r.name).includes(`"${host}"`))).toBe(true);
        for (const type of ['A', 'AAAA']) {
          expect(records).toContainEqual(
            expect.objectContaining({
              zone_id: zone,
              name: host,
              type,
              alias: {
                name: ref('aws_cloudfront_distribution', mainKey, 'domain_name'),
                zone_id: CLOUDFRONT_HOSTED_ZONE_ID,
                evaluate_target_health: false,
              },
            }),
          );
        }
      }
    });
  } else {
    it('without DNS: one distribution per dedicated tenant, registered as its host and callback', () => {
      const dedicated = env.tenants.filter((t) => t.pattern === 'dedicated');
      expect(distributions).toHaveLength(1 + dedicated.length);
      expect(main.aliases).toBeUndefined();
      expect(main.viewer_certificate).toEqual({ cloudfront_default_certificate: true });
      for (const tenant of dedicated) {
        const [key] = distributions.find(([k]) => k.includes(`distribution-${tenant.id}_`))!;
        const domain = ref('aws_cloudfront_distribution', key, 'domain_name');
        const [, parameter] = resourceWhere(
          s,
          'aws_ssm_parameter',
          'name',
          `${env.registryPrefix}/hosts/${domain}`,
        );
        const record = JSON.parse(parameter.value);
        expect(record).toMatchObject({ tenantId: tenant.id, redirectUri: `https://${domain}/callback` });
        const [, client] = resourceWhere(
          s,
          'aws_cognito_user_pool_client',
          'name',
          `${names.dedicatedPool(tenant.id)}-web`,
        );
        expect(client.callback_urls).toContain(`https://${domain}/callback`);
        expect(client.logout_urls).toContain(`https://${domain}/`);
      }
    });

    it('without DNS: the main distribution’s name is the shared tenants’ host, in the same apply', () => {
      const shared = env.tenants.filter((t) => t.pattern === 'shared');
      expect(shared.length).toBeGreaterThan(0);
      const domain = ref('aws_cloudfront_distribution', mainKey, 'domain_name');
      // The shared app client accepts the sign-in coming back to that name.
      const [, client] = resourceWhere(s, 'aws_cognito_user_pool_client', 'name', `${names.sharedPool}-web`);
      expect(client.callback_urls).toContain(`https://${domain}/callback`);
      expect(client.logout_urls).toContain(`https://${domain}/`);
      // POST /tenant-match answers a redirectUri on that name for every shared email domain.
      const domainItems = resources(s, 'aws_dynamodb_table_item')
        .map(([, i]) => JSON.parse(i.item))
        .filter((item) => String(item.pk.S).startsWith('DOMAIN#'));
      for (const tenant of shared) {
        for (const emailDomain of tenant.emailDomains) {
          const item = domainItems.find((i) => i.pk.S === `DOMAIN#${emailDomain}`);
          expect(item?.redirectUri).toEqual({ S: `https://${domain}/callback` });
        }
      }
      // The SPA finds tenants by email there, and the authorizer accepts shared tokens there only.
      const [, settings] = resourceWhere(s, 'aws_s3_object', 'key', 'app-settings.json');
      expect(JSON.parse(settings.content).emailDiscoveryHosts).toEqual([domain]);
      const [, authorizer] = resourceWhere(
        s,
        'aws_lambda_function',
        'function_name',
        names.lambda('authorizer'),
      );
      expect(authorizer.environment.variables.ALLOWED_UNREGISTERED_HOSTS).toBe(domain);
    });
  }
});
