import { describe, expect, it } from '@jest/globals';
import { copyLockfile, importerVersions, lockedNames } from '../../scripts/copy-out/lockfile';

const LOCK = `lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:

  packages/app:
    dependencies:
      '@scope/lib':
        specifier: 'catalog:'
        version: 1.0.0(peer@2.0.0)
      '@cognito-tenancy/registry':
        specifier: workspace:*
        version: link:../registry

packages:

  '@scope/lib@1.0.0':
    resolution: {integrity: sha512-lib}

  peer@2.0.0:
    resolution: {integrity: sha512-peer}

  react-is@19.3.1:
    resolution: {integrity: sha512-react}

  unused@9.9.9:
    resolution: {integrity: sha512-unused}

snapshots:

  '@scope/lib@1.0.0(peer@2.0.0)':
    dependencies:
      peer: 2.0.0
      '@jest/react-is-19': react-is@19.3.1
    transitivePeerDependencies:
      - supports-color

  peer@2.0.0: {}

  react-is@19.3.1: {}

  unused@9.9.9: {}
`;

describe('importerVersions', () => {
  it('reads the resolved version of each dependency of one importer', () => {
    const versions = importerVersions(LOCK, 'packages/app');
    expect(versions.get('@scope/lib')).toBe('1.0.0(peer@2.0.0)');
    expect(versions.get('@cognito-tenancy/registry')).toBe('link:../registry');
    expect(importerVersions(LOCK, 'packages/none').size).toBe(0);
  });
});

describe('copyLockfile', () => {
  const cut = copyLockfile(LOCK, [
    { name: '@scope/lib', specifier: '1.0.0', version: '1.0.0(peer@2.0.0)', dev: false },
    {
      name: '@cognito-tenancy/registry',
      specifier: 'link:vendor/registry',
      version: 'link:vendor/registry',
      dev: false,
    },
  ]);

  it('keeps what the dependencies reach, aliases and one-line entries included', () => {
    expect(lockedNames(cut).sort()).toEqual(['@scope/lib', 'peer', 'react-is']);
    expect(cut).toContain("  '@scope/lib@1.0.0(peer@2.0.0)':\n    dependencies:");
    expect(cut).toContain('  react-is@19.3.1: {}');
  });

  it('drops what nothing reaches', () => {
    expect(cut).not.toContain('unused');
  });

  it('writes the importer with the copy specifiers, links included', () => {
    expect(cut).toContain(
      "  .:\n    dependencies:\n      '@cognito-tenancy/registry':\n        specifier: link:vendor/registry\n        version: link:vendor/registry\n      '@scope/lib':\n        specifier: 1.0.0\n        version: 1.0.0(peer@2.0.0)",
    );
  });

  it('fails naming a version the workspace lockfile does not hold', () => {
    expect(() =>
      copyLockfile(LOCK, [{ name: 'peer', specifier: '3.0.0', version: '3.0.0', dev: true }]),
    ).toThrow(/no snapshot 'peer@3.0.0'/);
  });
});
