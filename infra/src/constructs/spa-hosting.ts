/**
 * The front door of an environment: a private S3 bucket with the SPA and a CloudFront
 * distribution that serves it on the tenant hosts and forwards the API paths to API
 * Gateway on the same host (so `GET /config` and the app share an origin).
 *
 * - S3 is reached only through origin access control (SigV4, bucket policy names the
 *   distributions); the bucket blocks public access and refuses plain HTTP.
 * - API behaviours: no caching, every viewer header but Host (API Gateway needs its own),
 *   a Host that is not one of the distribution's names refused (403) by a CloudFront
 *   Function, which writes the viewer's host into `x-forwarded-host` (a client's copy is
 *   overwritten), and the origin secret header the stage's WAF requires.
 * - SPA behaviour: navigations get index.html from a CloudFront Function (no 403/404 error
 *   mapping, which would turn API errors into HTML too); `index.html` is revalidated on
 *   every load, `/assets/*` (content-hashed) is cached a year.
 * - Every response carries HSTS, a CSP naming exactly this origin and Cognito's, and the
 *   usual security headers. TLS 1.2 at least with a certificate (`TLSv1.2_2021`).
 */
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution/index.js';
import { CloudfrontFunction } from '@cdktf/provider-aws/lib/cloudfront-function/index.js';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control/index.js';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy/index.js';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object/index.js';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { forwardHostFunction, SPA_FALLBACK_FUNCTION } from '../cloudfront-functions';
import { jsonAttribute } from '../json-attribute';
import { ORIGIN_SECRET_HEADER } from '../origin-secret';
import { CACHE_CONTROL, HSTS_MAX_AGE_SECONDS } from '../security-headers';
import { APP_SETTINGS_KEY, type SpaFile } from '../spa-files';
import { distributionAliasRecords } from './distribution-dns';

/** AWS managed cache and origin request policies (fixed ids in every account). */
export const MANAGED_POLICIES = {
  cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  cachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  /** Every viewer header, cookie and query string except Host: what API Gateway origins need. */
  allViewerExceptHostHeader: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
} as const;

export const SPA_ORIGIN_ID = 'spa';
export const API_ORIGIN_ID = 'api';

export interface SpaHostingProps {
  /** `ct-<env>`: prefix of every name. */
  readonly namePrefix: string;
  readonly bucketName: string;
  readonly region: string;
  readonly restApiId: string;
  readonly stageName: string;
  /** API path patterns (see hosting-paths.ts). */
  readonly apiPaths: readonly string[];
  readonly contentSecurityPolicy: string;
  readonly originSecret: string;
  readonly priceClass: string;
  /** The main distribution's aliases and certificate; absent: its cloudfront.net name only. */
  readonly aliases?: {
    /** The aliases (and the forward-host function's names); a wildcard serves one label under it. */
    readonly hosts: readonly string[];
    readonly certificateArn: string;
    readonly route53ZoneId?: string;
    /** Hosts that get alias records in the zone (never a wildcard; tenant stacks make their own). */
    readonly records: readonly string[];
  };
  /** Ids of extra distributions without aliases (dev without DNS: one per dedicated tenant). */
  readonly extraDistributions: readonly string[];
  /** The SPA build to upload (absent: the bucket is left to another pipeline). */
  readonly build?: { readonly distDir: string; readonly files: readonly SpaFile[] };
  /** `/app-settings.json`, written from the environment and the main distribution's domain name. */
  readonly appSettings: (mainDomainName: string) => unknown;
  /** A CLOUDFRONT-scope web ACL (ARN) on every distribution: the per-viewer rate limit. */
  readonly webAclArn?: string;
}

export class SpaHosting extends Construct {
  readonly bucket: S3Bucket;
  readonly distribution: CloudfrontDistribution;
  readonly extra: ReadonlyMap<string, CloudfrontDistribution>;

  constructor(scope: Construct, id: string, props: SpaHostingProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName, forceDestroy: false });
    new S3BucketPublicAccessBlock(this, 'public-access', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    const oac = new CloudfrontOriginAccessControl(this, 'oac', {
      name: `${props.namePrefix}-spa`,
      description: 'The SPA distribution reads the bucket (SigV4)',
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });

    const fn = (name: string, code: string, comment: string) =>
      new CloudfrontFunction(this, `fn-${name}`, {
        name: `${props.namePrefix}-${name}`,
        runtime: 'cloudfront-js-2.0',
        comment,
        code,
        publish: true,
      });
    // With aliases only they reach the API; without, the distribution's own name (see the function).
    const forwardHost = fn(
      'forward-host',
      forwardHostFunction(props.aliases?.hosts),
      'Unknown host -> 403; viewer host -> x-forwarded-host (overwritten)',
    );
    const forwardOwnHost =
      props.aliases === undefined || props.extraDistributions.length === 0
        ? forwardHost
        : fn(
            'forward-own-host',
            forwardHostFunction(),
            'Other than own name -> 403; host -> x-forwarded-host',
          );
    const spaFallback = fn('spa-fallback', SPA_FALLBACK_FUNCTION, 'Navigations -> /index.html');

    const headers = (name: string, cacheControl?: string) =>
      new CloudfrontResponseHeadersPolicy(this, `headers-${name}`, {
        name: `${props.namePrefix}-${name}`,
        comment: `Security headers (${name})`,
        securityHeadersConfig: {
          contentSecurityPolicy: { contentSecurityPolicy: props.contentSecurityPolicy, override: true },
          strictTransportSecurity: {
            accessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS,
            includeSubdomains: true,
            preload: false,
            override: true,
          },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: 'DENY', override: true },
          referrerPolicy: { referrerPolicy: 'strict-origin-when-cross-origin', override: true },
          // The legacy XSS auditor is off in modern browsers and harmful in old ones.
          xssProtection: { protection: false, override: true },
        },
        customHeadersConfig: {
          items: [
            {
              header: 'Permissions-Policy',
              value: 'camera=(), microphone=(), geolocation=()',
              override: true,
            },
            { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
            ...(cacheControl === undefined
              ? []
              : [{ header: 'Cache-Control', value: cacheControl, override: true }]),
          ],
        },
      });
    const documentHeaders = headers('document', CACHE_CONTROL.document);
    const assetHeaders = headers('asset', CACHE_CONTROL.asset);
    // API responses keep their own Cache-Control (config-resolver answers `private`).
    const apiHeaders = headers('api');
    // The SPA's files: read-only methods, HTTPS by redirect, compressed.
    const fromBucket = {
      targetOriginId: SPA_ORIGIN_ID,
      viewerProtocolPolicy: 'redirect-to-https',
      allowedMethods: ['GET', 'HEAD'],
      cachedMethods: ['GET', 'HEAD'],
      compress: true,
    };

    const distribution = (name: string, aliases: SpaHostingProps['aliases']) =>
      new CloudfrontDistribution(this, `distribution-${name}`, {
        comment: `${props.namePrefix} SPA and API (${name})`,
        enabled: true,
        isIpv6Enabled: true,
        httpVersion: 'http2and3',
        priceClass: props.priceClass,
        defaultRootObject: 'index.html',
        ...(aliases === undefined ? {} : { aliases: [...aliases.hosts] }),
        viewerCertificate:
          aliases === undefined
            ? // *.cloudfront.net: CloudFront's own certificate (its TLS floor cannot be raised; see README).
              { cloudfrontDefaultCertificate: true }
            : {
                acmCertificateArn: aliases.certificateArn,
                sslSupportMethod: 'sni-only',
                minimumProtocolVersion: 'TLSv1.2_2021',
              },
        origin: [
          {
            originId: SPA_ORIGIN_ID,
            domainName: this.bucket.bucketRegionalDomainName,
            originAccessControlId: oac.id,
          },
          {
            originId: API_ORIGIN_ID,
            domainName: `${props.restApiId}.execute-api.${props.region}.amazonaws.com`,
            originPath: `/${props.stageName}`,
            customOriginConfig: {
              httpPort: 80,
              httpsPort: 443,
              originProtocolPolicy: 'https-only',
              originSslProtocols: ['TLSv1.2'],
            },
            // CloudFront replaces a viewer's header of the same name with this value.
            customHeader: [{ name: ORIGIN_SECRET_HEADER, value: props.originSecret }],
          },
        ],
        defaultCacheBehavior: {
          ...fromBucket,
          // index.html (and every navigation) straight from S3: a deploy is visible at once.
          cachePolicyId: MANAGED_POLICIES.cachingDisabled,
          responseHeadersPolicyId: documentHeaders.id,
          functionAssociation: [{ eventType: 'viewer-request', functionArn: spaFallback.arn }],
        },
        orderedCacheBehavior: [
          {
            pathPattern: '/assets/*',
            ...fromBucket,
            cachePolicyId: MANAGED_POLICIES.cachingOptimized,
            responseHeadersPolicyId: assetHeaders.id,
          },
          ...props.apiPaths.map((pathPattern) => ({
            pathPattern,
            targetOriginId: API_ORIGIN_ID,
            // No redirect for the API: a POST would be replayed as GET.
            viewerProtocolPolicy: 'https-only',
            allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
            cachedMethods: ['GET', 'HEAD'],
            cachePolicyId: MANAGED_POLICIES.cachingDisabled,
            originRequestPolicyId: MANAGED_POLICIES.allViewerExceptHostHeader,
            responseHeadersPolicyId: apiHeaders.id,
            compress: false,
            functionAssociation: [
              {
                eventType: 'viewer-request',
                functionArn: (aliases === undefined ? forwardOwnHost : forwardHost).arn,
              },
            ],
          })),
        ],
        restrictions: { geoRestriction: { restrictionType: 'none' } },
        ...(props.webAclArn === undefined ? {} : { webAclId: props.webAclArn }),
      });

    this.distribution = distribution('main', props.aliases);
    const extra = new Map<string, CloudfrontDistribution>();
    for (const name of props.extraDistributions) extra.set(name, distribution(name, undefined));
    this.extra = extra;
    const all = [this.distribution, ...extra.values()];

    new S3BucketPolicy(this, 'bucket-policy', {
      bucket: this.bucket.id,
      policy: jsonAttribute(this, {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ReadByTheDistributionsOnly',
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: ['s3:GetObject'],
            Resource: [`${this.bucket.arn}/*`],
            Condition: { StringEquals: { 'AWS:SourceArn': all.map((d) => d.arn) } },
          },
          {
            Sid: 'TlsOnly',
            Effect: 'Deny',
            Principal: '*',
            Action: ['s3:*'],
            Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': ['false'] } },
          },
        ],
      }),
    });

    if (props.build !== undefined) {
      // One directory asset in the stack output; each object names its file and content hash.
      const dist = new TerraformAsset(this, 'spa-dist', {
        path: props.build.distDir,
        type: AssetType.DIRECTORY,
      });
      for (const file of props.build.files) {
        new S3Object(this, `file-${file.key.replace(/[^A-Za-z0-9-]/g, '_')}`, {
          bucket: this.bucket.id,
          key: file.key,
          source: `${dist.path}/${file.key}`,
          sourceHash: file.sha256,
          contentType: file.contentType,
          cacheControl: file.cacheControl,
        });
      }
    }
    new S3Object(this, 'app-settings', {
      bucket: this.bucket.id,
      key: APP_SETTINGS_KEY,
      // jsonAttribute: without DNS the settings name the distribution (a reference), which
      // CDKTF's HCL output garbles inside a JSON string.
      content: jsonAttribute(this, props.appSettings(this.distribution.domainName)),
      contentType: 'application/json; charset=utf-8',
      cacheControl: CACHE_CONTROL.document,
    });

    const zoneId = props.aliases?.route53ZoneId;
    if (props.aliases !== undefined && zoneId !== undefined) {
      distributionAliasRecords(this, {
        zoneId,
        hosts: props.aliases.records,
        domainName: this.distribution.domainName,
        // Moving from api.customDomains to hosting in one apply: the A record of the same name
        // may still exist when this one is created; UPSERT it (README, Hosting: migration).
        allowOverwrite: true,
      });
    }
  }
}
