/**
 * A Lambda function from a prebuilt zip: nodejs22.x on arm64, its own role with exactly
 * the given statements plus writing to its own log group, which infra creates with a
 * retention (so Lambda never creates an unbounded one).
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function/index.js';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import type { LambdaArtifact } from '../artifacts';
import { LAMBDA_TRUST_POLICY, loggingStatement, type PolicyStatement } from '../iam-policies';
import { jsonAttribute } from '../json-attribute';

export const LAMBDA_RUNTIME = 'nodejs22.x';
export const LAMBDA_ARCHITECTURE = 'arm64';
/** The build writes `index.mjs` exporting `handler`. */
export const LAMBDA_HANDLER = 'index.handler';

export interface ZipFunctionProps {
  readonly functionName: string;
  readonly description: string;
  readonly artifact: LambdaArtifact;
  readonly memorySize: number;
  readonly timeout: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly statements: readonly PolicyStatement[];
  readonly logRetentionDays: number;
}

export class ZipFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: ZipFunctionProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays,
    });
    this.role = new IamRole(this, 'role', {
      name: `${props.functionName}-fn`,
      description: `Execution role of ${props.functionName}`,
      assumeRolePolicy: JSON.stringify(LAMBDA_TRUST_POLICY),
    });
    const policy = new IamRolePolicy(this, 'policy', {
      name: 'least-privilege',
      role: this.role.id,
      policy: jsonAttribute(this, {
        Version: '2012-10-17',
        Statement: [...props.statements, loggingStatement(this.logGroup.arn)],
      }),
    });
    const code = new TerraformAsset(this, 'code', { path: props.artifact.path, type: AssetType.FILE });
    this.function = new LambdaFunction(this, 'function', {
      functionName: props.functionName,
      description: props.description,
      role: this.role.arn,
      runtime: LAMBDA_RUNTIME,
      architectures: [LAMBDA_ARCHITECTURE],
      handler: LAMBDA_HANDLER,
      filename: code.path,
      sourceCodeHash: props.artifact.sha256,
      memorySize: props.memorySize,
      timeout: props.timeout,
      environment: { variables: { ...props.environment } },
      loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.name },
      // The role's policy must exist before the first invocation can log or read.
      dependsOn: [policy, this.logGroup],
    });
  }
}
