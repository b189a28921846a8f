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

/**
 * API behaviours, viewer request: the tenant host reaches the API as a value CloudFront
 * sets. API Gateway must receive its own Host, so the viewer's goes into
 * `x-forwarded-host`, overwriting whatever the client sent under that name (every copy).
 */
export const FORWARD_HOST_FUNCTION = `function handler(event) {
  var request = event.request;
  var host = request.headers.host ? request.headers.host.value : '';
  // Overwrite: a client-sent ${FORWARDED_HOST_HEADER} (one copy or several) is never trusted.
  request.headers['${FORWARDED_HOST_HEADER}'] = { value: host };
  return request;
}
`;

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
