/**
 * CloudWatch Logs JSON filter patterns (`{ $.reason = "ssm-throttled" && $.level = "ERROR" }`),
 * the subset the operations metric filters use, parsed and evaluated the way CloudWatch
 * documents it: selectors `$.a.b`, `=`/`!=` on strings (quoted, `*` as a wildcard) and numbers,
 * `<`, `<=`, `>`, `>=` on numbers, `&&` binding tighter than `||`, parentheses. A selector
 * that is absent, or a value of the other type, does not match (`!=` included).
 * CloudWatch cannot be asked here, so the tests run each pattern against lines the Lambdas'
 * own loggers wrote; this parser refuses anything outside the subset rather than guess.
 */

type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>=';

type Expression =
  | { readonly kind: 'and' | 'or'; readonly left: Expression; readonly right: Expression }
  | {
      readonly kind: 'test';
      readonly path: readonly string[];
      readonly op: Comparison;
      readonly value: string | number;
    };

/** A pattern this module cannot parse (outside the subset, or malformed). */
export class FilterPatternError extends Error {
  override readonly name = 'FilterPatternError';
}

const TOKEN =
  /\s*(?:(\{|\}|\(|\)|&&|\|\||!=|<=|>=|=|<|>)|(\$(?:\.[A-Za-z_][A-Za-z0-9_-]*)+)|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?))/y;

type Token =
  | { readonly type: 'punct'; readonly text: string }
  | { readonly type: 'selector'; readonly path: readonly string[] }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: number };

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < pattern.length) {
    if (/^\s*$/.test(pattern.slice(position))) break;
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(pattern);
    if (match === null)
      throw new FilterPatternError(`unexpected text at ${position}: ${pattern.slice(position)}`);
    position = TOKEN.lastIndex;
    const [, punct, selector, quoted, number] = match;
    if (punct !== undefined) tokens.push({ type: 'punct', text: punct });
    else if (selector !== undefined) tokens.push({ type: 'selector', path: selector.slice(2).split('.') });
    else if (quoted !== undefined) tokens.push({ type: 'string', value: quoted.replace(/\\(.)/g, '$1') });
    else tokens.push({ type: 'number', value: Number(number) });
  }
  return tokens;
}

/** Parses a JSON filter pattern; throws {@link FilterPatternError} outside the subset. */
export function parseFilterPattern(pattern: string): Expression {
  const tokens = tokenize(pattern);
  let index = 0;
  const peek = () => tokens[index];
  const punct = (text: string) => {
    const token = peek();
    if (token?.type === 'punct' && token.text === text) {
      index++;
      return true;
    }
    return false;
  };
  const expect = (text: string) => {
    if (!punct(text)) throw new FilterPatternError(`expected '${text}' at token ${index}`);
  };

  const test = (): Expression => {
    if (punct('(')) {
      const inner = or();
      expect(')');
      return inner;
    }
    const selector = tokens[index++];
    if (selector?.type !== 'selector')
      throw new FilterPatternError(`expected a $. selector at token ${index - 1}`);
    const op = tokens[index++];
    if (op?.type !== 'punct' || !['=', '!=', '<', '<=', '>', '>='].includes(op.text)) {
      throw new FilterPatternError(`expected a comparison after $.${selector.path.join('.')}`);
    }
    const value = tokens[index++];
    if (value?.type !== 'string' && value?.type !== 'number') {
      throw new FilterPatternError(`expected a quoted string or a number after ${op.text}`);
    }
    if (value.type === 'string' && op.text !== '=' && op.text !== '!=') {
      throw new FilterPatternError(`${op.text} compares numbers only`);
    }
    return { kind: 'test', path: selector.path, op: op.text as Comparison, value: value.value };
  };
  const and = (): Expression => {
    let left = test();
    while (punct('&&')) left = { kind: 'and', left, right: test() };
    return left;
  };
  const or = (): Expression => {
    let left = and();
    while (punct('||')) left = { kind: 'or', left, right: and() };
    return left;
  };

  expect('{');
  const expression = or();
  expect('}');
  if (index !== tokens.length) throw new FilterPatternError(`unexpected text after '}'`);
  return expression;
}

function select(event: unknown, path: readonly string[]): unknown {
  let current = event;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function wildcard(expected: string): RegExp {
  const escaped = expected.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 's');
}

function evaluate(expression: Expression, event: unknown): boolean {
  if (expression.kind !== 'test') {
    const left = evaluate(expression.left, event);
    return expression.kind === 'and'
      ? left && evaluate(expression.right, event)
      : left || evaluate(expression.right, event);
  }
  const actual = select(event, expression.path);
  const { op, value } = expression;
  if (typeof value === 'string') {
    if (typeof actual !== 'string') return false;
    const equal = wildcard(value).test(actual);
    return op === '=' ? equal : !equal;
  }
  if (typeof actual !== 'number') return false;
  switch (op) {
    case '=':
      return actual === value;
    case '!=':
      return actual !== value;
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
    case '>':
      return actual > value;
    default:
      return actual >= value;
  }
}

/** Whether `pattern` matches one log event (a line of text; a line that is not a JSON object never matches). */
export function matchesFilterPattern(pattern: string, line: string): boolean {
  const expression = parseFilterPattern(pattern);
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch {
    return false;
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return false;
  return evaluate(expression, event);
}
