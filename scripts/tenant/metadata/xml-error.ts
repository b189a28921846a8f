/** Why a document was refused. Stable codes for `--json` output and tests. */
export type XmlErrorReason =
  | 'too-large'
  | 'unsupported-encoding'
  | 'doctype'
  | 'entity-declaration'
  | 'undefined-entity'
  | 'malformed'
  | 'too-deep'
  | 'too-many-elements'
  | 'unbound-prefix'
  | 'timeout';

/**
 * A document that is not accepted. The message describes the problem and a position,
 * never the document's content (metadata files are the operator's, but error text ends
 * up in CI logs).
 */
export class XmlError extends Error {
  override readonly name = 'XmlError';
  constructor(
    readonly reason: XmlErrorReason,
    message: string,
  ) {
    super(message);
  }
}
