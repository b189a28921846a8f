/**
 * A client of the Lambda Invoke API (`POST /2015-03-31/functions/<name>/invocations`), the
 * same wire protocol cognito-local uses for its triggers, so every function of the local
 * stack runs the same way: the real bundle behind the local Lambda endpoint.
 */

export type InvokeOutcome =
  | { readonly kind: 'result'; readonly payload: unknown }
  | { readonly kind: 'function-error'; readonly errorType: string; readonly errorMessage: string };

/** Invokes a function synchronously with a JSON event. */
export type Invoke = (functionName: string, event: unknown) => Promise<InvokeOutcome>;

/** The Invoke API itself failed (unreachable, unknown function, timeout, bad answer). */
export class LambdaInvokeError extends Error {
  override readonly name = 'LambdaInvokeError';
}

export interface LambdaInvokerOptions {
  /** `http://127.0.0.1:<port>` of the Lambda Invoke API server. */
  readonly endpoint: string;
  /** Bound on one invocation (API Gateway gives integrations 29 s). */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new LambdaInvokeError('the function returned a payload that is not JSON');
  }
}

/** Creates an {@link Invoke} bound to one Lambda endpoint. */
export function createLambdaInvoker(options: LambdaInvokerOptions): Invoke {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 29_000;
  return async (functionName, event) => {
    const url = `${options.endpoint}/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`;
    let response: Response;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse' },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new LambdaInvokeError(`invoking ${functionName} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const text = await response.text();
    if (response.status < 200 || response.status > 299) {
      throw new LambdaInvokeError(`invoking ${functionName}: Lambda endpoint answered ${response.status}`);
    }
    const payload = parseJson(text);
    if (response.headers.get('x-amz-function-error') !== null) {
      const fields = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<
        string,
        unknown
      >;
      return {
        kind: 'function-error',
        errorType: typeof fields.errorType === 'string' ? fields.errorType : 'Error',
        errorMessage: typeof fields.errorMessage === 'string' ? fields.errorMessage : '',
      };
    }
    return { kind: 'result', payload };
  };
}
