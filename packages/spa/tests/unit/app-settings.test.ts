import { describe, expect, it } from '@jest/globals';
import { findsTenantByEmail, loadAppSettings, parseAppSettings } from '../../src/app-settings';

describe('app settings', () => {
  it('keeps valid fields and drops invalid ones', () => {
    expect(parseAppSettings({ signOutBoundSeconds: 90, emailDiscoveryHosts: ['App.Localhost'] })).toEqual({
      signOutBoundSeconds: 90,
      emailDiscoveryHosts: ['app.localhost'],
    });
    expect(parseAppSettings({ signOutBoundSeconds: -1, emailDiscoveryHosts: [1] })).toEqual({});
    expect(parseAppSettings('nope')).toEqual({});
  });

  it('treats a missing settings file as no settings', async () => {
    expect(await loadAppSettings(async () => new Response('', { status: 404 }))).toEqual({});
  });

  it('finds by email only on the listed hosts, or anywhere when none are listed', () => {
    expect(findsTenantByEmail({ emailDiscoveryHosts: ['app.localhost'] }, 'APP.localhost')).toBe(true);
    expect(findsTenantByEmail({ emailDiscoveryHosts: ['app.localhost'] }, 'acmee.localhost')).toBe(false);
    expect(findsTenantByEmail({}, 'anything.localhost')).toBe(true);
  });
});
