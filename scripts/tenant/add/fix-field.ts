/**
 * Interactive `tenant add`, after the whole file was refused: rather than discard every
 * answer, name the answer the problems point at and ask only that one again.
 */
import type { TenantAnswers } from './fields';
import type { LineReader } from './line-reader';

/** Answer names as the user sees them, the answer keys they clear, and the file paths they fill. */
export const FIXABLE: readonly { name: string; keys: (keyof TenantAnswers)[]; path: RegExp }[] = [
  { name: 'id', keys: ['id'], path: /\.id\b/ },
  { name: 'name', keys: ['displayName'], path: /\.displayName/ },
  { name: 'hosts', keys: ['hosts'], path: /\.hosts/ },
  { name: 'email-domains', keys: ['emailDomains', 'includeSubdomains'], path: /\.emailDomains|email domain/ },
  { name: 'idp-name', keys: ['idpName'], path: /\.idp\.name|identity provider/ },
  { name: 'metadata', keys: ['metadataUrl', 'metadataFile'], path: /\.idp\.metadata|metadata/i },
  { name: 'groups', keys: ['groups', 'groupPrefixes', 'adminGroup'], path: /\.groups/ },
  { name: 'domain-prefix', keys: ['domainPrefix'], path: /domainPrefix|domain prefix/ },
  { name: 'callback-urls', keys: ['callbackUrls', 'logoutUrls'], path: /callbackUrls|logoutUrls/ },
];

/** The answer the first problem that names one points at. */
export function guessField(problems: readonly string[]): string | undefined {
  for (const problem of problems) {
    const hit = FIXABLE.find((f) => f.path.test(problem));
    if (hit) return hit.name;
  }
  return undefined;
}

/** Answers without `field`, so the prompts ask for it again. */
export function withoutField(answers: TenantAnswers, field: string): TenantAnswers {
  const keys = FIXABLE.find((f) => f.name === field)?.keys ?? [];
  const next = { ...answers };
  for (const key of keys) delete next[key];
  return next;
}

/** Asks which answer to change; undefined means stop (nothing is written). */
export async function askFieldToFix(
  io: { reader: LineReader; write: (text: string) => void },
  problems: readonly string[],
): Promise<string | undefined> {
  const guess = guessField(problems);
  const names = FIXABLE.map((f) => f.name).join(', ');
  for (let attempt = 0; attempt < 5; attempt += 1) {
    io.write(`Change which answer? (${names}; n to stop)${guess ? ` [${guess}]` : ''}: `);
    const line = (await io.reader.next())?.trim();
    if (line === undefined || /^(n|no)$/i.test(line)) return undefined;
    const answer = line === '' ? guess : line;
    if (answer !== undefined && FIXABLE.some((f) => f.name === answer)) return answer;
    io.write(`  answer one of: ${names}, or n\n`);
  }
  return undefined;
}
