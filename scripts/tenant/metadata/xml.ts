/**
 * A deliberately small XML parser for SAML metadata. It never resolves anything: a
 * document with a DOCTYPE or an entity declaration is refused before parsing, only the
 * five predefined entities and character references are decoded, and size, depth and
 * node counts are capped. Namespaces are resolved so callers match on (namespace, name).
 */
import { MetadataTextError, metadataText } from '@cognito-tenancy/registry/saml-metadata-text';
import { XmlError } from './xml-error';
import { type XmlDeadline, XmlReader } from './xml-reader';

export { XmlError, type XmlErrorReason } from './xml-error';
export type { XmlDeadline } from './xml-reader';

/** One element, with namespace-resolved names. */
export interface XmlElement {
  /** Name as written, with its prefix (`md:EntityDescriptor`). */
  readonly qname: string;
  readonly localName: string;
  /** Namespace URI; `''` when the element is in no namespace. */
  readonly namespace: string;
  /** Attributes by name as written (`entityID`, `xmlns:md`). */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** Concatenated character data directly inside this element (not its children). */
  readonly text: string;
}

/** Limits applied before and during parsing. */
export interface XmlLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
  readonly maxElements: number;
  readonly maxAttributes: number;
}

/** 1 MB: real IdP metadata is 5-100 KB; anything far larger is a mistake or an attack. */
export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxBytes: 1024 * 1024,
  maxDepth: 64,
  maxElements: 20_000,
  maxAttributes: 128,
};

// Refused anywhere in the document, even inside comments or CDATA: there is no legitimate
// reason for them in IdP metadata, and refusing outright is simpler to trust than handling.
const FORBIDDEN_DECLARATIONS = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;

/**
 * Decodes and pre-checks raw bytes (or text): size, UTF-8 only, no DTD. The text is the one
 * infra sends to Cognito (`metadataText`: one BOM removed). Throws {@link XmlError}.
 */
export function decodeXml(input: Uint8Array | string, limits: XmlLimits = DEFAULT_XML_LIMITS): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > limits.maxBytes) {
    throw new XmlError('too-large', `document is ${size} bytes; the limit is ${limits.maxBytes}`);
  }
  let text: string;
  try {
    text = metadataText(input);
  } catch (caught) {
    if (!(caught instanceof MetadataTextError)) throw caught;
    throw new XmlError('unsupported-encoding', caught.message);
  }
  const declaration = FORBIDDEN_DECLARATIONS.exec(text);
  if (declaration) {
    const what = declaration[1]?.toUpperCase() === 'DOCTYPE' ? 'doctype' : 'entity-declaration';
    throw new XmlError(
      what,
      `document contains <!${declaration[1]}: DTDs and entity declarations are refused`,
    );
  }
  return text;
}

/**
 * Parses a whole document and returns its root element. With a `deadline`, a document not
 * read in time is refused (`timeout`). Throws {@link XmlError}.
 */
export function parseXml(
  input: Uint8Array | string,
  limits: XmlLimits = DEFAULT_XML_LIMITS,
  deadline?: XmlDeadline,
): XmlElement {
  return new XmlReader(decodeXml(input, limits), limits, deadline).document();
}
