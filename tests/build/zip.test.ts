import { createZip } from '@cognito-tenancy/build/zip';
import { describe, expect, it } from '@jest/globals';
import { readZip } from './zip-reader';

describe('deterministic zip', () => {
  const files = [
    { name: 'index.mjs', data: Buffer.from('export const handler = async () => 1;\n'.repeat(50)) },
    { name: 'a/b.txt', data: Buffer.from('hello') },
  ];

  it('writes the same bytes for the same files in any order', () => {
    const one = createZip(files);
    const two = createZip([...files].reverse());
    expect(one.equals(two)).toBe(true);
  });

  it('round-trips content with fixed timestamps, sorted names and 0644 files', () => {
    const entries = readZip(createZip(files));
    expect(entries.map((e) => e.name)).toEqual(['a/b.txt', 'index.mjs']);
    expect(entries[1]?.data.equals(files[0]!.data)).toBe(true);
    for (const entry of entries) {
      expect(entry.dosDate).toBe(33); // 1980-01-01
      expect(entry.dosTime).toBe(0);
      expect(entry.externalAttributes >>> 16).toBe(0o100644);
    }
  });

  it('changes when content changes', () => {
    const other = createZip([{ name: 'index.mjs', data: Buffer.from('x') }]);
    expect(other.equals(createZip(files))).toBe(false);
  });

  it('refuses path-escaping names', () => {
    for (const name of ['../x', '/abs', '']) {
      expect(() => createZip([{ name, data: Buffer.from('x') }])).toThrow('refusing zip entry name');
    }
  });
});
