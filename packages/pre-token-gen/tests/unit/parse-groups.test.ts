import { describe, expect, it } from '@jest/globals';
import { MAX_GROUP_NAME_LENGTH, parseGroups } from '../../src/parse-groups';

const groups = (raw: string | undefined) => parseGroups(raw).groups;

describe('parseGroups', () => {
  it('reads a bracketed list as Cognito writes a multi-valued SAML attribute', () => {
    expect(groups('[Admins, Users, app-reader]')).toEqual(['Admins', 'Users', 'app-reader']);
    expect(groups('[Admins,Users]')).toEqual(['Admins', 'Users']);
    expect(groups('[Admins]')).toEqual(['Admins']);
    expect(groups('[]')).toEqual([]);
  });

  it('keeps distinguished names whole, in lists and alone', () => {
    expect(groups('CN=Admins,OU=X')).toEqual(['CN=Admins,OU=X']);
    expect(groups('[CN=Admins,OU=X,DC=acme,DC=com, CN=Users,OU=Y, Plain]')).toEqual([
      'CN=Admins,OU=X,DC=acme,DC=com',
      'CN=Users,OU=Y',
      'Plain',
    ]);
    expect(groups('[CN=Admins, OU=X]')).toEqual(['CN=Admins, OU=X']);
  });

  it('reads URL-encoded values, whole lists and single items', () => {
    expect(groups('%5BAdmins%2C%20Users%5D')).toEqual(['Admins', 'Users']);
    expect(groups('[CN%3DAdmins%2COU%3DX, Sales%20EMEA]')).toEqual(['CN=Admins,OU=X', 'Sales EMEA']);
    expect(groups('Sales%20EMEA')).toEqual(['Sales EMEA']);
    expect(groups('caf%C3%A9')).toEqual(['café']);
  });

  it('decodes only once, so an encoded percent stays a percent', () => {
    expect(groups('100%2541')).toEqual(['100%41']);
  });

  it('keeps a literal percent sign that is not an escape', () => {
    expect(groups('50% Club')).toEqual(['50% Club']);
  });

  it('reads JSON arrays', () => {
    expect(groups('["Admins","CN=Admins,OU=X","a, b"]')).toEqual(['Admins', 'CN=Admins,OU=X', 'a, b']);
  });

  it('reads a single plain value without splitting it', () => {
    expect(groups('Admins')).toEqual(['Admins']);
    expect(groups('  Admins  ')).toEqual(['Admins']);
  });

  it('trims, drops empty items and de-duplicates keeping the first', () => {
    expect(groups('[ b ,a,, b,  ,a ]')).toEqual(['b', 'a']);
  });

  it('drops names that are too long or hold control characters or lone surrogates', () => {
    const long = 'x'.repeat(MAX_GROUP_NAME_LENGTH + 1);
    const max = 'y'.repeat(MAX_GROUP_NAME_LENGTH);
    expect(groups(`[${long}, ${max}, a\u0000b, ok]`)).toEqual([max, 'ok']);
    expect(groups('["a\\ud800", "fine"]')).toEqual(['fine']);
  });

  it('returns no groups for a missing or blank attribute, without flagging it', () => {
    expect(parseGroups(undefined)).toEqual({ groups: [], malformed: false });
    expect(parseGroups('   ')).toEqual({ groups: [], malformed: false });
  });

  it.each([
    ['an unclosed list', '[Admins, Users'],
    ['invalid UTF-8 escapes', '%C3%28'],
    ['invalid escapes inside a list', '[ok, %E0%A4]'],
    ['JSON with non-string items', '["Admins", 1]'],
    ['an oversized value', `[${'a,'.repeat(10_000)}]`],
  ])('returns no groups for %s and flags it', (_name, raw) => {
    expect(parseGroups(raw)).toEqual({ groups: [], malformed: true });
  });

  it('does not decode a list twice', () => {
    // %255B is an encoded "%5B": after one decode it is text, not a list.
    expect(groups('%255BAdmins%255D')).toEqual(['%5BAdmins%5D']);
  });

  it('survives 500 groups', () => {
    const many = Array.from({ length: 500 }, (_, i) => `g${i}`);
    expect(groups(`[${many.join(', ')}]`)).toEqual(many);
  });
});
