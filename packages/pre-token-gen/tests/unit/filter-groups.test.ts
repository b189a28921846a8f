import { describe, expect, it } from '@jest/globals';
import { allowedGroups, capGroups } from '../../src/filter-groups';

const policy = { allow: ['Admins', 'CN=Admins,OU=X'], prefixes: ['app-', 'CN=App-'] };

describe('allowedGroups', () => {
  it('keeps exact names and prefixed names, in input order', () => {
    expect(
      allowedGroups(['Users', 'app-b', 'Admins', 'CN=Admins,OU=X', 'CN=App-1,OU=Y', 'app-a'], policy),
    ).toEqual(['app-b', 'Admins', 'CN=Admins,OU=X', 'CN=App-1,OU=Y', 'app-a']);
  });

  it('is case-sensitive and exact', () => {
    expect(allowedGroups(['admins', 'Admins ', 'APP-x', 'xapp-y', 'CN=Admins'], policy)).toEqual([]);
  });

  it('keeps nothing under an empty policy', () => {
    expect(allowedGroups(['Admins'], { allow: [], prefixes: [] })).toEqual([]);
  });
});

describe('capGroups', () => {
  it('keeps everything within the caps', () => {
    expect(capGroups(['a', 'b'], { maxGroups: 2, maxBytes: 9 })).toEqual({
      groups: ['a', 'b'],
      truncated: false,
    });
  });

  it('keeps the first groups up to the count cap', () => {
    expect(capGroups(['a', 'b', 'c'], { maxGroups: 2, maxBytes: 1000 })).toEqual({
      groups: ['a', 'b'],
      truncated: true,
    });
  });

  it('measures bytes as the JSON array in the token, UTF-8', () => {
    // ["a","b"] is 9 bytes; ["é"] is 6 bytes.
    expect(capGroups(['a', 'b'], { maxGroups: 10, maxBytes: 8 })).toEqual({ groups: ['a'], truncated: true });
    expect(capGroups(['é'], { maxGroups: 10, maxBytes: 5 })).toEqual({ groups: [], truncated: true });
    expect(capGroups(['é'], { maxGroups: 10, maxBytes: 6 })).toEqual({ groups: ['é'], truncated: false });
  });

  it('stops at the first group that does not fit, so the result is a prefix', () => {
    expect(capGroups(['a', 'x'.repeat(50), 'b'], { maxGroups: 10, maxBytes: 20 }).groups).toEqual(['a']);
  });

  it('caps 500 groups by count and by bytes', () => {
    const many = Array.from({ length: 500 }, (_, i) => `group-${i}`);
    const byCount = capGroups(many, { maxGroups: 50, maxBytes: 100_000 });
    expect(byCount.groups).toHaveLength(50);
    const byBytes = capGroups(many, { maxGroups: 500, maxBytes: 2048 });
    expect(Buffer.byteLength(JSON.stringify(byBytes.groups))).toBeLessThanOrEqual(2048);
    expect(byBytes.truncated).toBe(true);
  });

  it('keeps nothing with a zero count cap', () => {
    expect(capGroups(['a'], { maxGroups: 0, maxBytes: 100 })).toEqual({ groups: [], truncated: true });
  });
});
