/** Where a stack keeps its state: S3 when the file says so, else CDKTF's local default. */
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { S3Backend, type TerraformStack } from 'cdktf';

export function configureBackend(stack: TerraformStack, env: ResolvedEnvironment): void {
  const s3 = env.state.s3;
  // No S3 configured: CDKTF's default local backend (`terraform.<env>.tfstate` in infra/).
  if (s3 === undefined) return;
  new S3Backend(stack, {
    bucket: s3.bucket,
    key: s3.key ?? `cognito-tenancy/${env.environment}/terraform.tfstate`,
    region: s3.region ?? env.region,
    encrypt: true,
    ...(s3.dynamodbTable === undefined ? {} : { dynamodbTable: s3.dynamodbTable }),
  });
  // Without a lock table, S3's own lock file (Terraform >= 1.10) keeps two applies apart.
  if (s3.dynamodbTable === undefined) stack.addOverride('terraform.backend.s3.use_lockfile', true);
}
