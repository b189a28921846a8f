/** `tenant edit <env> <id>`: changes fields of one tenant, keeping the rest of the file as it is. */
import { LineReader } from '../add/line-reader';
import { confirm } from '../add/prompts';
import { type EditResult, runEdit } from '../add/run-edit';
import { flag, intOption, parseCommandArgs } from '../args';
import type { Command } from '../cli-io';
import { resolveEnvironmentPath } from '../environment-file';
import { EXIT } from '../errors';
import { formatFinding } from '../findings';
import { DEFAULT_JSON_STYLE, formatJson } from '../json-format';
import { TENANT_COMMAND } from '../run-hint';
import { ADD_OPTIONS, answersFromFlags } from './add';
import { DEFAULT_FETCH_TIMEOUT_MS } from './check';

const { id: _id, pattern: _pattern, ...FIELD_OPTIONS } = ADD_OPTIONS;
const OPTIONS = { ...FIELD_OPTIONS, 'exclude-subdomains': { type: 'boolean' } } as const;

function render(result: EditResult, environment: string): string {
  const lines = result.written
    ? [`Changed tenant '${result.id}' in ${result.file}`]
    : [
        `Not written (dry run or not confirmed). The tenant would be:`,
        formatJson(result.tenant, DEFAULT_JSON_STYLE),
      ];
  if (result.metadataCopiedTo) lines.push(`Copied the metadata to ${result.metadataCopiedTo}`);
  if (result.findings.length > 0) lines.push('', ...result.findings.map(formatFinding));
  if (result.written) lines.push('', `Next: ${TENANT_COMMAND} check ${environment}    # before deploying`);
  return `${lines.join('\n')}\n`;
}

export const editCommand: Command = {
  name: 'edit',
  summary: 'change fields of one tenant (flags as for add)',
  help: `Usage: tenant edit <env> <tenant-id> [flags]

Sets the fields given by flags and keeps every other field (and the rest of the file) as it
is. The whole resulting file is validated and the tenant's metadata reviewed before anything
is written; the file is replaced atomically. The id and the pattern cannot change (remove the
tenant and add it again). List flags (--host, --email-domain, --group, ...) replace the list.

  --name <text>  --host <host>  --email-domain <domain>  --include-subdomains  --exclude-subdomains
  --idp-name <name>  --metadata-url <url>  --metadata-file <path>  --group <name>
  --group-prefix <prefix>  --admin-group <name>  --domain-prefix <prefix>
  --callback-url <url>  --logout-url <url>    (each as described in tenant add --help)
  --fetch  --timeout <ms>   download and review a --metadata-url now
  --dry-run                 validate and show the tenant; write nothing
  -y, --yes                 do not ask for confirmation in a terminal
  --json                    machine-readable result on stdout`,
  async run(args, io) {
    const parsed = parseCommandArgs(args, OPTIONS, ['env', 'tenant-id']);
    const [environment, id] = parsed.positionals as [string, string];
    const path = resolveEnvironmentPath(environment, io.root, io.cwd);
    const changes = answersFromFlags(parsed);
    if (flag(parsed, 'exclude-subdomains')) changes.includeSubdomains = false;
    const reader = io.stdinIsTTY && !flag(parsed, 'yes') ? new LineReader(io.stdin) : undefined;
    try {
      const result = await runEdit({
        path,
        id,
        changes,
        cwd: io.cwd,
        dryRun: flag(parsed, 'dry-run'),
        fetch: flag(parsed, 'fetch'),
        timeoutMs: intOption(parsed, 'timeout', DEFAULT_FETCH_TIMEOUT_MS, 120_000),
        now: io.now(),
        fetchMetadata: io.fetchMetadata,
        ...(reader
          ? {
              confirm: async (_before: unknown, after: unknown) => {
                io.stderr(`\n${formatJson(after, DEFAULT_JSON_STYLE)}\n`);
                return confirm({ reader, write: io.stderr }, `Write tenant '${id}' to ${path}?`);
              },
            }
          : {}),
      });
      io.stdout(
        flag(parsed, 'json')
          ? `${JSON.stringify({ ok: true, ...result }, null, 2)}\n`
          : render(result, environment),
      );
      return EXIT.ok;
    } finally {
      reader?.close();
    }
  },
};
