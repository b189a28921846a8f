/**
 * The tokenizer behind {@link parseXml}: a single forward pass with `indexOf` and sticky
 * regular expressions (no backtracking), building elements on an explicit stack.
 *
 * Namespace prefixes live in one map for the whole document: an element that declares a
 * prefix records the binding it replaced and restores it when it closes. Copying the
 * parent's prefixes per element (as this reader once did) made a 439 KB document with 126
 * declarations on each of 63 nested elements take 38 s; this costs one map write per
 * declaration and one restore, whatever the nesting.
 */
import type { XmlElement, XmlLimits } from './xml';
import { XmlError, type XmlErrorReason } from './xml-error';

const NAME = /[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z_][A-Za-z0-9_.-]*)?/y;
const SPACE = /[ \t\r\n]+/y;
const ONLY_SPACE = /^[ \t\r\n]*$/;
// Characters XML 1.0 forbids anywhere in a document.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;
const ENCODING = /\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;
const UTF8 = /^utf-?8$/;
// Encodings in which an all-ASCII document has exactly the bytes it has in UTF-8.
const ASCII_COMPATIBLE = /^(?:us-ascii|ascii|iso[-_]?8859-\d{1,2}|latin-?1|l1|windows-125\d|cp125\d)$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point.
const ALL_ASCII = /^[\x00-\x7f]*$/;
/** Shared by every element that declares no prefix (never written to). */
const NONE_REPLACED: Array<readonly [string, string | undefined]> = [];
/** How many elements are opened between two looks at the clock. */
const CLOCK_EVERY = 256;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** Longest entity reference we look for; a longer one is malformed. */
const MAX_REFERENCE = 64;

interface OpenElement {
  readonly qname: string;
  readonly localName: string;
  readonly namespace: string;
  readonly attributes: Map<string, string>;
  readonly children: XmlElement[];
  readonly text: string[];
  /** Prefix bindings this element replaced (`undefined`: the prefix was unbound), restored on close. */
  readonly replaced: ReadonlyArray<readonly [string, string | undefined]>;
}

/** A deadline for the whole parse, read from an injected clock. */
export interface XmlDeadline {
  /** Milliseconds on `now`'s scale after which the document is refused. */
  readonly at: number;
  readonly now: () => number;
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Reads one document. Use through `parseXml`, which applies the pre-checks. */
export class XmlReader {
  private pos = 0;
  private count = 0;
  private root: XmlElement | undefined;
  private readonly stack: OpenElement[] = [];
  /**
   * The prefix -> namespace bindings in scope at the current element; `undefined` is an
   * unbound prefix (kept rather than deleted: deleting and re-adding a key makes V8 rehash).
   */
  private readonly bindings = new Map<string, string | undefined>([['xml', XML_NS]]);
  private work = 0;

  constructor(
    private readonly src: string,
    private readonly limits: XmlLimits,
    private readonly deadline?: XmlDeadline,
  ) {}

  /**
   * Namespace bookkeeping done so far (bindings written, restored and looked up): linear in
   * the number of attributes and elements. Tests assert on it instead of on wall time.
   */
  get namespaceWork(): number {
    return this.work;
  }

  document(): XmlElement {
    const bad = CONTROL.exec(this.src);
    if (bad) this.fail('malformed', 'control character not allowed in XML', bad.index);
    while (this.pos < this.src.length) {
      const lt = this.src.indexOf('<', this.pos);
      const end = lt === -1 ? this.src.length : lt;
      if (end > this.pos) this.text(this.src.slice(this.pos, end));
      else if (this.src.startsWith('<?', this.pos)) this.instruction();
      else if (this.src.startsWith('<!--', this.pos)) this.skipPast(4, '-->', 'comment');
      else if (this.src.startsWith('<![CDATA[', this.pos)) this.cdata();
      else if (this.src.startsWith('<!', this.pos)) this.fail('malformed', 'markup declarations are refused');
      else if (this.src.startsWith('</', this.pos)) this.endTag();
      else this.startTag();
    }
    const open = this.stack.at(-1);
    if (open) this.fail('malformed', `element <${open.qname}> is not closed`);
    if (!this.root) this.fail('malformed', 'no root element');
    return this.root;
  }

  private text(raw: string): void {
    const open = this.stack.at(-1);
    if (open) open.text.push(this.decode(raw, this.pos));
    else if (!ONLY_SPACE.test(raw)) this.fail('malformed', 'text outside the root element');
    this.pos += raw.length;
  }

  private instruction(): void {
    const start = this.pos;
    const end = this.skipPast(2, '?>', 'processing instruction');
    const body = this.src.slice(start + 2, end - 2);
    // The target is the name up to whitespace: `xml-stylesheet` is an ordinary instruction.
    const target = /^[^ \t\r\n]*/.exec(body)?.[0] ?? '';
    if (target.toLowerCase() !== 'xml') return;
    if (start !== 0) this.fail('malformed', 'XML declaration is only allowed at the start', start);
    const encoding = ENCODING.exec(body)?.[1]?.toLowerCase();
    if (encoding === undefined || UTF8.test(encoding)) return;
    if (!ASCII_COMPATIBLE.test(encoding)) {
      this.fail(
        'unsupported-encoding',
        `document declares encoding ${encoding}; only UTF-8 is accepted (export the metadata as UTF-8)`,
        start,
      );
    }
    // Pure ASCII reads the same in UTF-8 and in these encodings; anything else would be misread.
    if (!ALL_ASCII.test(this.src)) {
      this.fail(
        'unsupported-encoding',
        `document declares encoding ${encoding} but has non-ASCII characters; only UTF-8 is accepted (export the metadata as UTF-8)`,
        start,
      );
    }
  }

  private cdata(): void {
    const open = this.stack.at(-1);
    if (!open) this.fail('malformed', 'CDATA outside the root element');
    const start = this.pos + '<![CDATA['.length;
    const end = this.skipPast('<![CDATA['.length, ']]>', 'CDATA section');
    open.text.push(this.src.slice(start, end - 3));
  }

  private startTag(): void {
    const tagStart = this.pos;
    this.pos += 1;
    const qname = this.name('an element name');
    const attributes = new Map<string, string>();
    let selfClosing = false;
    for (;;) {
      const spaced = this.space();
      if (this.src.startsWith('/>', this.pos)) {
        this.pos += 2;
        selfClosing = true;
        break;
      }
      if (this.src[this.pos] === '>') {
        this.pos += 1;
        break;
      }
      if (this.pos >= this.src.length) this.fail('malformed', `tag <${qname}> is not terminated`, tagStart);
      if (!spaced) this.fail('malformed', 'expected whitespace, ">" or "/>" in a tag');
      const [name, value] = this.attribute();
      if (attributes.has(name)) this.fail('malformed', `duplicate attribute ${name}`);
      if (attributes.size >= this.limits.maxAttributes) this.fail('malformed', 'too many attributes');
      attributes.set(name, value);
    }
    this.open(qname, attributes, tagStart);
    if (selfClosing) this.close();
  }

  private attribute(): [string, string] {
    const name = this.name('an attribute name');
    this.space();
    if (this.src[this.pos] !== '=') this.fail('malformed', `expected "=" after attribute ${name}`);
    this.pos += 1;
    this.space();
    const quote = this.src[this.pos];
    if (quote !== '"' && quote !== "'") this.fail('malformed', `attribute ${name} needs a quoted value`);
    const end = this.src.indexOf(quote, this.pos + 1);
    if (end === -1) this.fail('malformed', `attribute ${name} is not terminated`);
    const raw = this.src.slice(this.pos + 1, end);
    if (raw.includes('<')) this.fail('malformed', `attribute ${name} contains "<"`);
    // Attribute-value normalisation (XML 1.0 3.3.3): literal whitespace becomes a space.
    const value = this.decode(raw.replace(/[\t\r\n]/g, ' '), this.pos + 1);
    this.pos = end + 1;
    return [name, value];
  }

  private open(qname: string, attributes: Map<string, string>, at: number): void {
    if (
      this.deadline !== undefined &&
      this.count % CLOCK_EVERY === 0 &&
      this.deadline.now() > this.deadline.at
    ) {
      this.fail('timeout', 'the document was not read within the time allowed', at);
    }
    let replaced: Array<readonly [string, string | undefined]> = NONE_REPLACED;
    for (const [name, value] of attributes) {
      if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
      const prefix = name === 'xmlns' ? '' : name.slice('xmlns:'.length);
      if (prefix === 'xmlns' || (prefix === 'xml' && value !== XML_NS) || (prefix !== '' && value === '')) {
        this.fail('malformed', `invalid namespace declaration ${name}`, at);
      }
      if (replaced === NONE_REPLACED) replaced = [];
      replaced.push([prefix, this.bindings.get(prefix)]);
      this.bindings.set(prefix, value);
      this.work += 2;
    }
    for (const name of attributes.keys()) {
      const colon = name.indexOf(':');
      if (colon <= 0 || name.slice(0, colon) === 'xmlns') continue;
      this.work += 1;
      if (this.bindings.get(name.slice(0, colon)) === undefined) {
        this.fail('unbound-prefix', `attribute ${name} uses an undeclared namespace prefix`, at);
      }
    }
    const colon = qname.indexOf(':');
    const prefix = colon > 0 ? qname.slice(0, colon) : '';
    this.work += 1;
    const namespace = this.bindings.get(prefix);
    if (prefix !== '' && namespace === undefined) {
      this.fail('unbound-prefix', `element <${qname}> uses an undeclared namespace prefix`, at);
    }
    if (this.root !== undefined && this.stack.length === 0) this.fail('malformed', 'more than one root', at);
    this.count += 1;
    if (this.count > this.limits.maxElements) {
      this.fail('too-many-elements', `more than ${this.limits.maxElements} elements`, at);
    }
    if (this.stack.length >= this.limits.maxDepth) {
      this.fail('too-deep', `elements nested deeper than ${this.limits.maxDepth}`, at);
    }
    const localName = colon > 0 ? qname.slice(colon + 1) : qname;
    this.stack.push({
      qname,
      localName,
      namespace: namespace ?? '',
      attributes,
      children: [],
      text: [],
      replaced,
    });
  }

  private endTag(): void {
    const at = this.pos;
    this.pos += 2;
    const qname = this.name('an element name');
    this.space();
    if (this.src[this.pos] !== '>') this.fail('malformed', `end tag </${qname}> is not terminated`, at);
    this.pos += 1;
    const open = this.stack.at(-1);
    if (open?.qname !== qname) {
      const expected = open ? `</${open.qname}>` : 'no end tag';
      this.fail('malformed', `end tag </${qname}> where ${expected} was expected`, at);
    }
    this.close();
  }

  private close(): void {
    const open = this.stack.pop();
    if (!open) return;
    // Undo this element's declarations, last first, so the parent's bindings are back.
    for (let i = open.replaced.length - 1; i >= 0; i -= 1) {
      const [prefix, previous] = open.replaced[i] as readonly [string, string | undefined];
      this.bindings.set(prefix, previous);
      this.work += 1;
    }
    // Built field by field: a rest spread per element showed up in profiles of large documents.
    const element: XmlElement = {
      qname: open.qname,
      localName: open.localName,
      namespace: open.namespace,
      attributes: open.attributes,
      children: open.children,
      text: open.text.length === 0 ? '' : open.text.join(''),
    };
    const parent = this.stack.at(-1);
    if (parent) parent.children.push(element);
    else this.root = element;
  }

  private decode(raw: string, offset: number): string {
    if (!raw.includes('&')) return raw;
    let out = '';
    let from = 0;
    for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', from)) {
      const semi = raw.indexOf(';', amp);
      if (semi === -1 || semi - amp > MAX_REFERENCE) {
        this.fail('malformed', 'unterminated entity reference', offset + amp);
      }
      const ref = raw.slice(amp + 1, semi);
      out += raw.slice(from, amp) + this.reference(ref, offset + amp);
      from = semi + 1;
    }
    return out + raw.slice(from);
  }

  private reference(ref: string, at: number): string {
    if (Object.hasOwn(PREDEFINED, ref)) return PREDEFINED[ref] as string;
    const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(ref);
    if (!numeric)
      this.fail('undefined-entity', 'reference to an undefined entity (only the predefined five)', at);
    const code = numeric[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number(numeric[2]);
    if (!isXmlChar(code)) this.fail('malformed', 'character reference to a character XML forbids', at);
    return String.fromCodePoint(code);
  }

  private name(what: string): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.src);
    if (!match) this.fail('malformed', `expected ${what}`);
    this.pos = NAME.lastIndex;
    return match[0];
  }

  private space(): boolean {
    SPACE.lastIndex = this.pos;
    if (!SPACE.test(this.src)) return false;
    this.pos = SPACE.lastIndex;
    return true;
  }

  /** Moves past the opener (`skip` characters) and the next `token`; returns the new position. */
  private skipPast(skip: number, token: string, what: string): number {
    const index = this.src.indexOf(token, this.pos + skip);
    if (index === -1) this.fail('malformed', `unterminated ${what}`);
    this.pos = index + token.length;
    return this.pos;
  }

  private fail(reason: XmlErrorReason, message: string, at = this.pos): never {
    let line = 1;
    for (let i = this.src.indexOf('\n'); i !== -1 && i < at; i = this.src.indexOf('\n', i + 1)) line += 1;
    throw new XmlError(reason, `${message} (line ${line})`);
  }
}
