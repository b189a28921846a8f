import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ArnPatternError, arnComponents, arnLike, globMatch } from '../../src/arn-like';

const api = 'arn:aws:execute-api:eu-west-1:123456789012:abc123';
const signOut = `${api}/prod/POST/admin/users/3f1c-77/sign-out`;

describe('arnLike', () => {
  it('matches API Gateway source ARNs as IAM does', () => {
    expect(arnLike(`${api}/*/POST/admin/users/*/sign-out`, signOut)).toBe(true);
    expect(arnLike(`${api}/*/*/*`, signOut)).toBe(true);
    expect(arnLike(`${api}/*`, signOut)).toBe(true);
    expect(arnLike(`${api}/prod/GET/*`, signOut)).toBe(false);
  });

  it('treats {sub} as literal text, so a path parameter in source_arn refuses real calls', () => {
    expect(arnLike(`${api}/*/POST/admin/users/{sub}/sign-out`, signOut)).toBe(false);
    expect(
      arnLike(`${api}/*/POST/admin/users/{sub}/sign-out`, `${api}/prod/POST/admin/users/{sub}/sign-out`),
    ).toBe(true);
  });

  it('is case-sensitive', () => {
    expect(arnLike(`${api}/*/post/*`, signOut)).toBe(false);
    expect(arnLike(api.toUpperCase(), api)).toBe(false);
  });

  it('never lets * cross a component boundary before the resource', () => {
    // `*` in the region may not swallow "eu-west-1:123456789012".
    expect(arnLike('arn:aws:execute-api:*:*:123456789012:abc123/*', signOut)).toBe(false);
    expect(arnLike('arn:aws:execute-api:*:123456789012:abc123/*', signOut)).toBe(true);
    expect(arnLike('arn:aws:execute-api:*:999999999999:abc123/*', signOut)).toBe(false);
    expect(arnLike('arn:aws:*:eu-west-1:123456789012:abc123/*', signOut)).toBe(true);
  });

  it('lets the resource component contain colons', () => {
    expect(
      arnLike(
        'arn:aws:logs:eu-west-1:1:log-group:/x:*',
        'arn:aws:logs:eu-west-1:1:log-group:/x:log-stream:y',
      ),
    ).toBe(true);
    expect(arnComponents('a:b:c:d:e:f:g:h')).toEqual(['a', 'b', 'c', 'd', 'e', 'f:g:h']);
  });

  it('matches ? to exactly one character', () => {
    expect(arnLike(`${api}/pro?/*`, signOut)).toBe(true);
    expect(arnLike(`${api}/pr?/*`, signOut)).toBe(false);
    expect(arnLike('arn:aws:execute-api:eu-west-?:123456789012:abc123/*', signOut)).toBe(true);
  });

  it('matches nothing for a value that is not six components', () => {
    expect(arnLike(`${api}/*`, 'arn:aws:execute-api')).toBe(false);
    expect(arnLike('*:*:*:*:*:*', 'not-an-arn')).toBe(false);
    expect(arnLike('*:*:*:*:*:*', signOut)).toBe(true);
  });

  it('refuses malformed patterns and policy variables by name', () => {
    expect(() => arnLike('*', signOut)).toThrow(ArnPatternError);
    expect(() => arnLike('*', signOut)).toThrow(/fewer than 6/);
    expect(() => arnLike(`${api}/\${aws:username}/*`, signOut)).toThrow(/policy variable/);
  });

  it('stays fast on attacker-shaped input (no exponential backtracking)', () => {
    const pattern = `arn:aws:execute-api:r:1:${'*a'.repeat(30)}b`;
    const value = `arn:aws:execute-api:r:1:${'a'.repeat(5000)}`;
    expect(arnLike(pattern, value)).toBe(false);
  });
});

/** The reference: IAM's rule written as one anchored regex per component. */
function reference(pattern: string, text: string): boolean {
  const source = [...pattern]
    .map((c) => (c === '*' ? '[^]*' : c === '?' ? '[^]' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'u').test(text);
}

const component = fc.string({ unit: fc.constantFrom('a', 'b', '/', '*', '?', '{', '}', '-'), maxLength: 12 });
const plain = fc.string({ unit: fc.constantFrom('a', 'b', '/', '{', '}', '-'), maxLength: 12 });

describe('arnLike (properties)', () => {
  it('globMatch equals the regex reference', () => {
    fc.assert(
      fc.property(component, plain, (p, t) => globMatch(p, t) === reference(p, t)),
      { numRuns: 2000 },
    );
  });

  it('an ARN without wildcards matches itself, and only itself', () => {
    const arn = fc.array(plain, { minLength: 6, maxLength: 6 }).map((parts) => parts.join(':'));
    fc.assert(fc.property(arn, arn, (a, b) => arnLike(a, a) && arnLike(a, b) === (a === b)));
  });

  it('per component, a match is exactly a match of every component', () => {
    const parts = fc.array(component, { minLength: 6, maxLength: 6 });
    const values = fc.array(plain, { minLength: 6, maxLength: 6 });
    fc.assert(
      fc.property(
        parts,
        values,
        (p, v) => arnLike(p.join(':'), v.join(':')) === p.every((c, i) => reference(c, v[i] as string)),
      ),
    );
  });
});
