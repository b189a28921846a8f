/**
 * The CloudFront Functions (cloudfront-js-2.0) of the SPA distribution, as source text.
 * Tests run the same text in Node, so what is asserted is what CloudFront runs.
 */

/** The header that carries the viewer's host to API Gateway (config-resolver's and the authorizer's TRUSTED_HOST_HEADER). */
export const FORWARDED_HOST_HEADER = 'x-forwarded-host';

/**
 * The authorizer's identity sources behind CloudFront: the token and the forwarded tenant
 * host, so API Gateway's result cache is keyed per tenant host (`context.domainName` is the
 * execute-api host for every request there).
 */
export const HOSTED_AUTHORIZER_IDENTITY_SOURCES: readonly string[] = [
  'method.request.header.Authorization',
  'method.request.header.X-Forwarded-Host',
];

/** What the forward-host function answers for a Host it does not serve (no origin is called). */
export const UNKNOWN_HOST_STATUS = 403;
export const UNKNOWN_HOST_BODY = 'Unknown host';

/**
 * API behaviours, viewer request. First the viewer's Host must be a name this distribution
 * serves: one of `aliases` when it has any (so its own `d<id>.cloudfront.net` name, and any
 * other name, never reaches the API), where a wildcard alias (`*.app.example.com`) serves
 * exactly one DNS label under it, as CloudFront and ACM match; else its own domain name
 * (`event.context.distributionDomainName`, the only name it has). Anything else is answered
 * 403 here, before any origin call. Then API Gateway must receive its own Host, so the
 * viewer's goes into `x-forwarded-host`, overwriting whatever the client sent under that name
 * (every copy). A host the wildcard admits is still only a name: config-resolver and the
 * authorizer serve it only when the registry knows it.
 */
export function forwardHostFunction(aliases: readonly string[] = []): string {
  const lower = aliases.map((alias) => alias.toLowerCase());
  const exact = lower.filter((alias) => !alias.startsWith('*.'));
  // '*.app.example.com' -> '.app.example.com'
  const suffixes = lower.filter((alias) => alias.startsWith('*.')).map((alias) => alias.slice(1));
  return `var ALIASES = ${JSON.stringify(exact)};
var WILDCARD_SUFFIXES = ${JSON.stringify(suffixes)};
function served(host, own) {
  if (ALIASES.length === 0 && WILDCARD_SUFFIXES.length === 0) return own !== '' && host === own;
  if (ALIASES.indexOf(host) !== -1) return true;
  for (var i = 0; i < WILDCARD_SUFFIXES.length; i++) {
    var suffix = WILDCARD_SUFFIXES[i];
    var label = host.length > suffix.length && host.slice(-suffix.length) === suffix ? host.slice(0, host.length - suffix.length) : '';
    if (/^[a-z0-9-]{1,63}$/.test(label)) return true;
  }
  return false;
}
function handler(event) {
  var request = event.request;
  var host = request.headers.host ? request.headers.host.value.toLowerCase() : '';
  var own = event.context && event.context.distributionDomainName ? event.context.distributionDomainName : '';
  if (host === '' || !served(host, own)) {
    return {
      statusCode: ${UNKNOWN_HOST_STATUS},
      statusDescription: 'Forbidden',
      headers: { 'content-type': { value: 'text/plain; charset=utf-8' }, 'cache-control': { value: 'no-store' } },
      body: { encoding: 'text', data: '${UNKNOWN_HOST_BODY}' }
    };
  }
  // Overwrite: a client-sent ${FORWARDED_HOST_HEADER} (one copy or several) is never trusted.
  request.headers['${FORWARDED_HOST_HEADER}'] = { value: host };
  return request;
}
`;
}

/**
 * SPA behaviour, viewer request: a browser navigation (GET or HEAD, accepts HTML, last
 * path segment without a dot) gets `/index.html`; files and every other request go to S3
 * unchanged, so a missing asset stays a 403/404 instead of an HTML page. API paths never
 * reach this function (their own behaviours), so API errors keep their status and body.
 */
export const SPA_FALLBACK_FUNCTION = `function handler(event) {
  var request = event.request;
  var method = request.method;
  var accept = request.headers.accept ? request.headers.accept.value : '';
  var uri = request.uri;
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if ((method === 'GET' || method === 'HEAD') && last.indexOf('.') === -1 && accept.indexOf('text/html') !== -1) {
    request.uri = '/index.html';
  }
  return request;
}
`;
