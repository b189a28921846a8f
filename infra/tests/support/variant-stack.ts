/**
 * Synthesizes a variant of an environment file in process (for settings no file in
 * `environments/` has), with the stand-in zips of the global setup.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnvironment } from '@cognito-tenancy/registry/environment';
import { synthesize } from '../../src/app';
import { ENVIRONMENTS_DIR } from '../../src/environments';
import { type StackJson, synthRecord } from './synthesized';

/** The raw JSON of `environments/<name>.json`. */
export function rawEnvironment(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ENVIRONMENTS_DIR, `${name}.json`), 'utf8')) as Record<string, unknown>;
}

/** Synthesizes `raw` (resolved beside the real files, so metadata paths work) and returns its stack. */
export function synthVariant(
  raw: Record<string, unknown>,
  artifactsDir = synthRecord().artifactsDir,
): StackJson {
  const stack = synthVariantStacks(raw, artifactsDir).get(String(raw.environment));
  if (stack === undefined) throw new Error('no stack synthesized');
  return stack;
}

/** Every stack `raw` synthesizes (the platform's, and with `tenantStacks` each tenant's and retired tenant's), by name. */
export function synthVariantStacks(
  raw: Record<string, unknown>,
  artifactsDir = synthRecord().artifactsDir,
  tenants?: readonly string[],
): Map<string, StackJson> {
  const environment = parseEnvironment(raw, 'variant.json', ENVIRONMENTS_DIR);
  const outdir = mkdtempSync(join(tmpdir(), 'ct-infra-variant-'));
  const [stack] = synthesize({
    environments: [{ environment, source: 'variant.json' }],
    artifactsDir,
    outdir,
    ...(tenants === undefined ? {} : { tenants }),
  });
  if (stack === undefined) throw new Error('no stack synthesized');
  const read = (name: string) =>
    JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as StackJson;
  return new Map(
    [stack.environment, ...stack.tenantStacks.map((tenant) => tenant.name), ...stack.retiredStacks].map(
      (name) => [name, read(name)],
    ),
  );
}
