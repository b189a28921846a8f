/**
 * The demo environment names its app URLs on the default web port
 * (`http://acme.localhost:4000/callback`). When the stack's web server listens elsewhere
 * (`--web-port`, or 0 in tests), the callback and logout URLs of `*.localhost` hosts move
 * with it, so the registry's redirect URIs and the stand-in's allow-lists match the page.
 */
import {
  type ResolvedEnvironment,
  tenantCallbackUrls,
  tenantLogoutUrls,
} from '@cognito-tenancy/registry/environment';

/** `http://<name>.localhost:<any>/...` -> the same on `port`; any other URL unchanged. */
export function onWebPort(url: string, port: number): string {
  const parsed = new URL(url);
  const loopbackName = parsed.hostname === 'localhost' || parsed.hostname.endsWith('.localhost');
  if (parsed.protocol !== 'http:' || !loopbackName) return url;
  parsed.port = String(port);
  return parsed.toString();
}

/** The environment with every tenant's local callback and logout URLs on the web port. */
export function environmentOnWebPort(env: ResolvedEnvironment, port: number): ResolvedEnvironment {
  return {
    ...env,
    tenants: env.tenants.map((tenant) => ({
      ...tenant,
      callbackUrls: tenantCallbackUrls(tenant).map((url) => onWebPort(url, port)),
      logoutUrls: tenantLogoutUrls(tenant).map((url) => onWebPort(url, port)),
    })),
  };
}
