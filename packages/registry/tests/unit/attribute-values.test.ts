import { describe, expect, it } from '@jest/globals';
import { marshallItem, unmarshallItem } from '../../src/attribute-values';

describe('attribute values', () => {
  it('round-trips the shapes the registry writes', () => {
    const item = {
      pk: 'DOMAIN#acme.com',
      n: 3,
      flag: true,
      none: null,
      list: ['a', 'b'],
      map: { allow: ['x'] },
    };
    expect({ ...unmarshallItem(marshallItem(item)) }).toEqual(item);
  });

  it('leaves undefined fields out', () => {
    expect(marshallItem({ a: 'x', b: undefined })).toEqual({ a: { S: 'x' } });
  });

  it('reads string sets as arrays and unknown types as undefined', () => {
    const out = unmarshallItem({ s: { SS: ['a'] }, b: { B: 'AAA=' }, junk: 'x' });
    expect(out.s).toEqual(['a']);
    expect(out.b).toBeUndefined();
    expect(out.junk).toBeUndefined();
  });

  it('treats a __proto__ attribute as plain data', () => {
    const out = unmarshallItem(JSON.parse('{"__proto__": {"M": {"polluted": {"BOOL": true}}}}'));
    expect(Object.getPrototypeOf(out)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
  });
});
