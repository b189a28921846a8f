/**
 * Hostile metadata, from the attacker's side: external entities (file:// and http://),
 * entity expansion, oversized and deeply nested documents. Each must be refused with its
 * reason code, without reading a file, making a request, or expanding anything.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_XML_LIMITS,
  decodeXml,
  parseXml,
  type XmlDeadline,
  type XmlElement,
  XmlError,
  type XmlErrorReason,
} from '@cognito-tenancy/tenant-tool/metadata/xml';
import { XmlReader } from '@cognito-tenancy/tenant-tool/metadata/xml-reader';
import { describe, expect, it } from '@jest/globals';

const MARKER = 'TOP-SECRET-MARKER-7f3a';

function outcome(
  input: string | Uint8Array,
  deadline?: XmlDeadline,
): { reason: XmlErrorReason; message: string } {
  try {
    parseXml(input, DEFAULT_XML_LIMITS, deadline);
  } catch (error) {
    if (error instanceof XmlError) return { reason: error.reason, message: error.message };
    throw error;
  }
  throw new Error('expected the document to be refused');
}

function secretFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'xxe-')), 'secret.txt');
  writeFileSync(path, MARKER);
  return path;
}

describe('XML parser against hostile documents', () => {
  it('refuses an external entity pointing at a local file and never shows its content', () => {
    const file = secretFile();
    const xml = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file://${file}">]><r>&xxe;</r>`;
    const result = outcome(xml);
    expect(result.reason).toBe('doctype');
    expect(result.message).not.toContain(MARKER);
    expect(result.message).not.toContain(file);
  });

  it('makes no request for an external entity or external DTD over http://', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests += 1;
      res.end('<!ENTITY leak "x">');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const url = `http://127.0.0.1:${port}/evil.dtd`;
      const documents = [
        `<!DOCTYPE r [<!ENTITY xxe SYSTEM "${url}">]><r>&xxe;</r>`,
        `<!DOCTYPE r SYSTEM "${url}"><r/>`,
        `<!DOCTYPE r [<!ENTITY % p SYSTEM "${url}"> %p;]><r/>`,
        `<r xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="${url}"/></r>`,
      ];
      const reasons = documents.slice(0, 3).map((d) => outcome(d).reason);
      expect(reasons).toEqual(['doctype', 'doctype', 'doctype']);
      // XInclude is just an element here: parsed, never followed.
      expect(parseXml(documents[3]!).children[0]?.attributes.get('href')).toBe(url);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  it('refuses the billion laughs entity expansion before expanding anything', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      '<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => {
        const prev = i === 0 ? 'lol' : `lol${i}`;
        return `<!ENTITY lol${i + 1} "${`&${prev};`.repeat(10)}">`;
      }),
      ']>',
      '<lolz>&lol9;</lolz>',
    ].join('\n');
    expect(outcome(lol).reason).toBe('doctype');
  });

  it('refuses DTD markup however it is spelled or hidden', () => {
    expect(outcome('<!doctype r><r/>').reason).toBe('doctype');
    expect(outcome('<r><!-- <!DOCTYPE r> --></r>').reason).toBe('doctype');
    expect(outcome('<r><![CDATA[<!ENTITY x "y">]]></r>').reason).toBe('entity-declaration');
    expect(outcome('<!ENTITY x "y"><r/>').reason).toBe('entity-declaration');
    expect(outcome('<!ELEMENT r ANY><r/>').reason).toBe('entity-declaration');
    expect(outcome('<r><!ATTLIST r a CDATA "x"></r>').reason).toBe('entity-declaration');
  });

  it('treats an undeclared entity reference as an error, not as something to resolve', () => {
    expect(outcome('<r>&xxe;</r>').reason).toBe('undefined-entity');
    expect(outcome('<r a="&xxe;"/>').reason).toBe('undefined-entity');
    expect(outcome('<r>&__proto__;</r>').reason).toBe('undefined-entity');
    expect(outcome('<r>&constructor;</r>').reason).toBe('undefined-entity');
  });

  it('refuses a UTF-16 document, so a DOCTYPE cannot hide from the byte-level check', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<!DOCTYPE r><r/>', 'utf16le')]);
    expect(outcome(utf16).reason).toBe('unsupported-encoding');
  });

  it('refuses a document over 1 MB before parsing it', () => {
    const huge = `<r>${'a'.repeat(1024 * 1024)}</r>`;
    expect(outcome(huge).reason).toBe('too-large');
    expect(outcome(Buffer.from(huge)).reason).toBe('too-large');
    // Multi-byte characters count as bytes, not as string length.
    expect(outcome(`<r>${'é'.repeat(600 * 1024)}</r>`).reason).toBe('too-large');
  });

  it('refuses nesting 100,000 levels deep without exhausting the stack', () => {
    const deep = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`;
    expect(outcome(deep).reason).toBe('too-deep');
  });

  it('refuses a flood of elements within the size cap', () => {
    expect(outcome(`<r>${'<a/>'.repeat(50_000)}</r>`).reason).toBe('too-many-elements');
  });

  it('refuses a flood of attributes on one element', () => {
    const attributes = Array.from({ length: 500 }, (_, i) => `a${i}="x"`).join(' ');
    expect(outcome(`<r ${attributes}/>`).reason).toBe('malformed');
  });

  it('keeps namespace work linear for a document built to make prefix scopes quadratic (#19.4)', () => {
    // Inside every limit: 63 nested elements declaring 126 new prefixes each (7,938 bindings
    // in scope), then 19,000 leaves that each declare one more. Copying the scope for every
    // declaring element moved 150 million map entries here (38 s); the work must stay linear.
    const declarations = (level: number) =>
      Array.from({ length: 126 }, (_, i) => `xmlns:p${level}_${i}="u:${level}:${i}"`).join(' ');
    const open = Array.from({ length: 63 }, (_, level) => `<p0_0:n ${declarations(level)}>`).join('');
    const leaves = `<p62_5:leaf xmlns:q="urn:q" q:a="1"/>${'<x xmlns:q="u"/>'.repeat(18_999)}`;
    const xml = `${open}${leaves}${'</p0_0:n>'.repeat(63)}`;
    expect(xml.length).toBeLessThan(DEFAULT_XML_LIMITS.maxBytes);

    const reader = new XmlReader(decodeXml(xml), DEFAULT_XML_LIMITS);
    let inner = reader.document();
    for (let level = 1; level < 63; level += 1) inner = inner.children[0] as XmlElement;

    expect(inner.children).toHaveLength(19_000);
    expect(inner.children[0]?.namespace).toBe('u:62:5');
    expect(inner.namespace).toBe('u:0:0');
    const attributes = 63 * 126 + 19_000 + 1;
    const elements = 63 + 19_000;
    // Per declaration: a read, a write and a restore; per element and prefixed attribute: a lookup.
    expect(reader.namespaceWork).toBeLessThanOrEqual(3 * (attributes + elements));
  });

  it('refuses a document that is not read before its deadline', () => {
    const xml = `<r>${'<a/>'.repeat(2000)}</r>`;
    let clock = 0;
    // Each look at the clock moves it one second: the deadline passes during the read.
    const late = outcome(xml, { at: 1500, now: () => (clock += 1000) });
    expect(late).toEqual({ reason: 'timeout', message: expect.stringMatching(/not read within the time/) });
    expect(clock).toBe(2000);
    expect(parseXml(xml, DEFAULT_XML_LIMITS, { at: 1500, now: () => 0 }).children).toHaveLength(2000);
  });

  it('does not read files: the parser modules import nothing from node', () => {
    const root = join(import.meta.dirname, '..', '..');
    const dir = join(root, 'scripts', 'tenant', 'metadata');
    const files = [
      ...['xml.ts', 'xml-reader.ts', 'xml-error.ts'].map((file) => join(dir, file)),
      // The shared decoding infra uses too; it must import nothing at all.
      join(root, 'packages', 'registry', 'src', 'saml-metadata-text.ts'),
    ];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect(
        imports.filter(
          (name) => !name?.startsWith('./') && name !== '@cognito-tenancy/registry/saml-metadata-text',
        ),
      ).toEqual([]);
      expect(source).not.toMatch(/\brequire\(|\bimport\(/);
    }
    expect(readFileSync(files[3] as string, 'utf8')).not.toMatch(/from '/);
  });
});
