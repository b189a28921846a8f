import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { reviewMetadata } from '../../scripts/tenant/metadata/saml-metadata';
import { parseXml, XmlError } from '../../scripts/tenant/metadata/xml';
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
});
