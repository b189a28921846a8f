import { describe, expect, it } from '@jest/globals';
import { parseCatalog, parseTopLevelList, resolveVersion } from '../../scripts/copy-out/catalog';

const YAML = [
  'packages:',
  '  - packages/*',
  '',
  '# versions',
  'catalog:',
  '  "@aws-sdk/client-ssm": 3.1162.0',
  '  zod: 4.6.7 # pinned',
  '',
  'onlyBuiltDependencies:',
  '  - "@swc/core"',
  '  - esbuild',
].join('\n');

describe('parseCatalog', () => {
  it('reads quoted and plain names, ignoring comments and other sections', () => {
    expect([...parseCatalog(YAML)]).toEqual([
      ['@aws-sdk/client-ssm', '3.1162.0'],
      ['zod', '4.6.7'],
    ]);
  });

  it('names the line of an entry it cannot read', () => {
    expect(() => parseCatalog('catalog:\n  zod 4.6.7\n')).toThrow(/line 2: expected ' {2}name: version'/);
  });

  it('refuses a file without a catalog', () => {
    expect(() => parseCatalog('packages:\n  - a\n')).toThrow(/no catalog entries/);
  });
});

describe('resolveVersion', () => {
  const catalog = parseCatalog(YAML);

  it('turns catalog: into the pinned version and keeps a written range', () => {
    expect(resolveVersion('zod', 'catalog:', catalog)).toBe('4.6.7');
    expect(resolveVersion('left-pad', '1.3.0', catalog)).toBe('1.3.0');
  });

  it('refuses what cannot exist outside the workspace', () => {
    expect(() => resolveVersion('jest', 'catalog:', catalog)).toThrow(/catalog has no entry for it/);
    expect(() => resolveVersion('@cognito-tenancy/registry', 'workspace:*', catalog)).toThrow(
      /outside the workspace/,
    );
    expect(() => resolveVersion('zod', 'catalog:other', catalog)).toThrow(/outside the workspace/);
  });
});

describe('parseTopLevelList', () => {
  it('reads one list and stops at the next key', () => {
    expect(parseTopLevelList(YAML, 'onlyBuiltDependencies')).toEqual(['@swc/core', 'esbuild']);
    expect(parseTopLevelList(YAML, 'packages')).toEqual(['packages/*']);
  });
});
