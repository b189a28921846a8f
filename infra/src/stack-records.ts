/**
 * A record of which configuration each stack runs (issue #21): after a successful deploy,
 * `pnpm run deploy` writes `deployed.json` beside each applied stack's state object
 * (`.../terraform.tfstate` -> `.../deployed.json`): the stack, the SHA-256 of its synthesized
 * `cdk.tf.json` (function code is in it, through each zip's asset hash), the infra package
 * version and the time. `deploy --tenant` reads the platform's record and leaves the platform
 * out when its configuration is the one recorded, so onboarding a tenant plans that tenant only.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { StateLocation } from './backend';

export interface StackRecord {
  readonly stack: string;
  /** SHA-256 (hex) of the stack's synthesized `cdk.tf.json`. */
  readonly configHash: string;
  /** The infra package's version that synthesized it. */
  readonly version: string;
  readonly deployedAt: string;
}

/** The record's key: beside the state object. */
export function recordKey(state: Pick<StateLocation, 'key'>): string {
  const slash = state.key.lastIndexOf('/');
  return `${slash < 0 ? '' : state.key.slice(0, slash + 1)}deployed.json`;
}

/** SHA-256 of a synthesized stack's configuration (`<out>/stacks/<stack>/cdk.tf.json`). */
export function configHash(out: string, stack: string): string {
  return createHash('sha256')
    .update(readFileSync(join(out, 'stacks', stack, 'cdk.tf.json')))
    .digest('hex');
}

/** A parsed record, or undefined for anything that is not one (a damaged record counts as none). */
export function parseStackRecord(text: string): StackRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<StackRecord>;
    return typeof value.stack === 'string' &&
      typeof value.configHash === 'string' &&
      /^[0-9a-f]{64}$/.test(value.configHash) &&
      typeof value.version === 'string' &&
      typeof value.deployedAt === 'string'
      ? {
          stack: value.stack,
          configHash: value.configHash,
          version: value.version,
          deployedAt: value.deployedAt,
        }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The stack's record, or undefined when it was never recorded (or the record is damaged). */
export async function readStackRecord(s3: S3Client, state: StateLocation): Promise<StackRecord | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: state.bucket, Key: recordKey(state) }));
    return parseStackRecord((await object.Body?.transformToString()) ?? '');
  } catch (error) {
    if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

export async function writeStackRecord(
  s3: S3Client,
  state: StateLocation,
  record: StackRecord,
): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: state.bucket,
      Key: recordKey(state),
      Body: `${JSON.stringify(record, null, 2)}\n`,
      ContentType: 'application/json',
      ServerSideEncryption: 'AES256',
    }),
  );
}

/** After a destroy: no record says the stack runs a configuration (deploy --tenant then plans it). */
export async function deleteStackRecord(s3: S3Client, state: StateLocation): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket: state.bucket, Key: recordKey(state) }));
}
