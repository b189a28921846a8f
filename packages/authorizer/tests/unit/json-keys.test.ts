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
    expect(hasSafeMemberNames(json)).toBe(true);
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
    expect(hasSafeMemberNames(json)).toBe(false);
  });

  it('scans names after nested containers close', () => {
    expect(hasSafeMemberNames('{"a":{"b":[1,{"c":2}]},"a":3}')).toBe(false);
    expect(hasSafeMemberNames('{"a":[],"b":{},"c":[{}]}')).toBe(true);
  });
});
