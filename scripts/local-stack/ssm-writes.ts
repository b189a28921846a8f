/** The write operations of the stand-in: PutParameter, DeleteParameter, DeleteParameters. */
import { booleanField, namesField, SsmError, type SsmInput, stringField, validation } from './ssm-errors';
import { checkName, checkWritableName } from './ssm-names';
import type { Operation } from './ssm-operations';
import type { ParameterTier, ParameterType, StoredVersion } from './ssm-store';

const TYPES: readonly ParameterType[] = ['String', 'StringList', 'SecureString'];
const VALUE_LIMIT: Record<ParameterTier, number> = { Standard: 4096, Advanced: 8192 };

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

export const putParameter: Operation = (store, input) => {
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

export const deleteParameter: Operation = (store, input) => {
  const name = checkName(stringField(input, 'Name', true));
  if (!store.delete(name)) throw new SsmError('ParameterNotFound', `Parameter ${name} not found.`);
  return {};
};

export const deleteParameters: Operation = (store, input) => {
  const DeletedParameters: string[] = [];
  const InvalidParameters: string[] = [];
  for (const name of namesField(input, 'Names', 10)) {
    (store.delete(name) ? DeletedParameters : InvalidParameters).push(name);
  }
  return { DeletedParameters, InvalidParameters };
};
