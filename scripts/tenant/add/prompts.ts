/**
 * Interactive `tenant add`: asks for every answer not already given by a flag, checking
 * each one as it is typed and asking again (a few times) when it is not valid.
 */
import { CommandError } from '../errors';
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
  checkMetadataPath,
  checkMetadataUrl,
  checkPattern,
  defaultDomainPrefix,
  splitList,
  type TenantAnswers,
} from './fields';
import type { LineReader } from './line-reader';

/** Attempts per question before giving up (a script piping bad answers must not loop forever). */
const MAX_ATTEMPTS = 5;

/** Where prompts read answers and write questions (stderr, so `--json` output stays clean). */
export interface PromptIo {
  readonly reader: LineReader;
  readonly write: (text: string) => void;
}

export interface PromptContext extends PromptIo {
  /** Where a relative metadata path is looked up (the user's working directory). */
  readonly cwd: string;
  readonly environment: string;
  readonly hasSharedPool: boolean;
  readonly takenIds: readonly string[];
  readonly takenIdpNames: readonly string[];
}

async function ask<T>(
  ctx: PromptIo,
  question: string,
  parse: (line: string) => T,
  check: Check<T>,
  fallback?: string,
): Promise<T> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    ctx.write(`${question}${fallback === undefined ? '' : ` [${fallback}]`}: `);
    const line = await ctx.reader.next();
    if (line === undefined)
      throw new CommandError('input ended before all answers were given; nothing was written');
    const answer = line.trim() === '' && fallback !== undefined ? fallback : line.trim();
    const result = check(parse(answer));
    if (result.ok) return result.value;
    ctx.write(`  ${result.message}\n`);
  }
  throw new CommandError(`no valid answer after ${MAX_ATTEMPTS} attempts; nothing was written`);
}

const text = (line: string) => line;
const notTaken =
  (check: Check<string>, taken: readonly string[], what: string): Check<string> =>
  (v) =>
    taken.includes(v) ? { ok: false, message: `${what} '${v}' is already in this file` } : check(v);
const optionalList =
  (check: Check<string>): Check<string[]> =>
  (values) => {
    for (const value of values) {
      const result = check(value);
      if (!result.ok) return result;
    }
    return { ok: true, value: values };
  };
const yesNo: Check<string> = (v) =>
  /^(y|yes|n|no)$/i.test(v) ? { ok: true, value: v.toLowerCase() } : { ok: false, message: 'answer y or n' };

/** Fills in missing answers by asking. Answers already present are kept as they are. */
export async function promptForAnswers(given: TenantAnswers, ctx: PromptContext): Promise<TenantAnswers> {
  const a: TenantAnswers = { ...given };
  a.id ??= await ask(
    ctx,
    'Tenant id (lowercase, e.g. acme)',
    text,
    notTaken(checkId, ctx.takenIds, 'tenant id'),
  );
  a.displayName ??= await ask(ctx, 'Display name', text, checkDisplayName, a.id);
  a.pattern ??= (await ask(
    ctx,
    'Pattern: dedicated (own user pool) or shared',
    text,
    checkPattern,
    ctx.hasSharedPool ? 'shared' : 'dedicated',
  )) as 'dedicated' | 'shared';
  a.hosts ??= await ask(
    ctx,
    'App hosts, comma-separated (e.g. acme.app.example.com)',
    splitList,
    a.pattern === 'dedicated'
      ? (v) => (v.length === 0 ? { ok: false, message: 'a dedicated tenant needs a host' } : checkHosts(v))
      : checkHosts,
    a.pattern === 'shared' ? '' : undefined,
  );
  if (a.hosts.length === 0 && a.callbackUrls === undefined) {
    a.callbackUrls = await ask(
      ctx,
      'OAuth callback URLs of the app, comma-separated (e.g. https://app.example.com/callback)',
      splitList,
      (v) =>
        v.length === 0
          ? { ok: false, message: 'without hosts, give at least one callback URL' }
          : checkCallbackUrls(v),
    );
  }
  a.emailDomains ??= await ask(
    ctx,
    'Email domains, comma-separated (e.g. acme.com)',
    splitList,
    checkEmailDomains,
  );
  a.includeSubdomains ??= (
    await ask(ctx, 'Also match subdomains of these email domains? (y/n)', text, yesNo, 'n')
  ).startsWith('y');
  const idpDefault = ctx.takenIdpNames.includes(a.id) ? undefined : a.id;
  a.idpName ??= await ask(
    ctx,
    'Identity provider name in Cognito',
    text,
    notTaken(checkIdpName, ctx.takenIdpNames, 'identity provider'),
    idpDefault,
  );
  if (a.metadataUrl === undefined && a.metadataFile === undefined) {
    const source = await ask(ctx, 'SAML metadata: https:// URL or path to the XML file', text, (v) =>
      v === ''
        ? { ok: false, message: 'give the URL or the file the IdP admin sent' }
        : v.startsWith('http')
          ? checkMetadataUrl(v)
          : checkMetadataPath(ctx.cwd)(v),
    );
    if (source.startsWith('https://')) a.metadataUrl = source;
    else a.metadataFile = source;
  }
  a.groups ??= await ask(
    ctx,
    'IdP groups the app uses, comma-separated (empty: none)',
    splitList,
    optionalList(checkGroup),
    '',
  );
  a.groupPrefixes ??= await ask(
    ctx,
    'Group name prefixes to pass through (empty: none)',
    splitList,
    optionalList(checkGroup),
    '',
  );
  if (a.adminGroup === undefined && (a.groups.length > 0 || a.groupPrefixes.length > 0)) {
    const admin = await ask(
      ctx,
      'Group whose members administer the tenant (empty: none)',
      text,
      (v) => (v === '' ? { ok: true, value: v } : checkGroup(v)),
      '',
    );
    if (admin !== '') a.adminGroup = admin;
  }
  if (a.pattern === 'dedicated' && a.domainPrefix === undefined) {
    a.domainPrefix = await ask(
      ctx,
      'Cognito domain prefix of the new pool',
      text,
      checkDomainPrefix,
      defaultDomainPrefix(a.id, ctx.environment),
    );
  }
  return a;
}

/** Asks for a final yes. */
export async function confirm(ctx: PromptIo, question: string): Promise<boolean> {
  return (await ask(ctx, `${question} (y/n)`, text, yesNo, 'n')).startsWith('y');
}
