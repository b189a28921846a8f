/**
 * Parameter name and path rules of SSM Parameter Store, as the real service applies them
 * (so a name the stand-in accepts is one AWS accepts too).
 */
import { SsmError, validation } from './ssm-errors';

/** The longest name SSM accepts (the ARN takes the rest of its 2,048 characters). */
export const MAX_NAME_LENGTH = 1011;
/** Hierarchy levels at most. */
export const MAX_DEPTH = 15;

const NAME_CHARS = /^[a-zA-Z0-9_.\-/]+$/;
const RESERVED = /^\/?(?:aws|ssm)/i;

const NAME_RULE =
  'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';

function checkSegments(name: string, what: string): void {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH || !NAME_CHARS.test(name))
    throw validation(NAME_RULE);
  if (name.includes('/')) {
    if (!name.startsWith('/')) throw validation(`${what} must be a fully qualified name.`);
    const segments = name.slice(1).split('/');
    if (segments.some((s) => s === '')) throw validation(NAME_RULE);
    if (segments.length > MAX_DEPTH) {
      throw new SsmError(
        'HierarchyLevelLimitExceededException',
        `A hierarchy can have a maximum of ${MAX_DEPTH} levels.`,
      );
    }
  }
}

/** Validates a plain name (no selector), as DeleteParameter takes it. */
export function checkName(name: string): string {
  checkSegments(name, 'Parameter name');
  return name;
}

/** Validates a name given to a write (PutParameter). Reserved prefixes are refused. */
export function checkWritableName(name: string): string {
  checkSegments(name, 'Parameter name');
  if (RESERVED.test(name)) throw validation(NAME_RULE);
  return name;
}

/** A name as given to a read, with an optional `:<version>` selector. */
export interface NameSelector {
  readonly name: string;
  readonly version?: number;
}

/** Splits and validates `name` or `name:version`. Labels are not supported by the stand-in. */
export function parseSelector(raw: string): NameSelector {
  const colon = raw.lastIndexOf(':');
  if (colon === -1) {
    checkSegments(raw, 'Parameter name');
    return { name: raw };
  }
  const name = raw.slice(0, colon);
  const selector = raw.slice(colon + 1);
  checkSegments(name, 'Parameter name');
  if (!/^\d{1,9}$/.test(selector)) {
    throw validation('The stand-in supports version selectors (name:3) only, not labels.');
  }
  return { name, version: Number(selector) };
}

/** Validates a GetParametersByPath path; returns it without a trailing slash (`/` stays `/`). */
export function checkPath(path: string): string {
  if (!path.startsWith('/')) throw validation('The parameter path must begin with a forward slash (/).');
  if (path === '/') return path;
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  checkSegments(trimmed, 'Path');
  return trimmed;
}
