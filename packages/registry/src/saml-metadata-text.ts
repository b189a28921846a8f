/**
 * The text of a SAML metadata document exactly as Cognito receives it. `tenant check`
 * reviews this text, `tenant add` stores it and infra embeds it, so what was checked is what
 * is deployed (a UTF-8 BOM stripped by the checker but kept by infra once reached Cognito as
 * a leading U+FEFF).
 */

/** Cognito accepts a `MetadataFile` of at most this many characters. */
export const COGNITO_MAX_METADATA_CHARS = 131_072;

/** Why bytes are not metadata text: UTF-16 (by its byte order mark) or not valid UTF-8. */
export type MetadataTextReason = 'utf-16' | 'not-utf-8';

/** Bytes that cannot be read as UTF-8 metadata; the message says how to fix the export. */
export class MetadataTextError extends Error {
  override readonly name = 'MetadataTextError';
  constructor(
    readonly reason: MetadataTextReason,
    message: string,
  ) {
    super(message);
  }
}

const BOM = 0xfeff;

/**
 * Decodes a metadata document: UTF-8 only (an invalid sequence throws rather than becoming
 * U+FFFD), UTF-16 refused, and one leading byte order mark removed. A string is taken as
 * already decoded; only its BOM is removed. Throws {@link MetadataTextError}.
 */
export function metadataText(input: Uint8Array | string): string {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    if ((input[0] === 0xfe && input[1] === 0xff) || (input[0] === 0xff && input[1] === 0xfe)) {
      throw new MetadataTextError('utf-16', 'UTF-16 documents are not accepted; export as UTF-8');
    }
    try {
      // ignoreBOM keeps the BOM in the text so that strings and bytes lose it in one place.
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
    } catch {
      throw new MetadataTextError('not-utf-8', 'document is not valid UTF-8; export it as UTF-8');
    }
  }
  return text.charCodeAt(0) === BOM ? text.slice(1) : text;
}
