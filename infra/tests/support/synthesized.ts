/**
 * Access to the stacks the global setup synthesized: the Terraform JSON of each
 * environment, and small queries over it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvironmentFile, type ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { ENVIRONMENTS_DIR } from '../../src/environments';

export const SYNTH_DIR_VARIABLE = 'COGNITO_TENANCY_INFRA_TEST_DIR';

export interface SynthRecord {
  readonly environments: readonly string[];
  readonly artifactsDir: string;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

// biome-ignore lint/suspicious/noExplicitAny: Terraform JSON is untyped; tests assert on its shape.
export type Body = Record<string, any>;

export interface StackJson {
  readonly resource: Record<string, Record<string, Body>>;
  readonly output: Record<string, { value: unknown; description?: string }>;
  readonly provider: { aws: Body[] };
  readonly terraform: Body;
  readonly data?: Record<string, Record<string, Body>>;
}

function testDir(): string {
  const dir = process.env[SYNTH_DIR_VARIABLE];
  if (!dir) throw new Error(`${SYNTH_DIR_VARIABLE} is not set: run these tests through jest (global setup)`);
  return dir;
}

/** The global setup's synth run; throws with synth's output when it failed. */
export function synthRecord(): SynthRecord {
  const record = JSON.parse(readFileSync(join(testDir(), 'synth.json'), 'utf8')) as SynthRecord;
  if (record.status !== 0) throw new Error(`synth failed (exit ${record.status}):\n${record.stderr}`);
  return record;
}

/** Directory of an environment's synthesized stack. */
export function stackDir(environment: string): string {
  synthRecord();
  return join(testDir(), 'out', 'stacks', environment);
}

const cache = new Map<string, StackJson>();

/** The synthesized Terraform JSON of `environment`. */
export function stack(environment: string): StackJson {
  const cached = cache.get(environment);
  if (cached) return cached;
  const file = join(stackDir(environment), 'cdk.tf.json');
  if (!existsSync(file)) throw new Error(`no synthesized stack for ${environment} at ${file}`);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as StackJson;
  cache.set(environment, parsed);
  return parsed;
}

/** The validated environment file behind a stack. */
export function environmentOf(environment: string): ResolvedEnvironment {
  return loadEnvironmentFile(join(ENVIRONMENTS_DIR, `${environment}.json`));
}

/** The synthesized environments whose file `has` something (an API, hosting, ...). */
export function environmentsWhere(has: (environment: ResolvedEnvironment) => unknown): string[] {
  return synthRecord().environments.filter((environment) => has(environmentOf(environment)));
}

/** `[logicalName, body]` of every resource of `type`. */
export function resources(s: StackJson, type: string): [string, Body][] {
  return Object.entries(s.resource[type] ?? {});
}

/** The one resource of `type` whose `field` equals `value`. */
export function resourceWhere(s: StackJson, type: string, field: string, value: unknown): [string, Body] {
  const found = resources(s, type).filter(([, body]) => body[field] === value);
  if (found.length !== 1)
    throw new Error(`expected one ${type} with ${field}=${String(value)}, found ${found.length}`);
  return found[0] as [string, Body];
}

/** `${type.name.attr}`: how Terraform JSON references an attribute. */
export function ref(type: string, name: string, attribute: string): string {
  return `\${${type}.${name}.${attribute}}`;
}
