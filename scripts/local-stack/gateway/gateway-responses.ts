/**
 * The gateway's own answers (401, 403, 429, 5xx, ...) and their customisation by
 * `aws_api_gateway_gateway_response`: the response of the exact type wins, else
 * DEFAULT_4XX / DEFAULT_5XX; its status, static headers and application/json template
 * (with `$context.error.messageString` / `$context.error.message`) apply.
 */
import type { TwinGatewayResponse } from './twin-stack';

export interface GatewayErrorAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** A JSON value (sent with sendJson) or raw bytes (a template's output). */
  readonly body: unknown;
}

/** Builds the answer for a gateway error of `responseType`. */
export function gatewayErrorAnswer(
  responses: Readonly<Record<string, TwinGatewayResponse>>,
  responseType: string,
  status: number,
  message: string | null,
  errorType: string,
): GatewayErrorAnswer {
  const custom = responses[responseType] ?? responses[status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX'];
  const headers = { 'x-amzn-errortype': errorType, ...(custom?.headers ?? {}) };
  if (custom?.template === undefined) return { status: custom?.status ?? status, headers, body: { message } };
  const text = custom.template
    .replaceAll('$context.error.messageString', JSON.stringify(message))
    .replaceAll('$context.error.message', message ?? '');
  return {
    status: custom.status ?? status,
    headers: { ...headers, 'content-type': 'application/json' },
    body: Buffer.from(text, 'utf8'),
  };
}
