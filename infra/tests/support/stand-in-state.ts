/**
 * What a one-stack apply would have recorded for a synthesized configuration: one instance per
 * resource, with the attributes the migration's imports read (`id`, `user_pool_id`, `name`),
 * for the migration map tests (no Terraform, no AWS).
 */
import type { StateResource, TerraformState } from '../../src/migration-map';
import type { Body, StackJson } from './synthesized';

export function standInState(config: StackJson): TerraformState {
  const resources: StateResource[] = Object.entries(config.resource).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, body]: [string, Body]) => ({
      mode: 'managed',
      type,
      name,
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [
        {
          schema_version: 0,
          attributes: {
            ...body,
            '//': undefined,
            id: `${type}-${name}`,
            user_pool_id: 'eu-west-1_pool',
            name: body.name ?? name,
          },
          dependencies: ['aws_dynamodb_table.tenants'],
        },
      ],
    })),
  );
  return { version: 4, terraform_version: '1.9.8', resources };
}
