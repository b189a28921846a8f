/**
 * Errors of the Parameter Store stand-in, in the shape the real service returns
 * (`{"__type":"ParameterNotFound","message":"..."}`), and readers for request fields
 * that answer a wrong type the way SSM does (a ValidationException).
 */

/** An error the stand-in answers with; `type` becomes `__type`, which the SDK maps to its error class. */
export class SsmError extends Error {
  override readonly name = 'SsmError';
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export const validation = (message: string) => new SsmError('ValidationException', message);

/** The parsed JSON body of one request. */
export type SsmInput = Readonly<Record<string, unknown>>;

/** A string member; `required` refuses absence and the empty string. */
export function stringField(input: SsmInput, name: string, required: true): string;
export function stringField(input: SsmInput, name: string, required?: false): string | undefined;
export function stringField(input: SsmInput, name: string, required = false): string | undefined {
  const value = Object.hasOwn(input, name) ? input[name] : undefined;
  if (value === undefined || value === null) {
    if (required)
      throw validation(
        `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`,
      );
    return undefined;
  }
  if (typeof value !== 'string') throw new SsmError('SerializationException', `${name} must be a string`);
  return value;
}

export function booleanField(input: SsmInput, name: string): boolean {
  const value = Object.hasOwn(input, name) ? input[name] : undefined;
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw new SsmError('SerializationException', `${name} must be a boolean`);
  return value;
}

export function integerField(input: SsmInput, name: string, min: number, max: number): number | undefined {
  const value = Object.hasOwn(input, name) ? input[name] : undefined;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new SsmError('SerializationException', `${name} must be an integer`);
  }
  if (value < min || value > max) {
    throw validation(
      `1 validation error detected: Value '${value}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must have value between ${min} and ${max}`,
    );
  }
  return value;
}

/** A list of 1-`max` strings (GetParameters, DeleteParameters). */
export function namesField(input: SsmInput, name: string, max: number): string[] {
  const value = Object.hasOwn(input, name) ? input[name] : undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw validation(
      `1 validation error detected: Value at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  if (value.length < 1 || value.length > max) {
    throw validation(
      `1 validation error detected: Value at '${lowerFirst(name)}' failed to satisfy constraint: Member must have length between 1 and ${max}`,
    );
  }
  return [...new Set(value as string[])];
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
