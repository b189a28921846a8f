import { describe, expect, it } from '@jest/globals';
import { hasSafeMemberNames } from '../../src/json-keys';

describe('hasSafeMemberNames', () => {
  it.each([
    '{}',
    '{"a":1,"b":2}',
    '{"a":{"a":1},"b":[{"a":1},{"a":2}]}',
    '{"a":"b","b":"a"}',
    '{"s":"{\\"a\\":1,\\"a\\":2}"}',
    '{"a":[1,"x",{"b":{}}],"c":null}',
    '{"q":"\\\\","r":"\\""}',
    '[{"a":1},{"a":1}]',
  ])('accepts %s', (json) => {
    expect(hasSafeMemberNames(json, JSON.parse(json))).toBe(true);
  });

  it.each([
    '{"iss":1,"iss":2}',
    '{"a":{"x":1,"x":2}}',
    '{"a":[{"x":1,"x":2}]}',
    '{"iss":1,"\\u0069ss":2}',
    '{"a\\"b":1,"a\\"b":2}',
    '{"__proto__":{}}',
    '{"a":{"constructor":1}}',
    '{"prototype":1}',
    '{"\\u005f_proto__":{}}',
  ])('refuses %s', (json) => {
    expect(hasSafeMemberNames(json, JSON.parse(json))).toBe(false);
  });

  it('scans names after nested containers close', () => {
    const check = (json: string) => hasSafeMemberNames(json, JSON.parse(json));
    expect(check('{"a":{"b":[1,{"c":2}]},"a":3}')).toBe(false);
    expect(check('{"a":[],"b":{},"c":[{}]}')).toBe(true);
  });

  it('refuses nesting deeper than 64 levels', () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(hasSafeMemberNames(deep(64), JSON.parse(deep(64)))).toBe(true);
    expect(hasSafeMemberNames(deep(65), JSON.parse(deep(65)))).toBe(false);
  });

  it('refuses a parsed value that does not match the text', () => {
    expect(hasSafeMemberNames('{"a":1,"b":2}', { a: 1 })).toBe(false);
  });
});
