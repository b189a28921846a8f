/**
 * `pnpm --filter @cognito-tenancy/infra sync-issuer-index <env>`: rebuilds the environment's
 * issuer index from its issuer records (see issuer-index-sync.ts), for the deploy tool to run
 * after the applies, under the index lock (issuer-index-lock.ts). Idempotent. Uses the default
 * AWS credentials and the file's `region`; the SDK's own `AWS_ENDPOINT_URL` /
 * `AWS_ENDPOINT_URL_SSM` point it at an emulator.
 */
import { SSMClient } from '@aws-sdk/client-ssm';
import { ENVIRONMENTS_DIR, loadEnvironments } from './environments';
import { withIssuerIndexLock } from './issuer-index-lock';
import { type IssuerIndexClient, type IssuerIndexSync, syncIssuerIndex } from './issuer-index-sync';

export interface SyncEnvironmentOptions {
  /** The SSM client for the environment's region (default: an `SSMClient` with default credentials). */
  readonly client?: (region: string) => IssuerIndexClient;
  /** Where the lines go (default: stdout). */
  readonly write?: (line: string) => void;
  readonly dir?: string;
}

/** `issuer index: 3 pools in 1 shards, 1 written, 0 deleted`. */
export function issuerIndexSummary(result: IssuerIndexSync): string {
  return `issuer index: ${result.pools} pools in ${result.shards} shards, ${result.written.length} written, ${result.deleted.length} deleted`;
}

/**
 * Loads environment `nameOrPath` (a name in `environments/` or a file path) and syncs its
 * index under the file's `registryPrefix`: one line per shard written or deleted and per
 * issuer record skipped, then the summary. Throws `EnvironmentFileError` for an unknown or
 * invalid file.
 */
export async function syncEnvironmentIssuerIndex(
  nameOrPath: string,
  options: SyncEnvironmentOptions = {},
): Promise<IssuerIndexSync> {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const [loaded] = loadEnvironments([nameOrPath], options.dir ?? ENVIRONMENTS_DIR);
  if (loaded === undefined) throw new Error(`no environment '${nameOrPath}'`);
  const { region, registryPrefix } = loaded.environment;
  const ssm = options.client?.(region) ?? new SSMClient({ region });
  const result = await withIssuerIndexLock(
    ssm,
    registryPrefix,
    () => syncIssuerIndex(ssm, registryPrefix, { log: write }),
    { log: write },
  );
  write(issuerIndexSummary(result));
  return result;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  if (args.length !== 1 || args[0]?.startsWith('-')) {
    process.stderr.write('usage: pnpm --filter @cognito-tenancy/infra sync-issuer-index <environment>\n');
    process.exit(2);
  }
  await syncEnvironmentIssuerIndex(args[0] as string);
}

if (process.argv[1] === import.meta.filename) {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`sync-issuer-index failed: ${message}\n`);
    process.exit(1);
  });
}
