/**
 * The rehearsal's Terraform override file (`rehearsal_override.tf.json`), written beside a
 * synthesized `cdk.tf.json` in the rehearsal's own output directory only. Terraform merges it
 * over the stack: every AWS provider talks to the emulator with fake credentials, the state
 * backend is the emulator's S3, and the emulator's gaps are left out. Nothing here is in the
 * app, so a real deploy can never pick it up.
 */
import { DeleteBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import type { StateLocation } from '../src/backend';
import { PROVIDER_WAIT_SETTINGS, UNSUPPORTED_RESOURCES } from './gaps';

export const OVERRIDE_FILE = 'rehearsal_override.tf.json';

/** Services the stacks use (provider `endpoints` keys). */
const SERVICES = [
  'acm',
  'apigateway',
  'cloudfront',
  'cloudwatch',
  'cloudwatchlogs',
  'cognitoidp',
  'dynamodb',
  'iam',
  'lambda',
  's3',
  'sns',
  'ssm',
  'sts',
  'route53',
  'wafv2',
] as const;

/** Fake credentials: the emulator accepts any. */
export const FAKE_CREDENTIALS = { accessKeyId: 'rehearsal', secretAccessKey: 'rehearsal' } as const;

/**
 * Headers for a hand-made request to moto (no SDK client for the service): moto picks the
 * service from the credential scope and does not check the signature. `content-type` text/xml
 * unless `extra` names another (the REST-XML services: CloudFront, Route 53).
 */
export function motoHeaders(service: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'content-type': 'text/xml',
    authorization: `AWS4-HMAC-SHA256 Credential=${FAKE_CREDENTIALS.accessKeyId}/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    ...extra,
  };
}

/** An S3 client of the emulator (path-style addressing, fake credentials). */
export function emulatorS3(endpoint: string, region: string): S3Client {
  return new S3Client({ endpoint, region, forcePathStyle: true, credentials: FAKE_CREDENTIALS });
}

/**
 * moto treats a bucket policy as the only authority (gaps.ts STATE_BUCKET_POLICY_GAP): the
 * state bucket's TLS-only policy, which bootstrap wrote, is removed in the emulator.
 */
export async function dropStateBucketPolicy(
  endpoint: string,
  state: { readonly bucket: string; readonly region: string },
): Promise<void> {
  const s3 = emulatorS3(endpoint, state.region);
  try {
    await s3.send(new DeleteBucketPolicyCommand({ Bucket: state.bucket }));
  } finally {
    s3.destroy();
  }
}

/** The environment of a process that deploys to the emulator at `endpoint`: fake keys, no telemetry. */
export function emulatorProcessEnv(region: string, endpoint: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    AWS_REGION: region,
    AWS_ENDPOINT_URL: endpoint,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
  };
}

type Json = unknown;
type Block = Record<string, Json>;

export interface OverrideOptions {
  readonly endpoint: string;
  /** The stack's own remote state (the bucket `pnpm run bootstrap` made in the emulator). */
  readonly state: StateLocation;
  /** Route 53 zone ids of the file -> the zones the rehearsal created in the emulator. */
  readonly zoneIds?: Readonly<Record<string, string>>;
}

const GAP_REFERENCE = new RegExp(`\\$\\{(${UNSUPPORTED_RESOURCES.map((g) => g.type).join('|')})\\.`);

function holdsGap(value: Json): boolean {
  return GAP_REFERENCE.test(JSON.stringify(value) ?? '');
}

function isGapString(value: Json): boolean {
  return typeof value === 'string' && GAP_REFERENCE.test(value);
}

const BLOCKS_TO_CUT = new Set(UNSUPPORTED_RESOURCES.flatMap((g) => g.blocks ?? []));

/** The value with every attribute naming a gap resource removed, and blocks that only attach one. */
function withoutGaps(value: Json): Json {
  if (Array.isArray(value)) return value.filter((item) => !isGapString(item)).map(withoutGaps);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Block)
        .filter(([key, item]) => !isGapString(item) && !(BLOCKS_TO_CUT.has(key) && holdsGap(item)))
        .map(([key, item]) => [key, withoutGaps(item)]),
    );
  }
  return value;
}

function endpoints(endpoint: string): Block {
  return Object.fromEntries(SERVICES.map((service) => [service, endpoint]));
}

/** The override for one synthesized stack (`cdk.tf.json` parsed). */
export function rehearsalOverride(stack: Block, options: OverrideOptions): Block {
  const providers = ((stack.provider as Block | undefined)?.aws as Block[] | undefined) ?? [];
  const aws = providers.map((provider) => ({
    ...(provider.alias === undefined ? {} : { alias: provider.alias }),
    access_key: FAKE_CREDENTIALS.accessKeyId,
    secret_key: FAKE_CREDENTIALS.secretAccessKey,
    skip_credentials_validation: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
    s3_use_path_style: true,
    endpoints: [endpoints(options.endpoint)],
  }));
  const resource: Record<string, Record<string, Block>> = {};
  const gapTypes = new Set(UNSUPPORTED_RESOURCES.map((g) => g.type));
  for (const [type, byName] of Object.entries(
    (stack.resource as Record<string, Record<string, Block>>) ?? {},
  )) {
    for (const [name, body] of Object.entries(byName)) {
      let patch: Block | undefined;
      const zone = type === 'aws_route53_record' ? options.zoneIds?.[String(body.zone_id)] : undefined;
      if (gapTypes.has(type)) patch = { count: 0 };
      else if (zone !== undefined) patch = { zone_id: zone };
      else if (holdsGap(body)) {
        patch = Object.fromEntries(
          Object.entries(body)
            .filter(([, value]) => holdsGap(value))
            .map(([key, value]) => [key, isGapString(value) ? null : withoutGaps(value)]),
        );
      }
      const waits = PROVIDER_WAIT_SETTINGS.find((w) => w.type === type)?.settings;
      if (waits !== undefined && !gapTypes.has(type)) patch = { ...patch, ...waits };
      if (patch === undefined) continue;
      resource[type] = { ...resource[type], [name]: patch };
    }
  }
  const output: Record<string, Block> = {};
  for (const [name, body] of Object.entries((stack.output as Record<string, Block>) ?? {})) {
    if (holdsGap(body)) output[name] = { value: withoutGaps(body.value) };
  }
  return {
    terraform: {
      backend: {
        s3: {
          bucket: options.state.bucket,
          key: options.state.key,
          region: options.state.region,
          encrypt: true,
          ...(options.state.dynamodbTable === undefined
            ? { use_lockfile: true }
            : { dynamodb_table: options.state.dynamodbTable }),
          access_key: FAKE_CREDENTIALS.accessKeyId,
          secret_key: FAKE_CREDENTIALS.secretAccessKey,
          skip_credentials_validation: true,
          skip_metadata_api_check: true,
          skip_region_validation: true,
          skip_requesting_account_id: true,
          use_path_style: true,
          endpoints: { s3: options.endpoint, sts: options.endpoint, dynamodb: options.endpoint },
        },
      },
    },
    provider: { aws },
    ...(Object.keys(resource).length === 0 ? {} : { resource }),
    ...(Object.keys(output).length === 0 ? {} : { output }),
  };
}
