/**
 * IAM's `ArnLike` condition operator, as API Gateway's invoke of a Lambda is checked against
 * a resource-policy statement's `AWS:SourceArn` (aws_lambda_permission.source_arn).
 *
 * IAM compares the six colon-delimited ARN components separately (`arn`, partition,
 * service, region, account, resource; the resource is everything after the fifth colon,
 * colons included). In each component `*` matches any run of characters (also none) and `?`
 * exactly one; every other character is literal and case-sensitive. So `*` never crosses a
 * component boundary before the resource: `arn:aws:execute-api:*:123:api/*` does not match an
 * ARN whose account is different, and `{sub}` in a pattern is literal text, never a variable.
 * Policy variables (`${aws:username}`) are not modelled: a pattern containing `${` is refused
 * so a caller cannot mistake it for a literal.
 */

/** The components IAM compares; the last one keeps any further colons. */
export const ARN_COMPONENTS = 6;

export class ArnPatternError extends Error {
  override readonly name = 'ArnPatternError';
}

/** Splits on the first five colons; undefined when there are fewer than five. */
export function arnComponents(arn: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < ARN_COMPONENTS - 1; i += 1) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(arn.slice(start, colon));
    start = colon + 1;
  }
  parts.push(arn.slice(start));
  return parts;
}

/** Checks a pattern once (at start, not per request): six components, no policy variables. */
export function checkArnPattern(pattern: string): void {
  if (pattern.includes('${')) {
    throw new ArnPatternError(
      `ArnLike pattern "${pattern}" uses a policy variable (\${...}); they are not modelled: write the ARN out`,
    );
  }
  if (arnComponents(pattern) === undefined) {
    throw new ArnPatternError(
      `ArnLike pattern "${pattern}" has fewer than ${ARN_COMPONENTS} colon-separated components (arn:partition:service:region:account:resource)`,
    );
  }
}

/**
 * True when `value` matches `pattern` under ArnLike. A value that is not six components
 * matches nothing; a malformed pattern throws ArnPatternError (see checkArnPattern).
 */
export function arnLike(pattern: string, value: string): boolean {
  checkArnPattern(pattern);
  const wanted = arnComponents(pattern) as string[];
  const actual = arnComponents(value);
  if (actual === undefined) return false;
  return wanted.every((component, index) => globMatch(component, actual[index] as string));
}

/**
 * `*` / `?` glob over one component, greedy with a single backtrack point: O(n*m) at worst,
 * never exponential, so an attacker-shaped ARN cannot stall the caller.
 */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let starAt = -1;
  let starText = 0;
  while (t < text.length) {
    const c = pattern[p];
    if (c === '?' || (c !== undefined && c !== '*' && c === text[t])) {
      p += 1;
      t += 1;
    } else if (c === '*') {
      starAt = p;
      starText = t;
      p += 1;
    } else if (starAt >= 0) {
      p = starAt + 1;
      starText += 1;
      t = starText;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p += 1;
  return p === pattern.length;
}
