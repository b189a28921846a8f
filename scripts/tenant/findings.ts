/**
 * Findings: what `check` (and the metadata review in `add`) reports. Each names where the
 * problem is (file, tenant, field), what is wrong, and how to fix it.
 */
export type Severity = 'error' | 'warning' | 'info';

/** A problem without a location, as returned by the pure reviewers. */
export interface Issue {
  readonly severity: Severity;
  /** Stable code for scripts (`certificate.expired`). */
  readonly code: string;
  readonly message: string;
  readonly fix?: string;
}

/** An {@link Issue} placed in the file (`tenants[1] (tenant 'globex').idp.metadataFile`). */
export interface Finding extends Issue {
  readonly where: string;
}

/** Places issues at `where`. */
export function locate(where: string, issues: readonly Issue[]): Finding[] {
  return issues.map((issue) => ({ where, ...issue }));
}

export const countBySeverity = (findings: readonly Finding[]) => ({
  errors: findings.filter((f) => f.severity === 'error').length,
  warnings: findings.filter((f) => f.severity === 'warning').length,
  infos: findings.filter((f) => f.severity === 'info').length,
});

/**
 * Text safe to print on a terminal: control characters (ANSI escapes, carriage returns)
 * from the file or from fetched metadata are shown as `?`.
 */
export function printable(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]/gu, '?');
}

/** `error    where: message` plus an indented `fix:` line. */
export function formatFinding(finding: Finding): string {
  const head = printable(`${finding.severity.padEnd(8)}${finding.where}: ${finding.message}`);
  return finding.fix === undefined ? head : `${head}\n${' '.repeat(8)}fix: ${printable(finding.fix)}`;
}

/** The label used for a tenant in every message, matching the registry's validation errors. */
export function tenantLabel(index: number, id: string): string {
  return `tenants[${index}] (tenant '${id}')`;
}
