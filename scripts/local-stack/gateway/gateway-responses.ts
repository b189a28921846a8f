/**
 * The gateway's own answers (401, 403, 429, 5xx, ...) and their customisation by
 * `aws_api_gateway_gateway_response`: the response of the exact type wins, else
 * DEFAULT_4XX / DEFAULT_5XX; its status, static headers and application/json template
 * (with `$context.error.messageString` / `$context.error.message`) apply, and headers mapped
 * from a request header (`method.request.header.Origin`) echo the request's single value.
 */
import type { TwinGatewayResponse } from './twin-stack';

export interface GatewayErrorAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** A JSON value (sent with sendJson) or raw bytes (a template's output). */
  readonly body: unknown;
  /** Response header -> request header whose value it repeats (filled in where the request is known). */
  readonly echo?: Readonly<Record<string, string>>;
}

/** The echoed headers of an answer: a request header sent once is repeated; absent or repeated, none. */
export function echoedHeaders(
  echo: Readonly<Record<string, string>> | undefined,
  requestHeader: (name: string) => readonly string[],
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [header, source] of Object.entries(echo ?? {})) {
    const values = requestHeader(source);
    if (values.length === 1 && values[0] !== undefined) headers[header] = values[0];
  }
  return headers;
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
  const echo = custom?.echoHeaders === undefined ? {} : { echo: custom.echoHeaders };
  if (custom?.template === undefined)
    return { status: custom?.status ?? status, headers, body: { message }, ...echo };
  const text = custom.template
    .replaceAll('$context.error.messageString', JSON.stringify(message))
    .replaceAll('$context.error.message', message ?? '');
  return {
    status: custom.status ?? status,
    headers: { ...headers, 'content-type': 'application/json' },
    body: Buffer.from(text, 'utf8'),
    ...echo,
  };
}
