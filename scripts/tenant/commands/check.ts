/** `tenant check <env>`: whole-file validation, SAML metadata, cross-tenant rules, quotas. */
import { flag, intOption, parseCommandArgs } from '../args';
import { type CheckReport, runCheck } from '../check/run-check';
import type { Command } from '../cli-io';
import { resolveEnvironmentPath } from '../environment-file';
import { EXIT } from '../errors';
import { countBySeverity, formatFinding, printable } from '../findings';

/** Default deadline for downloading and reviewing one metadata document with --fetch. */
export const DEFAULT_FETCH_TIMEOUT_MS = 10_000;

function tenantLine(tenant: CheckReport['tenants'][number], width: number): string {
  const { metadata } = tenant;
  const id = tenant.id.padEnd(width);
  if (!metadata.summary) {
    const state = metadata.reviewed
      ? 'refused'
      : metadata.field === 'idp.metadataUrl'
        ? 'not fetched'
        : 'unreadable';
    return `  ${id}  ${metadata.location}: ${state}`;
  }
  const certs = metadata.summary.certificates
    .map((c) => `${c.validTo.slice(0, 10)} (${c.daysLeft} days)`)
    .join(', ');
  return `  ${id}  ${metadata.summary.entityId}; signing certificate(s) valid until ${certs || 'none'}`;
}

/** The human report: one line per tenant, then the findings, then the totals. */
export function renderCheck(report: CheckReport): string {
  const counts = countBySeverity(report.findings);
  const lines = [`${report.file}: ${report.tenants.length} tenant(s)`];
  const width = Math.max(0, ...report.tenants.map((t) => t.id.length));
  lines.push(...report.tenants.map((t) => printable(tenantLine(t, width))));
  if (report.findings.length > 0) lines.push('', ...report.findings.map(formatFinding));
  lines.push('', `${counts.errors} error(s), ${counts.warnings} warning(s), ${counts.infos} note(s)`);
  return `${lines.join('\n')}\n`;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'validate the file, every SAML metadata document and the Cognito quotas',
  help: `Usage: tenant check <env> [--fetch] [--timeout <ms>] [--strict] [--json]

Validates the whole environment file (the registry schema and cross-tenant rules), then
reads every tenant's SAML metadata: entity ID, SingleSignOnService binding and URL, signing
certificates (none valid: error; expired beside a valid one, or under 30 days: warning). One
IdP serving two tenants (the same entity ID once normalised, or the same signing
certificate unless idp.sharesSigningCertificateWith allows it) is an error. Checks Cognito quotas (user pools per account, IdPs per pool, identifiers per
IdP, URLs per app client, domain prefix words, custom:groups length).

  --fetch          download metadata given by URL (https only, 1 MB cap); off by default
  --timeout <ms>   deadline per document, download and review (default ${DEFAULT_FETCH_TIMEOUT_MS})
  --strict         warnings fail too
  --json           machine-readable report on stdout

Exit code: 0 no errors, 1 errors (or warnings with --strict), 2 usage.`,
  async run(args, io) {
    const parsed = parseCommandArgs(
      args,
      { fetch: { type: 'boolean' }, timeout: { type: 'string' }, strict: { type: 'boolean' } },
      ['env'],
    );
    const path = resolveEnvironmentPath(parsed.positionals[0] as string, io.root, io.cwd);
    const report = await runCheck(path, {
      fetch: flag(parsed, 'fetch'),
      timeoutMs: intOption(parsed, 'timeout', DEFAULT_FETCH_TIMEOUT_MS, 120_000),
      now: io.now(),
      fetchMetadata: io.fetchMetadata,
    });
    const counts = countBySeverity(report.findings);
    const failed = counts.errors > 0 || (flag(parsed, 'strict') && counts.warnings > 0);
    if (flag(parsed, 'json'))
      io.stdout(`${JSON.stringify({ ok: !failed, ...counts, ...report }, null, 2)}\n`);
    else io.stdout(renderCheck(report));
    return failed ? EXIT.failed : EXIT.ok;
  },
};
