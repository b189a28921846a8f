/**
 * Builds the CDKTF app: one {@link EnvironmentStack} per environment file, and with
 * `tenantStacks` one {@link TenantStack} per tenant beside it (and an empty
 * {@link RetiredTenantStack} per retired tenant), synthesized to `outdir`.
 */
import { join } from 'node:path';
import { App, TerraformResource, type TerraformStack } from 'cdktf';
import { EnvironmentStack } from './environment-stack';
import type { LoadedEnvironment } from './environments';
import { RetiredTenantStack, TenantStack } from './tenant-stack';

export interface SynthOptions {
  readonly environments: readonly LoadedEnvironment[];
  readonly artifactsDir: string;
  /** Default: `CDKTF_OUTDIR` (set by cdktf-cli), else `cdktf.out`. */
  readonly outdir?: string;
  /**
   * Only these tenants' stacks beside each platform (`deploy --tenant`): onboarding one tenant
   * then synthesizes 2 stacks at any N instead of N + 1. Default: every tenant.
   */
  readonly tenants?: readonly string[];
}

export interface SynthesizedStack {
  readonly environment: string;
  /** Directory holding `cdk.tf.json` (or `cdk.tf`) and the assets. */
  readonly dir: string;
  readonly resources: number;
  readonly warnings: readonly string[];
  /** The tenants' own stacks (`tenantStacks`), each in `stacks/<env>--<tenant id>`. */
  readonly tenantStacks: readonly { readonly name: string; readonly resources: number }[];
  /** Retired tenants' empty stacks (`retiredTenants`): deploying one destroys what its state holds. */
  readonly retiredStacks: readonly string[];
}

function resourceCount(stack: TerraformStack): number {
  return stack.node.findAll().filter((c) => c instanceof TerraformResource).length;
}

/** Synthesizes every environment. Throws the first configuration error (file, tenant and field named). */
export function synthesize(options: SynthOptions): SynthesizedStack[] {
  const app = new App({
    ...(options.outdir === undefined ? {} : { outdir: options.outdir }),
    // Stack traces in metadata cost time and bytes on large environments and help nobody reading a plan.
    stackTraces: false,
  });
  const only = options.tenants === undefined ? undefined : new Set(options.tenants);
  const chosen = (id: string) => only === undefined || only.has(id);
  const built = options.environments.map(({ environment, source }) => {
    const platform = new EnvironmentStack(app, { environment, source, artifactsDir: options.artifactsDir });
    const tenants = environment.tenantStacks
      ? environment.tenants
          .filter((tenant) => chosen(tenant.id))
          .map((tenant) => {
            const stack = new TenantStack(app, { environment, tenant, source });
            // cdktf-cli applies the platform first (it publishes what tenant stacks read).
            stack.addDependency(platform);
            return stack;
          })
      : [];
    // Empty stacks on retired tenants' states: applying one destroys what the state holds.
    const retired = environment.tenantStacks
      ? environment.retiredTenants
          .filter(chosen)
          .map((id) => new RetiredTenantStack(app, { environment, tenantId: id }))
      : [];
    return { environment: environment.environment, platform, tenants, retired };
  });
  app.synth();
  return built.map(({ environment, platform, tenants, retired }) => ({
    environment,
    dir: join(app.outdir, 'stacks', environment),
    resources: resourceCount(platform),
    warnings: [...platform.warnings, ...tenants.flatMap((stack) => stack.warnings)],
    tenantStacks: tenants.map((stack) => ({ name: stack.node.id, resources: resourceCount(stack) })),
    retiredStacks: retired.map((stack) => stack.node.id),
  }));
}
