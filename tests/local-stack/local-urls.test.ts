import { environmentOnWebPort, onWebPort } from '@cognito-tenancy/local-stack/managed-login/local-urls';
import { environmentFile } from '@cognito-tenancy/local-stack/options';
import { localAppSettings } from '@cognito-tenancy/local-stack/web/app-settings';
import { loadEnvironmentFile } from '@cognito-tenancy/registry/environment';
import { describe, expect, it } from '@jest/globals';

describe('local URLs follow the web port', () => {
  it('moves *.localhost http URLs to the port and leaves every other URL alone', () => {
    expect(onWebPort('http://acme.localhost:4000/callback', 41234)).toBe(
      'http://acme.localhost:41234/callback',
    );
    expect(onWebPort('http://localhost/', 5)).toBe('http://localhost:5/');
    expect(onWebPort('https://acme.localhost:4000/callback', 5)).toBe('https://acme.localhost:4000/callback');
    expect(onWebPort('http://acme.example.com/callback', 5)).toBe('http://acme.example.com/callback');
  });

  it("rewrites every demo tenant's callback and logout URLs, and derives the app settings", () => {
    const env = environmentOnWebPort(loadEnvironmentFile(environmentFile('demo')), 4321);
    const acme = env.tenants.find((t) => t.id === 'acme');
    expect(acme?.callbackUrls).toEqual(['http://acme.localhost:4321/callback']);
    expect(acme?.logoutUrls).toEqual(['http://acme.localhost:4321/']);
    expect(localAppSettings(env, 60, undefined)).toEqual({
      signOutBoundSeconds: 90,
      emailDiscoveryHosts: ['app.localhost', 'localhost'],
    });
  });
});
