/**
 * Finds a tenant's user pool id and app client id in deploy outputs: `terraform output
 * -json` (`{ name: { value } }`) or a CDKTF `--outputs-file` (`{ stack: { name: value } }`),
 * including values that are maps or JSON strings. A value belongs to a tenant when its
 * path names the tenant id (dedicated, or any tenant's own stack `<env>--<id>` when the
 * environment is given) or `shared` (shared pool); ambiguity is an error, never a guess.
 */
import { readFileSync } from 'node:fs';
import { CommandError } from '../errors';

/** Outputs files are small; refuse anything that is clearly not one. */
const MAX_OUTPUTS_BYTES = 10 * 1024 * 1024;

interface Leaf {
  readonly path: string;
  readonly value: string;
}

/** Identifiers found for one pool; absent when the outputs do not hold them. */
export interface PoolOutputs {
  readonly userPoolId?: string;
  readonly clientId?: string;
}

/**
 * Reads an outputs file and picks the pool named by the first of `keys` that matches
 * (the tenant id, then its shard's output for a shared tenant). Values whose path names one
 * of `exclude` (the other shards' outputs) are never picked.
 */
export function poolFromOutputsFile(
  file: string,
  keys: readonly string[],
  region: string,
  pools: number,
  exclude: readonly string[] = [],
  environment?: string,
): PoolOutputs {
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    if (text.length > MAX_OUTPUTS_BYTES) throw new Error('larger than 10 MB');
    raw = JSON.parse(text);
  } catch (caught) {
    throw new CommandError(`--outputs ${file}: cannot read it as JSON (${(caught as Error).message})`, [
      'pass the file written by `terraform output -json > outputs.json` or `cdktf deploy --outputs-file`',
    ]);
  }
  return poolFromOutputs(raw, keys, region, pools, file, exclude, environment);
}

/** {@link poolFromOutputsFile} on parsed JSON. `pools` is the number of pools in the environment. */
export function poolFromOutputs(
  raw: unknown,
  keys: readonly string[],
  region: string,
  pools: number,
  file = 'outputs',
  exclude: readonly string[] = [],
  environment?: string,
): PoolOutputs {
  const collected: Leaf[] = [];
  collect(raw, '', collected, 0);
  const all = collected.map((l) => ({ ...l, path: tenantStackPath(l.path, environment) }));
  const leaves = all.filter((l) => !exclude.some((name) => named(name).test(l.path)));
  const poolIdPattern = new RegExp(`^${region.replace(/[^a-z0-9-]/g, '')}_[0-9A-Za-z]{1,55}$`);
  const poolIds = leaves.filter((l) => poolIdPattern.test(l.value));
  // Cognito app client ids are 26 letters and digits; the path must say it is a client.
  const clientIds = leaves.filter((l) => /client/.test(l.path) && /^[A-Za-z0-9]{16,128}$/.test(l.value));
  const userPoolId = pick(poolIds, keys, pools, 'user pool id', '--pool-id', file);
  const clientId = pick(clientIds, keys, pools, 'app client id', '--client-id', file);
  return { ...(userPoolId ? { userPoolId } : {}), ...(clientId ? { clientId } : {}) };
}

function pick(
  leaves: readonly Leaf[],
  keys: readonly string[],
  pools: number,
  what: string,
  flag: string,
  file: string,
) {
  let matching: Leaf[] = [];
  let key = keys[0] ?? '';
  for (const candidate of keys) {
    matching = leaves.filter((l) => named(candidate).test(l.path));
    key = candidate;
    if (matching.length > 0) break;
  }
  // With a single pool in the environment, an outputs file with a single id is unambiguous.
  const candidates = matching.length === 0 && pools === 1 ? leaves : matching;
  const values = [...new Set(candidates.map((l) => l.value))];
  if (values.length <= 1) return values[0];
  throw new CommandError(`${file}: ${values.length} different ${what}s match '${key}'`, [
    ...candidates.map((l) => `${l.path} = ${l.value}`),
    `pass ${flag} to choose`,
  ]);
}

/** Paths that name `key` as a whole word (`acme` is not `acme-eu`). */
function named(key: string): RegExp {
  return new RegExp(`(^|[^a-z0-9-])${key}([^a-z0-9-]|$)`);
}

/**
 * A tenant stack's outputs (tenantStacks: a cdktf outputs file is keyed by stack, `<env>--<id>`)
 * under the tenant id itself: `dev--acme/tenant/...` becomes `acme/tenant/...`. Only a first
 * segment that starts with exactly this environment's name and `--` is renamed.
 */
function tenantStackPath(path: string, environment: string | undefined): string {
  if (environment === undefined || !path.startsWith(`${environment}--`)) return path;
  return path.slice(environment.length + 2);
}

/** Flattens to `path -> string` leaves; camelCase is split (`acmeUserPoolId` -> `acme_user_pool_id`). */
function collect(node: unknown, path: string, out: Leaf[], depth: number): void {
  if (depth > 20) return;
  if (typeof node === 'string') {
    const trimmed = node.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        collect(JSON.parse(trimmed), path, out, depth + 1);
        return;
      } catch {
        // Not JSON after all: an ordinary string value.
      }
    }
    out.push({ path, value: node });
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [name, child] of Object.entries(node)) {
    const segment = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
    collect(child, path === '' ? segment : `${path}/${segment}`, out, depth + 1);
  }
}
