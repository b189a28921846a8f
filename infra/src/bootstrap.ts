/**
 * `pnpm run bootstrap <env>`: creates the environment's Terraform state bucket, or brings an
 * existing one to the required settings (idempotent: run it as often as you like). The
 * bucket: versioned (a bad apply's state can be restored), encrypted by default, every
 * public access blocked, objects owned by the bucket owner, and a policy refusing plain
 * HTTP. Locking is S3's own lock file (`use_lockfile`), so no table is needed.
 */
import {
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { EnvironmentFileError } from '@cognito-tenancy/registry/environment';
import { partitionOf } from './aws-context';
import { type StateLocation, stateLocation } from './backend';
import { loadDeployTarget } from './deploy-target';

/** The bucket policy: no request over plain HTTP. */
export function tlsOnlyPolicy(bucket: string, region: string): string {
  const arn = `arn:${partitionOf(region)}:s3:::${bucket}`;
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [arn, `${arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
}

async function bucketExists(s3: S3Client, bucket: string): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
    if (status === 404) return false;
    if (status === 403) {
      throw new Error(
        `state bucket ${bucket} exists but these credentials cannot use it (another account owns the name?): set state.s3.bucket in the environment file`,
      );
    }
    throw error;
  }
}

/** Creates or updates the state bucket. Returns whether it was created. */
export async function bootstrapStateBucket(s3: S3Client, state: StateLocation): Promise<boolean> {
  const { bucket, region } = state;
  let created = false;
  if (!(await bucketExists(s3, bucket))) {
    try {
      await s3.send(
        new CreateBucketCommand({
          Bucket: bucket,
          ...(region === 'us-east-1'
            ? {}
            : { CreateBucketConfiguration: { LocationConstraint: region as never } }),
        }),
      );
      created = true;
    } catch (error) {
      // Another bootstrap won the race: the settings below still apply.
      if (!(error instanceof BucketAlreadyOwnedByYou)) throw error;
    }
  }
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: bucket,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    }),
  );
  await s3.send(
    new PutBucketOwnershipControlsCommand({
      Bucket: bucket,
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    }),
  );
  await s3.send(
    new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }),
  );
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: bucket,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true }],
      },
    }),
  );
  await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: tlsOnlyPolicy(bucket, region) }));
  return created;
}

/**
 * An S3 client for the state's region. An endpoint from the SDK's own variables
 * (`AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL`: emulators) is addressed by path, as emulators expect.
 */
export function stateClient(region: string): S3Client {
  const emulated = Boolean(process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL);
  return new S3Client({ region, forcePathStyle: emulated });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  if (args.length !== 1 || args[0]?.startsWith('-')) {
    process.stderr.write('usage: pnpm run bootstrap <environment>\n');
    process.exit(2);
  }
  const { environment } = loadDeployTarget(args[0] as string);
  const state = stateLocation(environment);
  if (state === undefined)
    throw new EnvironmentFileError(args[0] as string, ['no remote state to bootstrap']);
  const created = await bootstrapStateBucket(stateClient(state.region), state);
  process.stdout.write(
    `${created ? 'created' : 'updated'} state bucket ${state.bucket} (${state.region}): versioned, encrypted, public access blocked, TLS only; state key ${state.key}\n`,
  );
}

if (process.argv[1] === import.meta.filename) {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`bootstrap failed: ${message}\n`);
    process.exit(1);
  });
}
