/**
 * Template metadata: some IdPs publish a tenant-independent document whose values still
 * hold placeholders (Entra's common metadata has entityID `https://sts.windows.net/{tenantid}/`).
 * It parses, but no sign-in can ever match it.
 */
import type { Issue } from '../findings';
import { error } from './metadata-names';

// `{tenantid}`, its URL-encoded form, `${var}`, `<tenant>`, `%TENANT%`, `[your-tenant]`.
const PLACEHOLDER =
  /\{[^{}\s]{1,40}\}|%7B[^%\s]{1,40}%7D|\$\{[^}\s]{0,40}\}?|<[^<>\s]{1,40}>|%[A-Za-z_]{2,40}%|\[(?:your|tenant|insert|enter)[^\]]{0,40}\]/i;

/** The placeholder in `value`, if any. */
export const findPlaceholder = (value: string): string | undefined => PLACEHOLDER.exec(value)?.[0];

/** One error per value (`what`: `entityID`, `SingleSignOnService Location`) holding a placeholder. */
export function placeholderIssues(values: ReadonlyArray<readonly [what: string, value: string]>): Issue[] {
  return values.flatMap(([what, value]) => {
    const placeholder = findPlaceholder(value);
    if (placeholder === undefined) return [];
    return [
      error(
        'metadata.placeholder',
        `${what} '${value.slice(0, 120)}' contains the placeholder '${placeholder}': this is a template, not the metadata of one IdP`,
        "download the metadata of the tenant's own IdP application (Entra ID: the enterprise application's Federation Metadata XML, not the tenant-independent document)",
      ),
    ];
  });
}
