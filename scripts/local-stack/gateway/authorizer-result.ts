/**
 * What API Gateway accepts back from a Lambda authorizer: a `principalId`, a policy
 * document and an optional flat `context` of strings, numbers and booleans. Anything
 * else is an authorizer configuration error, which API Gateway answers with a 500.
 */

export type ContextValue = string | number | boolean;

export interface AuthorizerResult {
  readonly principalId: string;
  readonly policyDocument: unknown;
  readonly context: Readonly<Record<string, ContextValue>>;
}

/** The authorizer answered something API Gateway would refuse. */
export class InvalidAuthorizerResultError extends Error {
  override readonly name = 'InvalidAuthorizerResultError';
}

/** Validates an authorizer's response payload. */
export function parseAuthorizerResult(payload: unknown): AuthorizerResult {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new InvalidAuthorizerResultError('authorizer response is not an object');
  }
  const fields = payload as Record<string, unknown>;
  if (typeof fields.principalId !== 'string' || fields.principalId === '') {
    throw new InvalidAuthorizerResultError('authorizer response has no principalId');
  }
  if (typeof fields.policyDocument !== 'object' || fields.policyDocument === null) {
    throw new InvalidAuthorizerResultError('authorizer response has no policyDocument');
  }
  const context: Record<string, ContextValue> = {};
  const raw = fields.context ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidAuthorizerResultError('authorizer context is not an object');
  }
  for (const [key, value] of Object.entries(raw)) {
    // API Gateway rejects nested objects and arrays in the context.
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new InvalidAuthorizerResultError(
        `authorizer context value '${key}' is not a string, number or boolean`,
      );
    }
    context[key] = value;
  }
  return { principalId: fields.principalId, policyDocument: fields.policyDocument, context };
}
