/** `tenant add <env>`: adds a tenant from flags, or by asking when stdin is a terminal. */

import {
  type Check,
  checkCallbackUrls,
  checkDisplayName,
  checkDomainPrefix,
  checkEmailDomains,
  checkGroup,
  checkHosts,
  checkId,
  checkIdpName,
  checkMetadataUrl,
  checkPattern,
  splitList,
  type TenantAnswers,
} from '../add/fields';
import { LineReader } from '../add/line-reader';
import { type AddResult, runAdd } from '../add/run-add';
import { flag, intOption, listOption, type ParsedArgs, parseCommandArgs, stringOption } from '../args';
import type { Command } from '../cli-io';
import { resolveEnvironmentPath } from '../environment-file';
import { CommandError, EXIT, UsageError } from '../errors';
import { formatFinding } from '../findings';
import { DEFAULT_JSON_STYLE, formatJson } from '../json-format';
import { RUN_COMMAND, TENANT_COMMAND } from '../run-hint';
import { DEFAULT_FETCH_TIMEOUT_MS } from './check';

export const ADD_OPTIONS = {
  id: { type: 'string' },
  name: { type: 'string' },
  pattern: { type: 'string' },
  host: { type: 'string', multiple: true },
  'email-domain': { type: 'string', multiple: true },
  'include-subdomains': { type: 'boolean' },
  'idp-name': { type: 'string' },
  'metadata-url': { type: 'string' },
  'metadata-file': { type: 'string' },
  group: { type: 'string', multiple: true },
  'group-prefix': { type: 'string', multiple: true },
  'admin-group': { type: 'string' },
  'domain-prefix': { type: 'string' },
  'callback-url': { type: 'string', multiple: true },
  'logout-url': { type: 'string', multiple: true },
  fetch: { type: 'boolean' },
  timeout: { type: 'string' },
  'dry-run': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  'no-input': { type: 'boolean' },
} as const;

/** Reads the answer flags, checking each; every bad value is reported at once (exit 1). */
export function answersFromFlags(args: ParsedArgs): TenantAnswers {
  const problems: string[] = [];
  const answers: TenantAnswers = {};
  const take = <T>(name: string, value: T | undefined, check: Check<T>, set: (v: T) => void) => {
    if (value === undefined) return;
    const result = check(value);
    if (result.ok) set(result.value);
    else problems.push(`--${name}: ${result.message}`);
  };
  const list = (name: string) => {
    const values = listOption(args, name);
    return values === undefined ? undefined : splitList(values);
  };
  const eachOf =
    (check: Check<string>): Check<string[]> =>
    (values) => {
      const bad = values.map(check).find((r) => !r.ok);
      return bad && !bad.ok ? bad : { ok: true, value: values };
    };
  take('id', stringOption(args, 'id'), checkId, (v) => {
    answers.id = v;
  });
  take('name', stringOption(args, 'name'), checkDisplayName, (v) => {
    answers.displayName = v;
  });
  take('pattern', stringOption(args, 'pattern'), checkPattern, (v) => {
    answers.pattern = v as 'dedicated' | 'shared';
  });
  take('host', list('host'), checkHosts, (v) => {
    answers.hosts = v;
  });
  take('email-domain', list('email-domain'), checkEmailDomains, (v) => {
    answers.emailDomains = v;
  });
  take('idp-name', stringOption(args, 'idp-name'), checkIdpName, (v) => {
    answers.idpName = v;
  });
  take('metadata-url', stringOption(args, 'metadata-url'), checkMetadataUrl, (v) => {
    answers.metadataUrl = v;
  });
  take('group', list('group'), eachOf(checkGroup), (v) => {
    answers.groups = v;
  });
  take('group-prefix', list('group-prefix'), eachOf(checkGroup), (v) => {
    answers.groupPrefixes = v;
  });
  take('admin-group', stringOption(args, 'admin-group'), checkGroup, (v) => {
    answers.adminGroup = v;
  });
  take('domain-prefix', stringOption(args, 'domain-prefix'), checkDomainPrefix, (v) => {
    answers.domainPrefix = v;
  });
  take('callback-url', list('callback-url'), checkCallbackUrls, (v) => {
    answers.callbackUrls = v;
  });
  take('logout-url', list('logout-url'), checkCallbackUrls, (v) => {
    answers.logoutUrls = v;
  });
  const file = stringOption(args, 'metadata-file');
  if (file !== undefined) answers.metadataFile = file;
  if (flag(args, 'include-subdomains')) answers.includeSubdomains = true;
  if (answers.metadataUrl !== undefined && file !== undefined) {
    throw new UsageError('give --metadata-url or --metadata-file, not both');
  }
  if (problems.length > 0) throw new CommandError('invalid values; nothing was written', problems);
  return answers;
}

function renderAdd(result: AddResult, environment: string): string {
  const id = String(result.tenant.id);
  const lines = result.written
    ? [`Added tenant '${id}' to ${result.file}`]
    : result.declined
      ? [`Not written; ${result.file} is unchanged.`]
      : [`Not written (dry run). The tenant would be:`, formatJson(result.tenant, DEFAULT_JSON_STYLE)];
  if (result.metadataCopiedTo) lines.push(`Copied the metadata to ${result.metadataCopiedTo}`);
  if (result.findings.length > 0) lines.push('', ...result.findings.map(formatFinding));
  if (result.written) lines.push('', ...nextSteps(result.tenant, environment));
  return `${lines.join('\n')}\n`;
}

/** What to do after adding: tell the IdP admin, check, and try the tenant on the local stack. */
export function nextSteps(tenant: Record<string, unknown>, environment: string): string[] {
  const id = String(tenant.id);
  const domain = (tenant.emailDomains as string[] | undefined)?.[0] ?? 'example.com';
  const hosts = (tenant.hosts as string[] | undefined) ?? [];
  const groups = ((tenant.groups as { allow?: string[] } | undefined)?.allow ?? []).slice(0, 2);
  const user = JSON.stringify({ tenant: id, email: `someone@${domain}`, groups });
  const page = hosts.some((h) => h.endsWith('.localhost'))
    ? `http://${hosts.find((h) => h.endsWith('.localhost'))}:4000/`
    : tenant.pattern === 'shared'
      ? 'http://app.localhost:4000/ (found by the email domain)'
      : `a *.localhost host of the tenant (add one with: ${TENANT_COMMAND} edit ${environment} ${id} --host ${id}.localhost)`;
  return [
    'Next:',
    `  ${TENANT_COMMAND} sp-info ${environment} ${id}    # send this to the IdP admin`,
    `  ${TENANT_COMMAND} check ${environment}             # before deploying`,
    '',
    'Try it on the local stack: give the tenant a demo user in a users file (start refuses users of',
    `tenants the environment lacks, so copy scripts/local-stack/demo-users.json), for example`,
    `  ${user}`,
    `then restart: ${RUN_COMMAND} start --env ${environment} --users <that file>`,
    `and sign in on ${page}`,
  ];
}

export const addCommand: Command = {
  name: 'add',
  summary: 'add a tenant to an environment file (asks, or takes flags)',
  help: `Usage: tenant add <env> [flags]

In a terminal, asks for everything not given by a flag. Otherwise (CI, scripts) the flags
--id, --name, --pattern, --email-domain and one of --metadata-url / --metadata-file are required.
The whole resulting file is validated before anything is written; the file is replaced
atomically and keeps its layout (only the new tenant is inserted).

  --id <id>                 tenant id: 3-32 lowercase letters, digits, hyphens
  --name <text>             display name
  --pattern <p>             dedicated (own user pool, found by host) or shared (found by email domain)
  --host <host>             app host, repeatable or comma-separated (required for dedicated)
  --email-domain <domain>   email domain, repeatable or comma-separated
  --include-subdomains      subdomains of the email domains match too
  --idp-name <name>         Cognito identity provider name (default: the tenant id)
  --metadata-url <url>      https:// URL of the IdP's SAML metadata
  --metadata-file <path>    the metadata XML; copied to metadata/<id>.xml next to the file if outside it
  --group <name>            IdP group the app uses, repeatable
  --group-prefix <prefix>   pass groups starting with this, repeatable
  --admin-group <name>      group whose members administer the tenant
  --domain-prefix <prefix>  Cognito domain prefix of a dedicated pool (default <id>-<env>)
  --callback-url <url>      OAuth callback URL, repeatable (default https://<host>/callback;
                            required when a shared tenant has no hosts)
  --logout-url <url>        sign-out URL, repeatable (default https://<host>/)
  --fetch                   download and check --metadata-url now
  --timeout <ms>            deadline for --fetch (default ${DEFAULT_FETCH_TIMEOUT_MS})
  --dry-run                 validate and show the tenant; write nothing
  -y, --yes                 do not ask for confirmation
  --no-input                never prompt, even in a terminal
  --json                    machine-readable result on stdout`,
  async run(args, io) {
    const parsed = parseCommandArgs(args, ADD_OPTIONS, ['env']);
    const path = resolveEnvironmentPath(parsed.positionals[0] as string, io.root, io.cwd);
    const answers = answersFromFlags(parsed);
    const interactive = io.stdinIsTTY && !flag(parsed, 'no-input');
    const reader = interactive ? new LineReader(io.stdin) : undefined;
    try {
      const result = await runAdd({
        path,
        answers,
        cwd: io.cwd,
        dryRun: flag(parsed, 'dry-run'),
        fetch: flag(parsed, 'fetch'),
        timeoutMs: intOption(parsed, 'timeout', DEFAULT_FETCH_TIMEOUT_MS, 120_000),
        now: io.now(),
        fetchMetadata: io.fetchMetadata,
        ...(reader ? { prompt: { reader, write: io.stderr, confirm: !flag(parsed, 'yes') } } : {}),
      });
      const environment = parsed.positionals[0] as string;
      io.stdout(
        flag(parsed, 'json')
          ? `${JSON.stringify({ ok: true, ...result }, null, 2)}\n`
          : renderAdd(result, environment),
      );
      return EXIT.ok;
    } finally {
      reader?.close();
    }
  },
};
