/**
 * The SSM operations the stand-in speaks, with the real service's inputs, outputs and
 * errors: GetParameter, GetParameters, GetParametersByPath, PutParameter,
 * DeleteParameter and DeleteParameters.
 */
import {
  booleanField,
  integerField,
  namesField,
  SsmError,
  type SsmInput,
  stringField,
  validation,
} from './ssm-errors';
import { checkName, checkPath, checkWritableName, parseSelector } from './ssm-names';
import type { ParameterStore, ParameterTier, ParameterType, StoredVersion } from './ssm-store';

/** Where the stand-in pretends to be (used in ARNs). */
export interface SsmIdentity {
  readonly region: string;
  readonly accountId: string;
}

export type Operation = (store: ParameterStore, input: SsmInput, identity: SsmIdentity) => unknown;

const TYPES: readonly ParameterType[] = ['String', 'StringList', 'SecureString'];
const VALUE_LIMIT: Record<ParameterTier, number> = { Standard: 4096, Advanced: 8192 };

function wire(name: string, v: StoredVersion, decrypt: boolean, id: SsmIdentity, selector?: string) {
  // Without KMS there is nothing to decrypt; an undecrypted SecureString is visibly not plaintext.
  const value = v.type === 'SecureString' && !decrypt ? `kms:alias/aws/ssm:${v.value}` : v.value;
  const path = name.startsWith('/') ? name : `/${name}`;
  return {
    Name: name,
    Type: v.type,
    Value: value,
    Version: v.version,
    ...(selector === undefined ? {} : { Selector: selector }),
    // JSON 1.1 timestamps are epoch seconds.
    LastModifiedDate: v.lastModified / 1000,
    ARN: `arn:aws:ssm:${id.region}:${id.accountId}:parameter${path}`,
    DataType: v.dataType,
  };
}

function read(store: ParameterStore, raw: string, decrypt: boolean, id: SsmIdentity) {
  const { name, version } = parseSelector(raw);
  const found = store.version(name, version);
  return wire(name, found, decrypt, id, version === undefined ? undefined : `:${version}`);
}

const getParameter: Operation = (store, input, id) => ({
  Parameter: read(store, stringField(input, 'Name', true), booleanField(input, 'WithDecryption'), id),
});

const getParameters: Operation = (store, input, id) => {
  const decrypt = booleanField(input, 'WithDecryption');
  const Parameters = [];
  const InvalidParameters = [];
  for (const raw of namesField(input, 'Names', 10)) {
    try {
      Parameters.push(read(store, raw, decrypt, id));
    } catch (error) {
      if (!(error instanceof SsmError) || error.type === 'ValidationException') throw error;
      InvalidParameters.push(raw);
    }
  }
  return { Parameters, InvalidParameters };
};

interface PageToken {
  readonly path: string;
  readonly recursive: boolean;
  readonly after: string;
}

function decodeToken(token: string, path: string, recursive: boolean): string {
  try {
    const data = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as PageToken;
    if (data.path === path && data.recursive === recursive && typeof data.after === 'string')
      return data.after;
  } catch {
    // fall through: any token we did not issue for this query is invalid
  }
  throw new SsmError('InvalidNextToken', 'The specified token is not valid.');
}

const getParametersByPath: Operation = (store, input, id) => {
  const path = checkPath(stringField(input, 'Path', true));
  const recursive = booleanField(input, 'Recursive');
  const decrypt = booleanField(input, 'WithDecryption');
  const max = integerField(input, 'MaxResults', 1, 10) ?? 10;
  const filters = input.ParameterFilters;
  if (Array.isArray(filters) && filters.length > 0) {
    throw validation('ParameterFilters are not supported by the Parameter Store stand-in.');
  }
  const token = stringField(input, 'NextToken');
  const after = token === undefined || token === '' ? undefined : decodeToken(token, path, recursive);
  const base = path === '/' ? '/' : `${path}/`;
  const matches = store.names().filter((name) => {
    if (!name.startsWith(base) || (after !== undefined && name <= after)) return false;
    return recursive || !name.slice(base.length).includes('/');
  });
  const page = matches.slice(0, max);
  const last = page[page.length - 1];
  const more = matches.length > max && last !== undefined;
  return {
    Parameters: page.map((name) => wire(name, store.version(name), decrypt, id)),
    ...(more
      ? { NextToken: Buffer.from(JSON.stringify({ path, recursive, after: last })).toString('base64url') }
      : {}),
  };
};

function putType(input: SsmInput, existing: StoredVersion | undefined): ParameterType {
  const type = stringField(input, 'Type');
  if (type === undefined) {
    if (existing) return existing.type;
    throw validation('A parameter type is required when you create a parameter.');
  }
  if (!TYPES.includes(type as ParameterType)) {
    throw validation(
      `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]`,
    );
  }
  return type as ParameterType;
}

function putTier(input: SsmInput, existing: StoredVersion | undefined, value: string): ParameterTier {
  const tier = stringField(input, 'Tier');
  if (tier === undefined) return existing?.tier ?? 'Standard';
  if (tier === 'Intelligent-Tiering') return value.length > VALUE_LIMIT.Standard ? 'Advanced' : 'Standard';
  if (tier !== 'Standard' && tier !== 'Advanced') throw validation(`Tier ${tier} is not valid.`);
  return tier;
}

function checkPattern(pattern: string | undefined, value: string): void {
  if (pattern === undefined) return;
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${pattern})$`);
  } catch {
    throw validation('AllowedPattern is not a valid regular expression.');
  }
  if (!regex.test(value)) {
    throw new SsmError(
      'ParameterPatternMismatchException',
      `Parameter value, cannot be validated against allowedPattern: ${pattern}`,
    );
  }
}

const putParameter: Operation = (store, input) => {
  const name = checkWritableName(stringField(input, 'Name', true));
  const value = stringField(input, 'Value', true);
  const overwrite = booleanField(input, 'Overwrite');
  if (overwrite && Array.isArray(input.Tags) && input.Tags.length > 0) {
    throw validation("Invalid request: tags and overwrite can't be used together.");
  }
  const existing = store.get(name) ? store.version(name) : undefined;
  if (existing && !overwrite) {
    throw new SsmError(
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
  }
  const type = putType(input, existing);
  const tier = putTier(input, existing, value);
  if (value.length === 0 || value.length > VALUE_LIMIT[tier]) {
    throw validation(`${tier} tier parameters support a value of 1 to ${VALUE_LIMIT[tier]} characters.`);
  }
  const dataType = stringField(input, 'DataType') ?? 'text';
  if (dataType !== 'text') throw validation(`The stand-in supports DataType 'text' only.`);
  const allowedPattern = stringField(input, 'AllowedPattern') ?? existing?.allowedPattern;
  checkPattern(allowedPattern, value);
  const description = stringField(input, 'Description') ?? existing?.description;
  const stored = store.put(name, {
    value,
    type,
    tier,
    dataType,
    lastModified: Date.now(),
    ...(description === undefined ? {} : { description }),
    ...(allowedPattern === undefined ? {} : { allowedPattern }),
  });
  return { Version: stored.version, Tier: stored.tier };
};

const deleteParameter: Operation = (store, input) => {
  const name = checkName(stringField(input, 'Name', true));
  if (!store.delete(name)) throw new SsmError('ParameterNotFound', `Parameter ${name} not found.`);
  return {};
};

const deleteParameters: Operation = (store, input) => {
  const DeletedParameters: string[] = [];
  const InvalidParameters: string[] = [];
  for (const name of namesField(input, 'Names', 10)) {
    (store.delete(name) ? DeletedParameters : InvalidParameters).push(name);
  }
  return { DeletedParameters, InvalidParameters };
};

/** Operation name (the part after `AmazonSSM.` in `X-Amz-Target`) -> implementation. */
export const OPERATIONS: ReadonlyMap<string, Operation> = new Map([
  ['GetParameter', getParameter],
  ['GetParameters', getParameters],
  ['GetParametersByPath', getParametersByPath],
  ['PutParameter', putParameter],
  ['DeleteParameter', deleteParameter],
  ['DeleteParameters', deleteParameters],
]);
