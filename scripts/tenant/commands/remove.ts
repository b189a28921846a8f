/** `tenant remove <env> <id>`: takes one tenant out of an environment file. */

import { loadEnvironmentFile } from '@cognito-tenancy/registry/environment';
import { LineReader } from '../add/line-reader';
import { confirm } from '../add/prompts';
import { runRemove } from '../add/run-edit';
import { flag, parseCommandArgs } from '../args';
import type { Command } from '../cli-io';
import { resolveEnvironmentPath } from '../environment-file';
import { EXIT } from '../errors';
import { DEFAULT_JSON_STYLE, formatJson } from '../json-format';
import { TENANT_COMMAND } from '../run-hint';

const OPTIONS = {
  'dry-run': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
} as const;

export const removeCommand: Command = {
  name: 'remove',
  summary: 'remove one tenant from an environment file',
  help: `Usage: tenant remove <env> <tenant-id> [--dry-run] [--yes] [--json]

Removes the tenant's entry and keeps the rest of the file as it is (atomic replace; the
remaining file is validated first). In a terminal it asks for confirmation unless --yes.
The tenant's metadata file is kept. After the next deploy its IdP is gone from Cognito, and
a dedicated tenant's user pool, with its users, is destroyed. In a file with "tenantStacks"
the id is also listed in "retiredTenants", so that deploy destroys the tenant's own stack.

  --dry-run   show what would be removed; write nothing
  -y, --yes   do not ask
  --json      machine-readable result on stdout`,
  async run(args, io) {
    const parsed = parseCommandArgs(args, OPTIONS, ['env', 'tenant-id']);
    const [environment, id] = parsed.positionals as [string, string];
    const path = resolveEnvironmentPath(environment, io.root, io.cwd);
    const reader = io.stdinIsTTY && !flag(parsed, 'yes') ? new LineReader(io.stdin) : undefined;
    try {
      const result = await runRemove({
        path,
        id,
        dryRun: flag(parsed, 'dry-run'),
        ...(reader
          ? {
              confirm: async (tenant: unknown) => {
                io.stderr(`\n${formatJson(tenant, DEFAULT_JSON_STYLE)}\n`);
                return confirm({ reader, write: io.stderr }, `Remove tenant '${id}' from ${path}?`);
              },
            }
          : {}),
      });
      if (flag(parsed, 'json')) {
        io.stdout(`${JSON.stringify({ ok: true, ...result }, null, 2)}\n`);
      } else if (result.written) {
        const metadata = (result.tenant as { idp?: { metadataFile?: string } }).idp?.metadataFile;
        // Retiring a protected dedicated pool stops at the pool: say so now, not at the deploy.
        const removed = result.tenant as { pattern?: string; pool?: { deletionProtection?: boolean } };
        const protectedPool =
          result.retired === true &&
          removed.pattern === 'dedicated' &&
          (removed.pool?.deletionProtection ?? loadEnvironmentFile(path).deletionProtection);
        io.stdout(
          [
            `Removed tenant '${id}' from ${path}`,
            ...(metadata ? [`Kept its metadata file ${metadata} (delete it when no longer needed)`] : []),
            ...(result.retired
              ? [
                  `Listed '${id}' in retiredTenants: its stack's state outlives the entry, and deploying the retired (empty) stack destroys what it holds`,
                  `Next: ${TENANT_COMMAND} check ${environment}, then pnpm run deploy ${environment} --tenant ${id}`,
                  ...(protectedPool
                    ? [
                        `Warning: '${id}' has its own pool and deletionProtection is on, so that deploy stops at the pool; its pool must be unprotected first: put the entry back with "deletionProtection": false in its "pool", deploy --tenant ${id}, then remove it again (infra README, Taking a tenant out)`,
                      ]
                    : []),
                ]
              : [`Next: ${TENANT_COMMAND} check ${environment}, then deploy to remove it from Cognito`]),
            '',
          ].join('\n'),
        );
      } else {
        io.stdout(`Not removed (dry run or not confirmed); ${path} is unchanged.\n`);
      }
      return EXIT.ok;
    } finally {
      reader?.close();
    }
  },
};
