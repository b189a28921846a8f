/** Builds the CDKTF app: one {@link EnvironmentStack} per environment file, synthesized to `outdir`. */
import { join } from 'node:path';
import { App, TerraformResource } from 'cdktf';
import { EnvironmentStack } from './environment-stack';
import type { LoadedEnvironment } from './environments';

export interface SynthOptions {
  readonly environments: readonly LoadedEnvironment[];
  readonly artifactsDir: string;
  /** Default: `CDKTF_OUTDIR` (set by cdktf-cli), else `cdktf.out`. */
  readonly outdir?: string;
}

export interface SynthesizedStack {
  readonly environment: string;
  /** Directory holding `cdk.tf.json` (or `cdk.tf`) and the assets. */
  readonly dir: string;
  readonly resources: number;
  readonly warnings: readonly string[];
}

/** Synthesizes every environment. Throws the first configuration error (file, tenant and field named). */
export function synthesize(options: SynthOptions): SynthesizedStack[] {
  const app = new App({
    ...(options.outdir === undefined ? {} : { outdir: options.outdir }),
    // Stack traces in metadata cost time and bytes on large environments and help nobody reading a plan.
    stackTraces: false,
  });
  const stacks = options.environments.map(
    ({ environment, source }) =>
      new EnvironmentStack(app, { environment, source, artifactsDir: options.artifactsDir }),
  );
  app.synth();
  return stacks.map((stack, index) => {
    const environment = options.environments[index]?.environment.environment ?? stack.node.id;
    return {
      environment,
      dir: join(app.outdir, 'stacks', environment),
      resources: stack.node.findAll().filter((c) => c instanceof TerraformResource).length,
      warnings: stack.warnings,
    };
  });
}
