/** The read operations of the stand-in: GetParameter, GetParameters, GetParametersByPath. */
import { booleanField, integerField, namesField, SsmError, stringField, validation } from './ssm-errors';
import { checkPath, parseSelector } from './ssm-names';
import type { Operation, SsmIdentity } from './ssm-operations';
import type { ParameterStore, StoredVersion } from './ssm-store';

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

export const getParameter: Operation = (store, input, id) => ({
  Parameter: read(store, stringField(input, 'Name', true), booleanField(input, 'WithDecryption'), id),
});

export const getParameters: Operation = (store, input, id) => {
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

export const getParametersByPath: Operation = (store, input, id) => {
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
