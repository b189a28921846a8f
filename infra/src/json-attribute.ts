/**
 * A JSON document as a resource attribute. Terraform JSON takes it as a string (readable,
 * and what the tests parse); for HCL output (`cdktf synth --hcl`) it goes through
 * `jsonencode()`, because CDKTF's HCL converter garbles strings that hold both quotes and
 * references.
 */
import { App, Fn } from 'cdktf';
import type { Construct } from 'constructs';

export function jsonAttribute(scope: Construct, value: unknown): string {
  return App.of(scope).hclOutput ? Fn.jsonencode(value) : JSON.stringify(value);
}
