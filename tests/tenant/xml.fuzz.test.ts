import { reviewMetadata } from '@cognito-tenancy/tenant-tool/metadata/saml-metadata';
import {
  DEFAULT_XML_LIMITS,
  decodeXml,
  parseXml,
  type XmlElement,
  XmlError,
} from '@cognito-tenancy/tenant-tool/metadata/xml';
import { XmlReader } from '@cognito-tenancy/tenant-tool/metadata/xml-reader';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { goodMetadata, NOW } from './helpers/environment';

/** Parses; returns true on success, false on XmlError; anything else escapes and fails the property. */
function parses(input: string | Uint8Array): boolean {
  try {
    parseXml(input);
    return true;
  } catch (error) {
    if (error instanceof XmlError) return false;
    throw error;
  }
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// Characters XML allows (no controls, no lone surrogates, no U+FFFE/U+FFFF).
const xmlText = fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) =>
  [...s]
    .filter((c) => c >= ' ' || c === '\t' || c === '\n')
    .join('')
    .replace(/[\ufffe\uffff]/g, ''),
);
const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/);

describe('XML parser properties', () => {
  it('never throws anything but XmlError for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => typeof parses(s) === 'boolean'),
      { numRuns: 2000 },
    );
  });

  it('never throws anything but XmlError for markup-heavy text', () => {
    const piece = fc.constantFrom(
      '<',
      '>',
      '/',
      '&',
      ';',
      '"',
      "'",
      '=',
      '!',
      '?',
      '[',
      ']',
      '-',
      'a',
      ':',
      ' ',
      '#',
      'x',
      '1',
      'CDATA',
      'DOCTYPE',
      'xmlns',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (parts) => typeof parses(parts.join('')) === 'boolean'),
      { numRuns: 3000 },
    );
  });

  it('never throws anything but XmlError for arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => typeof parses(bytes) === 'boolean'),
      {
        numRuns: 1000,
      },
    );
  });

  it('reviews any corruption of real metadata without throwing', () => {
    const base = goodMetadata();
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(40), fc.string({ maxLength: 10 }), (at, cut, insert) => {
        const mutated = base.slice(0, at) + insert + base.slice(at + cut);
        const review = reviewMetadata(mutated, { now: NOW, signOut: false });
        expect(Array.isArray(review.issues)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('reads back the text and attribute values it is given', () => {
    fc.assert(
      fc.property(name, xmlText, xmlText, (tag, text, value) => {
        const root = parseXml(`<${tag} v="${escapeXml(value)}">${escapeXml(text)}</${tag}>`);
        expect(root.localName).toBe(tag);
        expect(root.text).toBe(text);
        expect(root.attributes.get('v')).toBe(value.replace(/[\t\n]/g, ' '));
      }),
      { numRuns: 1000 },
    );
  });

  it('resolves namespaces exactly as copying every scope would, with linear work (#19.4)', () => {
    interface Node {
      readonly prefix: string;
      readonly declarations: ReadonlyArray<readonly [string, string]>;
      readonly children: readonly Node[];
    }
    const prefix = fc.constantFrom('', 'a', 'b', 'c');
    const declarations = fc.uniqueArray(
      fc
        .tuple(prefix, fc.constantFrom('urn:1', 'urn:2', 'urn:3', ''))
        .filter(([p, u]) => p === '' || u !== ''),
      { selector: ([p]) => p, maxLength: 3 },
    );
    // Explicit depth: at most four levels below the root, three children each.
    const nodeAt = (depth: number): fc.Arbitrary<Node> =>
      fc.record({
        prefix,
        declarations,
        children: depth === 0 ? fc.constant([]) : fc.array(nodeAt(depth - 1), { maxLength: 3 }),
      });
    const node = nodeAt(4);
    const qname = (n: Node) => (n.prefix === '' ? 'e' : `${n.prefix}:e`);
    const write = (n: Node): string => {
      const attrs = n.declarations
        .map(([p, u]) => (p === '' ? ` xmlns="${u}"` : ` xmlns:${p}="${u}"`))
        .join('');
      return `<${qname(n)}${attrs}>${n.children.map(write).join('')}</${qname(n)}>`;
    };
    // The reference: a fresh copy of the scope per element, the way the reader once worked.
    const expected = (n: Node, scope: ReadonlyMap<string, string>, out: string[]): boolean => {
      const mine = new Map(scope);
      for (const [p, u] of n.declarations) mine.set(p, u);
      const ns = mine.get(n.prefix);
      if (n.prefix !== '' && ns === undefined) return false;
      out.push(ns ?? '');
      return n.children.every((c) => expected(c, mine, out));
    };
    const actual = (el: XmlElement, out: string[]) => {
      out.push(el.namespace);
      for (const c of el.children) actual(c, out);
    };
    const count = (n: Node): number =>
      1 + n.declarations.length + n.children.reduce((a, c) => a + count(c), 0);
    fc.assert(
      fc.property(node, (tree) => {
        const want: string[] = [];
        const bound = expected(tree, new Map(), want);
        const reader = new XmlReader(decodeXml(write(tree)), DEFAULT_XML_LIMITS);
        if (!bound) {
          expect(() => reader.document()).toThrow(/undeclared namespace prefix/);
          return;
        }
        const got: string[] = [];
        actual(reader.document(), got);
        expect(got).toEqual(want);
        expect(reader.namespaceWork).toBeLessThanOrEqual(3 * count(tree));
      }),
      { numRuns: 1000 },
    );
  });
});
