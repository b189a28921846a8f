import { describe, expect, it } from '@jest/globals';
import { MetadataTextError, metadataText } from '../../src/saml-metadata-text';

const xml = '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="é"/>';
const bom = Buffer.from([0xef, 0xbb, 0xbf]);

function refusal(input: Uint8Array): MetadataTextError {
  try {
    metadataText(input);
  } catch (error) {
    if (error instanceof MetadataTextError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('metadataText', () => {
  it('removes the UTF-8 byte order mark an Entra download starts with', () => {
    const text = metadataText(Buffer.concat([bom, Buffer.from(xml)]));
    expect(text).toBe(xml);
    expect(text.charCodeAt(0)).toBe(0x3c);
  });

  it('gives the same text for bytes and for the string they decode to', () => {
    expect(metadataText(`\ufeff${xml}`)).toBe(metadataText(Buffer.from(xml)));
  });

  it('removes one byte order mark only', () => {
    expect(metadataText(Buffer.concat([bom, bom, Buffer.from(xml)]))).toBe(`\ufeff${xml}`);
  });

  it('refuses UTF-16 and bytes that are not UTF-8, instead of replacing them', () => {
    expect(refusal(Buffer.from(`\ufeff${xml}`, 'utf16le')).reason).toBe('utf-16');
    const latin1 = refusal(Buffer.from(xml, 'latin1'));
    expect([latin1.reason, latin1.message]).toEqual([
      'not-utf-8',
      'document is not valid UTF-8; export it as UTF-8',
    ]);
  });
});
