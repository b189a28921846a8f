/**
 * The deployment's `triggers.redeployment` value, computed when the stack is synthesized from
 * the stack's own API Gateway resources (tokens resolved to Terraform addresses), so it
 * follows whatever the API definition holds, whoever added it (see deployment-hash.ts).
 */
import { Lazy, TerraformResource, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { API_RESOURCE_PREFIX, apiDefinitionHash, NOT_DEPLOYED, type ResourceBlock } from './deployment-hash';

/** A token that resolves to the hash of the deployed definition of `scope`'s stack. */
export function apiDefinitionTrigger(scope: IConstruct): string {
  const stack = TerraformStack.of(scope);
  return Lazy.stringValue({
    produce: (context) => {
      const block: Record<string, Record<string, unknown>> = {};
      for (const node of stack.node.findAll()) {
        if (!(node instanceof TerraformResource)) continue;
        const type = node.terraformResourceType;
        // Filtered before resolving: the deployment's own trigger must not resolve itself.
        if (!type.startsWith(API_RESOURCE_PREFIX) || type in NOT_DEPLOYED) continue;
        const resolved = context.resolve(node.toTerraform()) as { resource?: ResourceBlock };
        for (const [resourceType, byName] of Object.entries(resolved.resource ?? {})) {
          block[resourceType] = { ...block[resourceType], ...byName };
        }
      }
      return apiDefinitionHash(block);
    },
  });
}
