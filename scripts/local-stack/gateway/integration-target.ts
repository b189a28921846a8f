/**
 * The target of an HTTP proxy integration, built as API Gateway builds it: the integration
 * URI's scheme, host and port are fixed at deploy time, and only its path placeholders
 * (`{proxy}` in `http://svc/{proxy}`) are filled from the request's path parameters. The
 * request path is never parsed as a URL, so `GET //other-host:1234/x` reaches
 * `http://svc/other-host:1234/x`, never another host (#19.1), and dot segments are sent as
 * they came (no resolution against the URI's base path).
 */

/** An integration URI the twin cannot use (refused at start, naming the resource). */
export class IntegrationUriError extends Error {
  override readonly name = 'IntegrationUriError';
}

export interface IntegrationUri {
  readonly protocol: 'http:' | 'https:';
  readonly hostname: string;
  readonly port: number;
  /** The path with `{name}` placeholders. */
  readonly pathTemplate: string;
  /** Placeholder names, in order. */
  readonly placeholders: readonly string[];
}

const PLACEHOLDER = /\{([A-Za-z0-9_.-]+)\}/g;

/** Parses `http(s)://host[:port]/path/{name}` once, at start. */
export function parseIntegrationUri(uri: string): IntegrationUri {
  const scheme = /^(https?):\/\/([^/?#]+)(\/[^?#]*)?$/.exec(uri);
  if (scheme === null)
    throw new IntegrationUriError(`integration uri "${uri}" is not http(s)://host[:port]/path`);
  const authority = scheme[2] as string;
  if (authority.includes('{') || authority.includes('@')) {
    throw new IntegrationUriError(
      `integration uri "${uri}": placeholders and credentials are refused in the host`,
    );
  }
  const protocol = `${scheme[1]}:` as 'http:' | 'https:';
  const parsed = new URL(`${protocol}//${authority}`);
  const pathTemplate = scheme[3] ?? '/';
  return {
    protocol,
    hostname: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port === '' ? (protocol === 'https:' ? 443 : 80) : Number(parsed.port),
    pathTemplate,
    placeholders: [...pathTemplate.matchAll(PLACEHOLDER)].map((m) => m[1] as string),
  };
}

// RFC 3986 pchar minus `%` (escapes are kept as they came, see encodeSegment).
const PCHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/;

/** Percent-encodes what may not stand in a path segment; existing `%XX` escapes stay. */
function encodeSegment(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i += 1) {
    const c = segment[i] as string;
    if (PCHAR.test(c)) out += c;
    else if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(segment.slice(i + 1, i + 3))) out += c;
    else out += encodeURIComponent(c);
  }
  return out;
}

/** The path and query to send: placeholders filled from `parameters` (a greedy value keeps its `/`). */
export function integrationPath(
  uri: IntegrationUri,
  parameters: Readonly<Record<string, string>>,
  rawQuery: string,
): string {
  const path = uri.pathTemplate.replace(PLACEHOLDER, (_match, name: string) => {
    const value = Object.hasOwn(parameters, name) ? (parameters[name] as string) : '';
    return value.split('/').map(encodeSegment).join('/');
  });
  return rawQuery === '' ? path : `${path}?${rawQuery}`;
}
