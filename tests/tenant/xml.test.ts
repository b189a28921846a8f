import { parseXml, XmlError, type XmlErrorReason } from '@cognito-tenancy/tenant-tool/metadata/xml';
import { describe, expect, it } from '@jest/globals';

function refusal(input: string | Uint8Array, limits?: Parameters<typeof parseXml>[1]): XmlErrorReason {
  try {
    parseXml(input, limits);
  } catch (error) {
    if (error instanceof XmlError) return error.reason;
    throw error;
  }
  throw new Error('expected the document to be refused');
}

describe('parseXml', () => {
  it('resolves namespaces of elements, including defaults and redeclarations', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?><a:root xmlns:a="urn:a" xmlns="urn:default"><child/><a:x xmlns:a="urn:other"/></a:root>',
    );
    expect(root).toMatchObject({ qname: 'a:root', localName: 'root', namespace: 'urn:a' });
    expect(root.children.map((c) => [c.localName, c.namespace])).toEqual([
      ['child', 'urn:default'],
      ['x', 'urn:other'],
    ]);
  });

  it('decodes the predefined entities and character references in text and attributes', () => {
    const root = parseXml('<r a="&lt;&amp;&#65;&#x42;&quot;">x &gt; y &apos;&#x1F600;</r>');
    expect(root.attributes.get('a')).toBe('<&AB"');
    expect(root.text).toBe("x > y '\u{1F600}");
  });

  it('normalises literal whitespace in attribute values but keeps character references', () => {
    expect(parseXml('<r a="x\ty\nz&#10;"/>').attributes.get('a')).toBe('x y z\n');
  });

  it('keeps CDATA as text, skips comments and processing instructions', () => {
    const root = parseXml('<!-- c --><r><?pi data?><![CDATA[<not & markup>]]><!-- <x/> --></r>');
    expect(root.text).toBe('<not & markup>');
    expect(root.children).toEqual([]);
  });

  it('accepts a UTF-8 byte order mark and bytes', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<r>é</r>')]);
    expect(parseXml(bytes).text).toBe('é');
  });

  it.each([
    ['an unclosed element', '<r><a></r>'],
    ['an unterminated tag', '<r'],
    ['mismatched end tag', '<r></s>'],
    ['an end tag without a start', '</r>'],
    ['text outside the root', '<r/>text'],
    ['two roots', '<r/><s/>'],
    ['no root', '<!-- only a comment -->'],
    ['an empty document', ''],
    ['a duplicate attribute', '<r a="1" a="2"/>'],
    ['an unquoted attribute', '<r a=1/>'],
    ['attributes without whitespace between them', '<r a="1"b="2"/>'],
    ['"<" in an attribute value', '<r a="<"/>'],
    ['an unterminated comment', '<r><!-- x </r>'],
    ['an unterminated CDATA section', '<r><![CDATA[ x </r>'],
    ['CDATA outside the root', '<![CDATA[x]]><r/>'],
    ['an XML declaration after the start', '<r/><?xml version="1.0"?>'],
    ['a bare ampersand', '<r>a & b</r>'],
    ['a reference to a forbidden character', '<r>&#0;</r>'],
    ['a reference beyond Unicode', '<r>&#x110000;</r>'],
    ['a control character', '<r>\u0001</r>'],
    ['a name that starts with a digit', '<1r/>'],
    ['a declaration of the xmlns prefix', '<r xmlns:xmlns="urn:x"/>'],
    ['an empty prefixed namespace', '<r xmlns:p=""/>'],
  ])('refuses %s as malformed', (_name, xml) => {
    expect(refusal(xml)).toBe('malformed');
  });

  it('refuses element and attribute prefixes that were never declared', () => {
    expect(refusal('<md:EntityDescriptor/>')).toBe('unbound-prefix');
    expect(refusal('<r p:a="1"/>')).toBe('unbound-prefix');
  });

  it('says where the problem is without echoing the document', () => {
    expect(() => parseXml('<r>\n<a>\n</b></r>')).toThrow(/line 3/);
    expect(refusal('<r>secret-value &oops;</r>')).toBe('undefined-entity');
    expect(() => parseXml('<r>secret-value &oops;</r>')).toThrow(/^(?!.*secret-value).*undefined entity/);
  });

  it('refuses documents that cannot be read as UTF-8', () => {
    expect(refusal('<?xml version="1.0" encoding="UTF-16"?><r/>')).toBe('unsupported-encoding');
    expect(refusal('<?xml version="1.0" encoding="Shift_JIS"?><r/>')).toBe('unsupported-encoding');
    expect(refusal(Buffer.from([0xff, 0xfe, 0x3c, 0x00]))).toBe('unsupported-encoding');
    expect(refusal(Buffer.from([0x3c, 0x72, 0xff, 0x2f, 0x3e]))).toBe('unsupported-encoding');
  });

  it.each(['ISO-8859-1', 'US-ASCII', 'windows-1252', 'iso-8859-15'])(
    'accepts an all-ASCII document declaring %s: its bytes are the same in UTF-8',
    (encoding) => {
      const xml = `<?xml version="1.0" encoding="${encoding}"?>\n<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/adfs/services/trust"/>`;
      expect(parseXml(Buffer.from(xml, 'latin1')).attributes.get('entityID')).toBe(
        'https://idp.example.com/adfs/services/trust',
      );
    },
  );

  it('refuses a document declaring ISO-8859-1 with non-ASCII characters, which it would misread', () => {
    const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><r a="Société"/>';
    // As UTF-8 bytes (valid UTF-8, but an ISO-8859-1 reader would see "SociÃ©tÃ©") and as Latin-1 bytes.
    expect(refusal(Buffer.from(xml, 'utf8'))).toBe('unsupported-encoding');
    expect(refusal(Buffer.from(xml, 'latin1'))).toBe('unsupported-encoding');
    expect(() => parseXml(Buffer.from(xml, 'utf8'))).toThrow(
      /declares encoding iso-8859-1 but has non-ASCII/,
    );
  });

  it('reads a processing instruction whose target starts with xml (xml-stylesheet) as an instruction', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="utf-8"?>\n<?xml-stylesheet type="text/xsl" href="metadata.xsl"?>\n<r><?xml-model href="x"?></r>',
    );
    expect(root.localName).toBe('r');
    expect(refusal('<r/><?XML version="1.0"?>')).toBe('malformed');
  });

  it('applies the size, depth, element and attribute limits it is given', () => {
    const limits = { maxBytes: 100, maxDepth: 3, maxElements: 5, maxAttributes: 2 };
    expect(refusal('<r>'.padEnd(101, ' '), limits)).toBe('too-large');
    expect(refusal('<a><b><c><d/></c></b></a>', limits)).toBe('too-deep');
    expect(refusal('<a><b/><b/><b/><b/><b/></a>', limits)).toBe('too-many-elements');
    expect(refusal('<a x="1" y="2" z="3"/>', limits)).toBe('malformed');
    expect(parseXml('<a><b><c/></b></a>', limits).children).toHaveLength(1);
  });
});
